import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { revokeToken } from '../../sync-server/admin/ops.ts';
import { CLOSE } from '../../sync-server/close-codes.ts';
import { api } from './helpers/api.ts';
import { TestClient } from './helpers/clients.ts';
import { eventually } from './helpers/retry.ts';
import { seedTeam, startTestServer, type TestTeam } from './helpers/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let a: TestTeam;
let b: TestTeam;
beforeEach(async () => {
  server = await startTestServer();
  a = seedTeam(server, 'Alpha', { alex: 'rep' });
  b = seedTeam(server, 'Beta', { bea: 'rep' });
});
afterEach(() => server.teardown());

/** Opens a raw WebSocket and reports how the upgrade ended (HTTP status) or that it opened. */
function upgrade(path: string): Promise<{ opened: boolean; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.wsUrl.replace(/\/sync$/, '')}${path}`);
    ws.on('open', () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode }));
    ws.on('error', () => {});
  });
}

describe('authentication and team isolation', () => {
  it('refuses unknown tokens with 401 and other teams with 403, before any document is touched', async () => {
    const tokA = a.users.alex.token;
    expect(await upgrade(`/sync/${a.id}/work?token=${tokA}`)).toEqual({ opened: true });
    expect(await upgrade(`/sync/${a.id}/work`)).toEqual({ opened: false, status: 401 });
    expect(await upgrade(`/sync/${a.id}/work?token=${'x'.repeat(43)}`)).toEqual({
      opened: false,
      status: 401,
    });
    expect(await upgrade(`/sync/${b.id}/work?token=${tokA}`)).toEqual({ opened: false, status: 403 });
    expect(await upgrade(`/sync/${b.id}/authority?token=${tokA}`)).toEqual({ opened: false, status: 403 });
    // A team that does not exist looks exactly like one that does.
    expect(await upgrade(`/sync/t_doesnotexist/work?token=${tokA}`)).toEqual({ opened: false, status: 403 });
    expect(await upgrade(`/sync/t_doesnotexist/work?token=bad`)).toEqual({ opened: false, status: 401 });
    expect(await upgrade(`/sync/${a.id}/other?token=${tokA}`)).toEqual({ opened: false, status: 404 });
  });

  it('a team-A token never reads team B over HTTP', async () => {
    const leadB = 'lead-of-team-b-1';
    const bea = api(server, b.users.bea.token);
    expect(
      (await bea.command({ type: 'capture', leadId: leadB, contact: { name: 'B' }, source: 'api' })).status,
    ).toBe(200);
    const alex = api(server, a.users.alex.token);
    expect((await alex.get(`/api/v1/leads/${leadB}`)).status).toBe(404);
    expect((await alex.get('/api/v1/leads')).body.total).toBe(0);
    expect((await api(server, 'not-a-token').get('/api/v1/leads')).status).toBe(401);
    expect((await api(server).get('/api/v1/me')).status).toBe(401);
    // Same command id in two teams: two independent commands, no verdict crosses over.
    const id = 'shared-command-id';
    const ra = await alex.post('/api/v1/commands', {
      id,
      type: 'capture',
      leadId: 'lead-a-1234',
      contact: { name: 'A' },
      source: 'api',
    });
    expect(ra.body.verdict.leadId).toBe('lead-a-1234');
  });

  it('closes a live connection with 4401 when its token is revoked', async () => {
    const c = new TestClient(server, a.id, a.users.alex.token);
    const closes: number[] = [];
    c.workProvider.on('connection-close', (e) => e && closes.push(e.code));
    await c.synced();
    revokeToken(server.storage, { user: a.users.alex.id });
    server.reload();
    await eventually(() => closes.includes(CLOSE.UNAUTHORIZED));
    expect(c.workProvider.shouldConnect).toBe(false); // 44xx: y-websocket stops retrying
    expect((await api(server, a.users.alex.token).get('/api/v1/me')).status).toBe(401);
    c.destroy();
  });
});
