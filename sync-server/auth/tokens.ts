import { createHash, randomBytes } from 'node:crypto';
import type { Principal, Storage } from '../storage/storage.ts';

/** A bearer token: 32 random bytes, base64url (43 characters). Only its SHA-256 is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Ids for teams and users: random, URL-safe, valid as command/lead ids too (8–64 of [A-Za-z0-9_-]). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;

/** The token's user, or null for anything unknown, revoked, deactivated or malformed (callers say only 401). */
export function authenticate(storage: Storage, token: string | null | undefined): Principal | null {
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  return storage.findToken(hashToken(token));
}

/** `Authorization: Bearer <token>` → the token. */
export function bearer(header: string | undefined): string | null {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return m ? m[1] : null;
}
