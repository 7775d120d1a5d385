import type { Role } from '../../shared/roles.ts';
import { RoleSchema } from '../../shared/roles.ts';
import { DEFAULT_SETTINGS, mergeSettings, type TeamSettings } from '../../shared/settings.ts';
import { hashToken, newId, newToken } from '../auth/tokens.ts';
import type { Storage, TeamRow, UserRow } from '../storage/storage.ts';

/** A usage error: the CLI prints it and exits 2. */
export class AdminError extends Error {}

/**
 * Team and user administration on a Storage. The CLI runs these on DATA_DIR directly (the running server
 * notices through a trigger-maintained change counter, `Storage.adminVersion`); the demo and tests run them on the server's own storage.
 */
export function createTeam(storage: Storage, name: string, settings: unknown = {}): TeamRow {
  const clean = name.trim();
  if (!clean || clean.length > 120) throw new AdminError('--name must be 1–120 characters');
  const team: TeamRow = { id: newId('t'), name: clean, settings: validSettings(DEFAULT_SETTINGS, settings) };
  storage.createTeam(team);
  return team;
}

export type NewUser = { user: UserRow; token: string; invite: string };

export function addUser(
  storage: Storage,
  args: { team: string; name: string; role: string; publicUrl: string },
): NewUser {
  if (!storage.getTeam(args.team)) throw new AdminError(`no team with id "${args.team}"`);
  const role = RoleSchema.safeParse(args.role);
  if (!role.success) throw new AdminError(`--role must be one of ${RoleSchema.options.join(', ')}`);
  const name = args.name.trim();
  if (!name || name.length > 120) throw new AdminError('--name must be 1–120 characters');
  const user: UserRow = { id: newId('u'), teamId: args.team, name, role: role.data, active: true };
  const token = newToken();
  storage.transaction(() => {
    storage.addUser(user);
    storage.addToken(hashToken(token), user.id, Date.now());
  });
  return { user, token, invite: inviteLink(args.publicUrl, token) };
}

/** A new token for an existing user (the old ones stay valid until revoked). */
export function issueToken(storage: Storage, userId: string, publicUrl: string): NewUser {
  const user = storage.getUser(userId);
  if (!user) throw new AdminError(`no user with id "${userId}"`);
  const token = newToken();
  storage.addToken(hashToken(token), user.id, Date.now());
  return { user, token, invite: inviteLink(publicUrl, token) };
}

export function inviteLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/join?token=${token}`;
}

export function revokeToken(storage: Storage, by: { user?: string; token?: string }): number {
  if (by.token) return storage.revokeTokens({ hash: hashToken(tokenFrom(by.token)) }, Date.now());
  if (by.user) {
    if (!storage.getUser(by.user)) throw new AdminError(`no user with id "${by.user}"`);
    return storage.revokeTokens({ userId: by.user }, Date.now());
  }
  throw new AdminError('revoke-token needs --user <id> or --token <token or invite link>');
}

/** Accepts a bare token or a whole invite link. */
function tokenFrom(s: string): string {
  const m = s.match(/[?&]token=([A-Za-z0-9_-]+)/);
  return m ? m[1] : s.trim();
}

export function setUserActive(storage: Storage, userId: string, active: boolean): UserRow {
  if (!storage.getUser(userId)) throw new AdminError(`no user with id "${userId}"`);
  storage.setUserActive(userId, active);
  return storage.getUser(userId)!;
}

export function listUsers(storage: Storage, teamId: string): UserRow[] {
  if (!storage.getTeam(teamId)) throw new AdminError(`no team with id "${teamId}"`);
  return storage.listUsers(teamId);
}

export function getSettings(storage: Storage, teamId: string): TeamSettings {
  const team = storage.getTeam(teamId);
  if (!team) throw new AdminError(`no team with id "${teamId}"`);
  return team.settings;
}

export function setSettings(storage: Storage, teamId: string, patch: unknown): TeamSettings {
  const next = validSettings(getSettings(storage, teamId), patch);
  storage.setTeamSettings(teamId, next);
  return next;
}

function validSettings(base: TeamSettings, patch: unknown): TeamSettings {
  try {
    return mergeSettings(base, patch ?? {});
  } catch (err) {
    const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    const detail = issues?.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new AdminError(`invalid settings: ${detail ?? (err as Error).message}`);
  }
}

export type { Role };
