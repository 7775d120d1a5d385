import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTHORITY } from '../../shared/sync-docs.ts';
import { CLOSE } from '../../sync-server/close-codes.ts';
import { api } from './helpers/api.ts';
import { TestClient } from './helpers/clients.ts';
import { eventually } from './helpers/retry.ts';
import { startTestServer } from './helpers/server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.teardown());

/** Runs `npm run admin -- …` as a separate process on the server's DATA_DIR, like an operator would. */
// biome-ignore lint/suspicious/noExplicitAny: CLI output is JSON asserted field by field.
function admin(...args: string[]): { code: number; json: any; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'sync-server/admin/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: server.dataDir, PORT: String(server.port) },
    encoding: 'utf8',
  });
  let json: unknown = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {}
  return { code: r.status ?? -1, json, stderr: r.stderr };
}

describe('admin CLI against a running server', () => {
  it('creates a team and users the running server picks up, then revokes and changes settings live', async () => {
    const team = admin('create-team', '--name', 'Live Team').json;
    const rep = admin('add-user', '--team', team.id, '--name', 'Rita', '--role', 'rep').json;
    expect(rep).toMatchObject({ name: 'Rita', role: 'rep', teamId: team.id, active: true });
    expect(rep.invite).toBe(`http://127.0.0.1:${server.port}/join?token=${rep.token}`);
    // The server noticed (data_version) without a restart.
    const me = await eventually(async () => {
      const r = await api(server, rep.token).get('/api/v1/me');
      return r.status === 200 && r.body;
    });
    expect(me).toEqual({
      user: { id: rep.id, name: 'Rita', role: 'rep' },
      team: { id: team.id, name: 'Live Team' },
    });
    expect(admin('list-users', '--team', team.id).json.map((u: { name: string }) => u.name)).toEqual([
      'Rita',
    ]);

    const c = new TestClient(server, team.id, rep.token);
    await c.synced();
    const meta = c.authority.getMap(AUTHORITY.meta);
    await eventually(() => (meta.get('members') as unknown[] | undefined)?.length === 1);
    expect(admin('settings', 'set', '--team', team.id, '--json', '{"sqlWindowDays": 5}').code).toBe(0);
    await eventually(() => (meta.get('settings') as { sqlWindowDays: number }).sqlWindowDays === 5);
    expect(admin('settings', 'get', '--team', team.id).json.sqlWindowDays).toBe(5);

    const closes: number[] = [];
    c.workProvider.on('connection-close', (e) => e && closes.push(e.code));
    expect(admin('revoke-token', '--user', rep.id).json).toEqual({ revoked: 1 });
    await eventually(() => closes.includes(CLOSE.UNAUTHORIZED));
    c.destroy();
  });

  it.each([
    [['add-user', '--team', 'nope', '--name', 'X', '--role', 'rep'], /no team/],
    [['add-user', '--name', 'X'], /missing --team/],
    [['settings', 'set', '--team', 'x'], /needs --json/],
    [['frobnicate'], /unknown command/],
    [['create-team', '--name', 'A', '--json', '{"sqlWindowDays": -1}'], /invalid settings: sqlWindowDays/],
    [['add-user', '--bogus'], /Unknown option/],
  ])('rejects bad arguments clearly: %j', (args, message) => {
    const r = admin(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('rejects settings that do not validate, naming the field', () => {
    const team = admin('create-team', '--name', 'S').json;
    const r = admin('settings', 'set', '--team', team.id, '--json', '{"phases": []}');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/phases/);
  });
});
