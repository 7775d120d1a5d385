import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from './helpers/api.ts';
import { TestClient } from './helpers/clients.ts';
import { makePoolLead, makeSql } from './helpers/flow.ts';
import { eventually } from './helpers/retry.ts';
import { seedTeam, startTestServer, type TestTeam } from './helpers/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let team: TestTeam;
const clients: TestClient[] = [];
const client = (user: string) => {
  const c = new TestClient(server, team.id, team.users[user].token);
  clients.push(c);
  return c;
};
const as = (user: string) => api(server, team.users[user].token);

beforeEach(async () => {
  server = await startTestServer();
  team = seedTeam(server, 'Acme', {
    tina: 'telemarketer',
    alex: 'rep',
    blake: 'rep',
    mona: 'manager',
    max: 'manager',
  });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.teardown();
});

describe('the authority under concurrency', () => {
  it('two reps claim the same pool lead concurrently: exactly one wins, the other sees ALREADY_CLAIMED', async () => {
    const leadId = await makePoolLead(as('tina'));
    const a = client('alex');
    const b = client('blake');
    await Promise.all([a.synced(), b.synced()]);
    expect(a.leads.get(leadId)?.stage).toBe('pool');
    // Both claim while offline, then come back at the same moment.
    a.disconnect();
    b.disconnect();
    const ida = a.send({ type: 'claim', leadId });
    const idb = b.send({ type: 'claim', leadId });
    a.connect();
    b.connect();
    const [va, vb] = await Promise.all([a.verdict(ida), a.verdict(idb)]);
    const statuses = [va.status, vb.status].sort();
    expect(statuses).toEqual(['accepted', 'rejected']);
    const loser = va.status === 'rejected' ? va : vb;
    const winner = va.status === 'accepted' ? team.users.alex : team.users.blake;
    expect(loser.code).toBe('ALREADY_CLAIMED');
    expect(loser.message).toContain(winner.name);
    await eventually(() => b.leads.get(leadId)?.owner === winner.id);
    expect(b.leads.get(leadId)?.stage).toBe('sql');
  });

  it('four extension approvals by two offline managers: exactly two accepted', async () => {
    const leadId = await makeSql(as('tina'), as('alex'), team.users.alex.id);
    const deadline0 = (await as('alex').get(`/api/v1/leads/${leadId}`)).body.lead.sqlDeadline;
    const m1 = client('mona');
    const m2 = client('max');
    await Promise.all([m1.synced(), m2.synced()]);
    const verdicts = [];
    for (let round = 0; round < 2; round++) {
      expect(
        (await as('alex').command({ type: 'requestExtension', leadId, reason: 'Budget call' })).status,
      ).toBe(200);
      await eventually(() => m1.leads.get(leadId)?.extensions.some((e) => e.status === 'pending'));
      await eventually(() => m2.leads.get(leadId)?.extensions.some((e) => e.status === 'pending'));
      m1.disconnect();
      m2.disconnect();
      const ids = [
        m1.send({ type: 'decideExtension', leadId, approve: true }),
        m2.send({ type: 'decideExtension', leadId, approve: true }),
      ];
      m1.connect();
      m2.connect();
      for (const id of ids) verdicts.push(await m1.verdict(id));
    }
    expect(verdicts.filter((v) => v.status === 'accepted')).toHaveLength(2);
    expect(verdicts.filter((v) => v.status === 'rejected').map((v) => v.code)).toEqual([
      'NO_PENDING_EXTENSION',
      'NO_PENDING_EXTENSION',
    ]);
    const third = await as('alex').command({ type: 'requestExtension', leadId, reason: 'More' });
    expect(third.status).toBe(409);
    expect(third.body.error).toBe('EXTENSION_LIMIT_REACHED');
    const lead = (await as('alex').get(`/api/v1/leads/${leadId}`)).body.lead;
    expect(lead.extensions.filter((e: { status: string }) => e.status === 'approved')).toHaveLength(2);
    expect(lead.sqlDeadline).toBe(deadline0 + 14 * 24 * 3600 * 1000);
  });

  it('the eleventh extended lead of a rep is rejected EXTENSION_QUOTA_FULL', async () => {
    const leads: string[] = [];
    for (let i = 0; i < 11; i++) leads.push(await makeSql(as('tina'), as('alex'), team.users.alex.id));
    for (const leadId of leads.slice(0, 10)) {
      expect((await as('alex').command({ type: 'requestExtension', leadId, reason: 'r' })).status).toBe(200);
      expect((await as('mona').command({ type: 'decideExtension', leadId, approve: true })).status).toBe(200);
    }
    const a = client('alex');
    await a.synced();
    const id = a.send({ type: 'requestExtension', leadId: leads[10], reason: 'one more' });
    const v = await a.verdict(id);
    expect(v.status).toBe('rejected');
    expect(v.code).toBe('EXTENSION_QUOTA_FULL');
    expect(v.details).toMatchObject({ held: 10, max: 10 });
    expect(v.hint).toBeTruthy();
  });

  it('answers schema-invalid commands and unknown leads with typed verdicts', async () => {
    const a = client('alex');
    await a.synced();
    const bad = a.send({ type: 'capture', leadId: 'x', contact: { emails: ['nope'] } });
    const unknown = a.send({ type: 'claim', leadId: 'no-such-lead-1' });
    const mismatch = 'key-differs-from-id';
    a.commands.set(mismatch, { type: 'claim', id: 'another-id-1', leadId: 'no-such-lead-1' });
    const v1 = await a.verdict(bad);
    expect(v1.code).toBe('INVALID_COMMAND');
    const paths = (v1.details!.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['leadId', 'contact.emails.0', 'source']));
    expect((await a.verdict(unknown)).code).toBe('UNKNOWN_LEAD');
    expect((await a.verdict(mismatch)).code).toBe('INVALID_COMMAND');
    expect((await a.verdict(unknown)).by).toBe(team.users.alex.id);
  });

  it('takes the actor from the connection, never from the command body', async () => {
    const leadId = await makePoolLead(as('tina'));
    const b = client('blake');
    await b.synced();
    const id = b.send({ type: 'claim', leadId, by: team.users.alex.id, actor: team.users.alex.id });
    const v = await b.verdict(id);
    expect(v.by).toBe(team.users.blake.id);
    await eventually(() => b.leads.get(leadId)?.owner === team.users.blake.id);
  });
});
