import { randomUUID } from 'node:crypto';

// biome-ignore lint/suspicious/noExplicitAny: replies are JSON that tests assert on field by field.
export type Reply = { status: number; body: any };

/** A tiny HTTP client for the API with one user's token. */
export function api(server: { httpUrl: string }, token?: string) {
  const headers = (extra: Record<string, string> = {}) => ({
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...extra,
  });
  async function call(method: string, path: string, body?: string): Promise<Reply> {
    const res = await fetch(`${server.httpUrl}${path}`, {
      method,
      headers: headers(body !== undefined ? { 'content-type': 'application/json' } : {}),
      body,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, body: parsed };
  }
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, JSON.stringify(body)),
    postRaw: (path: string, body: string) => call('POST', path, body),
    /** Sends a command (an id is added when missing). */
    command: (cmd: Record<string, unknown>) =>
      call('POST', '/api/v1/commands', JSON.stringify({ id: randomUUID(), ...cmd })),
  };
}
export type Api = ReturnType<typeof api>;
