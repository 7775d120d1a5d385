import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../sync-server/clock.ts';
import { api } from './helpers/api.ts';
import { TestClient } from './helpers/clients.ts';
import { makeSql } from './helpers/flow.ts';
import { eventually } from './helpers/retry.ts';
import { seedTeam, startTestServer, tempDataDir } from './helpers/server.ts';

const DAY = 24 * 3600 * 1000;
const T0 = Date.parse('2030-01-06T09:00:00.000Z');
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('timers on the server clock', () => {
  it('an SQL crosses its deadline while the rep is offline: the later qualify is rejected, the lead is in the pool', async () => {
    const server = await startTestServer({ clock: new TestClock(T0) });
    cleanup.push(() => server.teardown());
    const team = seedTeam(server, 'Acme', { tina: 'telemarketer', alex: 'rep', ada: 'admin' });
    const as = (u: string) => api(server, team.users[u].token);
    const leadId = await makeSql(as('tina'), as('alex'), team.users.alex.id);

    const rep = new TestClient(server, team.id, team.users.alex.token);
    cleanup.push(() => rep.destroy());
    await rep.synced();
    expect(rep.leads.get(leadId)?.sqlDeadline).toBe(T0 + 7 * DAY);
    rep.disconnect();
    const id = rep.send({
      type: 'qualify',
      leadId,
      demand: 'CRM seats',
      seats: 12,
      companyName: 'Acme GmbH',
      issuedAt: T0 + DAY,
    });

    const late = new Date(T0 + 7 * DAY + 1).toISOString();
    const set = await as('ada').post('/api/v1/test/clock', { now: late });
    expect(set.status).toBe(200);
    // The timer ran before the clock endpoint answered: no waiting needed to see the pool.
    const after = (await as('ada').get(`/api/v1/leads/${leadId}`)).body;
    expect(after.lead).toMatchObject({ stage: 'pool', poolReason: 'sql_expired', owner: null });
    const expiry = after.events.find((e: { type: string }) => e.type === 'sqlExpired');
    expect(expiry.at).toBe(T0 + 7 * DAY);

    rep.connect();
    const v = await rep.verdict(id);
    expect(v).toMatchObject({ status: 'rejected', code: 'SQL_DEADLINE_PASSED' });
    expect(v.message).toMatch(/deadline/);
    expect(v.hint).toBeTruthy();
    await eventually(() => rep.leads.get(leadId)?.stage === 'pool');
  });

  it('a server that was down when the deadline passed applies it at the deadline on start', async () => {
    const dataDir = tempDataDir();
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await startTestServer({ dataDir, clock: new TestClock(T0) });
    const team = seedTeam(first, 'Acme', { tina: 'telemarketer', alex: 'rep' });
    const leadId = await makeSql(
      api(first, team.users.tina.token),
      api(first, team.users.alex.token),
      team.users.alex.id,
    );
    await first.close();

    const second = await startTestServer({ dataDir, clock: new TestClock(T0 + 30 * DAY) });
    cleanup.push(() => second.teardown());
    const rep = api(second, team.users.alex.token);
    const r = await eventually(async () => {
      const res = await rep.get(`/api/v1/leads/${leadId}`);
      return res.body.lead.stage === 'pool' && res.body;
    });
    const types = r.events.map((e: { type: string; at: number }) => [e.type, e.at - T0]);
    // Danger (30 days after obtaining it) comes after the expiry, so only the expiry applies, at its own time.
    expect(types).toContainEqual(['sqlExpired', 7 * DAY]);
    expect(r.lead.cooldown).toEqual({ userId: team.users.alex.id, until: T0 + 14 * DAY });
  });

  it('the test clock is admin-only, forward-only, and absent without LEADLINE_TEST_CLOCK', async () => {
    const server = await startTestServer({ clock: new TestClock(T0) });
    cleanup.push(() => server.teardown());
    const team = seedTeam(server, 'Acme', { alex: 'rep', ada: 'admin' });
    const admin = api(server, team.users.ada.token);
    expect(
      (await api(server, team.users.alex.token).post('/api/v1/test/clock', { now: '2031-01-01T00:00:00Z' }))
        .status,
    ).toBe(403);
    expect((await admin.post('/api/v1/test/clock', { now: 'soon' })).status).toBe(400);
    expect((await admin.post('/api/v1/test/clock', { now: '2020-01-01T00:00:00Z' })).status).toBe(409);
    expect((await admin.post('/api/v1/test/clock', { now: '2031-01-01T00:00:00Z' })).body.now).toBe(
      '2031-01-01T00:00:00.000Z',
    );

    const prod = await startTestServer({ testClock: false });
    cleanup.push(() => prod.teardown());
    const t2 = seedTeam(prod, 'Beta', { ada: 'admin' });
    const r = await api(prod, t2.users.ada.token).post('/api/v1/test/clock', { now: '2031-01-01T00:00:00Z' });
    expect(r.status).toBe(404);
  });
});
