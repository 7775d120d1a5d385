import { describe, expect, it } from 'vitest';
import { fetchMe, parseSignIn, syncUrl } from './api.ts';

describe('parseSignIn', () => {
  it.each([
    [
      'an invite link in the token field',
      '',
      'http://10.0.0.5:1234/join?token=abcDEF123_-',
      'http://10.0.0.5:1234',
      'abcDEF123_-',
    ],
    [
      'an invite link in the server field',
      'https://ll.example.com/base/join?token=tok123456',
      '',
      'https://ll.example.com/base',
      'tok123456',
    ],
    [
      'an address without scheme, with a trailing slash',
      '127.0.0.1:8080/',
      'tok123456',
      'http://127.0.0.1:8080',
      'tok123456',
    ],
  ])('reads %s', (_m, server, token, url, tok) => {
    expect(parseSignIn(server, token)).toEqual({ ok: true, serverUrl: url, token: tok });
  });
  it.each([
    ['nothing', '', ''],
    ['no token', 'http://x.example', ''],
    ['a token with spaces', 'http://x.example', 'abc def'],
    ['a broken address', 'http://', 'tok'],
  ])('explains %s', (_m, server, token) => {
    const r = parseSignIn(server, token);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message.length).toBeGreaterThan(10);
  });
  it('derives the y-websocket URL', () => {
    expect(syncUrl('https://ll.example.com/base')).toBe('wss://ll.example.com/base/sync');
  });
});

describe('fetchMe', () => {
  const reply = (status: number, body: string) => async () => new Response(body, { status });
  it.each([
    ['401', reply(401, '{"error":"UNAUTHORIZED"}'), 'UNAUTHORIZED'],
    ['500', reply(500, 'oops'), 'SERVER_ERROR'],
    ['HTML', reply(200, '<html>hello</html>'), 'NOT_LEADLINE'],
    ['JSON of another shape', reply(200, '{"ok":true}'), 'NOT_LEADLINE'],
    ['a 404', reply(404, 'not found'), 'NOT_LEADLINE'],
    ['no answer', async () => Promise.reject(new TypeError('fetch failed')), 'UNREACHABLE'],
  ])('classifies %s', async (_m, impl, problem) => {
    const r = await fetchMe('http://x.example', 'tok', 1000, impl as typeof fetch);
    expect(r).toMatchObject({ ok: false, problem });
  });
  it('returns who the token belongs to', async () => {
    const body = JSON.stringify({
      user: { id: 'u1', name: 'Ana', role: 'rep' },
      team: { id: 't1', name: 'Acme' },
    });
    const r = await fetchMe(
      'http://x.example',
      'tok',
      1000,
      (async () => new Response(body)) as typeof fetch,
    );
    expect(r).toEqual({
      ok: true,
      me: { user: { id: 'u1', name: 'Ana', role: 'rep' }, team: { id: 't1', name: 'Acme' } },
    });
  });
});
