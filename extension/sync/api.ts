import { z } from 'zod';
import { RoleSchema } from '../../shared/roles.ts';

/** GET /api/v1/me: who the token belongs to. */
export const MeSchema = z.object({
  user: z.object({ id: z.string().min(1), name: z.string(), role: RoleSchema }),
  team: z.object({ id: z.string().min(1), name: z.string() }),
});
export type Me = z.infer<typeof MeSchema>;

export type SignInProblem = 'BAD_INPUT' | 'UNREACHABLE' | 'UNAUTHORIZED' | 'NOT_LEADLINE' | 'SERVER_ERROR';
export type MeResult = { ok: true; me: Me } | { ok: false; problem: SignInProblem; message: string };

/**
 * What the user typed: a server URL and a token, or an invite link (`http://host:port/join?token=…`) that
 * carries both. Returns the server's base URL (no trailing slash) and the token.
 */
export function parseSignIn(
  serverInput: string,
  tokenInput: string,
): { ok: true; serverUrl: string; token: string } | { ok: false; message: string } {
  const server = serverInput.trim();
  const token = tokenInput.trim();
  // An invite link pasted in either field carries both.
  for (const text of [token, server]) {
    if (!/^https?:\/\//i.test(text)) continue;
    const url = safeUrl(text);
    const t = url?.searchParams.get('token');
    if (url && t && /\/join\/?$/.test(url.pathname)) {
      return { ok: true, serverUrl: `${url.origin}${url.pathname.replace(/\/join\/?$/, '')}`, token: t };
    }
  }
  if (!server)
    return { ok: false, message: 'Enter the server address your admin gave you, or paste your invite link.' };
  const url = safeUrl(/^https?:\/\//i.test(server) ? server : `http://${server}`);
  if (!url?.hostname)
    return {
      ok: false,
      message: `“${server}” is not a web address (e.g. http://leadline.example.com:8080).`,
    };
  if (!token) return { ok: false, message: 'Enter your access token, or paste your invite link.' };
  if (/\s/.test(token))
    return { ok: false, message: 'The token contains spaces: copy it again from your invite.' };
  return { ok: true, serverUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, token };
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** `http://h:p/base` → `ws://h:p/base/sync`, the y-websocket server URL (room names are appended). */
export function syncUrl(serverUrl: string): string {
  return `${serverUrl.replace(/^http/i, 'ws')}/sync`;
}

/** Checks a server URL and token with GET /api/v1/me; every failure comes back as a sentence for the user. */
export async function fetchMe(
  serverUrl: string,
  token: string,
  timeoutMs = 8000,
  fetchImpl: typeof fetch = fetch,
): Promise<MeResult> {
  let res: Response;
  try {
    res = await fetchImpl(`${serverUrl}/api/v1/me`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    });
  } catch {
    return {
      ok: false,
      problem: 'UNREACHABLE',
      message: `No server answered at ${serverUrl}. Check the address, or ask your admin whether the server is running.`,
    };
  }
  if (res.status === 401 || res.status === 403) {
    return {
      ok: false,
      problem: 'UNAUTHORIZED',
      message: 'The server did not accept this token. Ask your admin for a new invite link.',
    };
  }
  if (res.status >= 500) {
    return {
      ok: false,
      problem: 'SERVER_ERROR',
      message: `The server had a problem (HTTP ${res.status}). Try again in a minute.`,
    };
  }
  const body = res.ok ? await res.json().catch(() => undefined) : undefined;
  const me = MeSchema.safeParse(body);
  if (!me.success) {
    return {
      ok: false,
      problem: 'NOT_LEADLINE',
      message: `${serverUrl} answered, but not like a Leadline server${res.ok ? '' : ` (HTTP ${res.status})`}. Check the address.`,
    };
  }
  return { ok: true, me: me.data };
}
