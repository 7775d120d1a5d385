import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTHORITY, fieldKey, notesName, WORK } from '../../shared/sync-docs.ts';
import { api } from './helpers/api.ts';
import { TestClient } from './helpers/clients.ts';
import { eventually } from './helpers/retry.ts';
import { seedTeam, startTestServer, type TestTeam } from './helpers/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let team: TestTeam;
const clients: TestClient[] = [];
const client = (user: string, connect = true) => {
  const c = new TestClient(server, team.id, team.users[user].token, connect);
  clients.push(c);
  return c;
};

beforeEach(async () => {
  server = await startTestServer();
  team = seedTeam(server, 'Acme', { tina: 'telemarketer', alex: 'rep', blake: 'rep' });
});
/** Stops the server (clients too) and starts it again on the same data directory. */
async function restartServer(): Promise<void> {
  const dataDir = server.dataDir;
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
  const restarted = await startTestServer({ dataDir });
  const first = server;
  server = {
    ...restarted,
    async teardown() {
      await restarted.teardown();
      await first.teardown();
    },
  };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.teardown();
});

describe('work doc', () => {
  it('two clients editing the same lead offline converge after reconnect, and the server keeps it', async () => {
    const a = client('alex');
    const b = client('blake');
    await Promise.all([a.synced(), b.synced()]);
    const leadId = 'lead-shared-1';
    a.work.getText(notesName(leadId)).insert(0, 'Called on Monday.');
    await eventually(() => b.work.getText(notesName(leadId)).toString() === 'Called on Monday.');

    a.disconnect();
    b.disconnect();
    const fa = a.work.getMap(WORK.fields);
    const fb = b.work.getMap(WORK.fields);
    fa.set(fieldKey(leadId, 'name'), 'Ann Smith');
    fa.set(fieldKey(leadId, 'company'), 'Acme GmbH');
    fb.set(fieldKey(leadId, 'name'), 'Anne Smith');
    fb.set(fieldKey(leadId, 'phones'), ['+4930123456']);
    a.work.getText(notesName(leadId)).insert(0, 'A: wants a quote. ');
    b.work.getText(notesName(leadId)).insert(17, ' B: prefers email.');
    a.connect();
    b.connect();

    await eventually(() => expect(a.work.toJSON()).toEqual(b.work.toJSON()));
    const merged = fa.toJSON();
    expect(merged[fieldKey(leadId, 'company')]).toBe('Acme GmbH');
    expect(merged[fieldKey(leadId, 'phones')]).toEqual(['+4930123456']);
    expect(['Ann Smith', 'Anne Smith']).toContain(merged[fieldKey(leadId, 'name')]);
    const notes = a.work.getText(notesName(leadId)).toString();
    expect(notes).toContain('A: wants a quote.');
    expect(notes).toContain('B: prefers email.');

    // A third replica that was never offline, after a restart of the server, sees the same document.
    await restartServer();
    const c = client('tina');
    await c.synced();
    expect(c.work.getMap(WORK.fields).toJSON()).toEqual(merged);
    expect(c.work.getText(notesName(leadId)).toString()).toBe(notes);
  });
});

describe('authority doc', () => {
  it('drops a client write, tells that client, and keeps syncing everyone', async () => {
    const writer = client('alex');
    const reader = client('blake');
    await Promise.all([writer.synced(), reader.synced()]);
    expect(writer.denied).toEqual([]); // the normal (empty) step-2 reply is not a write

    writer.authority.getMap(AUTHORITY.leads).set('forged', { id: 'forged', stage: 'won' });
    writer.authority.getMap(AUTHORITY.verdicts).set('x', { status: 'accepted' });
    await eventually(() => writer.denied.length > 0);
    expect(writer.denied[0]).toMatch(/only by the server/);

    // The server and the other client still sync: a real command gets its verdict on both.
    const id = writer.send({
      type: 'capture',
      leadId: 'lead-after-forgery',
      contact: { name: 'Real' },
      source: 'manual',
    });
    expect((await reader.verdict(id)).status).toBe('accepted');
    expect((await writer.verdict(id)).status).toBe('accepted');
    expect(reader.leads.has('forged')).toBe(false);
    const fresh = client('tina');
    await fresh.synced();
    expect(fresh.leads.has('forged')).toBe(false);
    expect(fresh.verdicts.has('x')).toBe(false);
    expect(fresh.leads.get('lead-after-forgery')?.stage).toBe('new');
    expect(fresh.denied).toEqual([]);
  });

  it('publishes the team, its members and settings in meta', async () => {
    const c = client('tina');
    await c.synced();
    const meta = c.authority.getMap(AUTHORITY.meta);
    await eventually(() => meta.get('members'));
    expect(meta.get('team')).toEqual({ id: team.id, name: 'Acme' });
    expect((meta.get('members') as { name: string }[]).map((m) => m.name)).toEqual(['tina', 'alex', 'blake']);
    expect((meta.get('settings') as { sqlWindowDays: number }).sqlWindowDays).toBe(7);
  });

  it('removes the decided key from the work doc and never decides an id twice', async () => {
    const a = client('tina');
    await a.synced();
    const cmd = { type: 'capture', leadId: 'lead-once-0001', contact: { name: 'Once' }, source: 'manual' };
    const id = a.send(cmd);
    const first = await a.verdict(id);
    await eventually(() => !a.commands.has(id));
    // A second replica (another device) replays the same command id: same verdict, no second lead event.
    const b = client('tina');
    await b.synced();
    b.commands.set(id, { ...cmd, id, contact: { name: 'Changed' } });
    await eventually(() => !b.commands.has(id));
    expect(b.verdicts.get(id)).toEqual(first);
    const history = await api(server, team.users.tina.token).get('/api/v1/leads/lead-once-0001');
    expect(history.body.events).toHaveLength(1);
    expect(history.body.lead.contact.name).toBe('Once');
  });

  it('a commit that fails sends nothing, keeps what it held and stores it on the retry', async () => {
    const a = client('tina');
    const b = client('alex');
    await Promise.all([a.synced(), b.synced()]);
    const storage = server.storage;
    const real = storage.transaction;
    let calls = 0;
    let seenByPeerBeforeRetry: unknown = 'not checked';
    storage.transaction = (fn) => {
      calls++;
      if (calls === 1) throw new Error('disk I/O error (injected)');
      if (calls === 2)
        seenByPeerBeforeRetry = b.work.getMap(WORK.fields).get(fieldKey('lead-fail-1', 'name'));
      return real(fn);
    };
    try {
      a.work.getMap(WORK.fields).set(fieldKey('lead-fail-1', 'name'), 'Failed Once');
      const id = a.send({ type: 'capture', leadId: 'lead-fail-1', contact: { name: 'F' }, source: 'manual' });
      expect((await a.verdict(id)).status).toBe('accepted');
      await eventually(
        () => b.work.getMap(WORK.fields).get(fieldKey('lead-fail-1', 'name')) === 'Failed Once',
      );
      // The retry (a second later) was the first moment anyone could see the edit: it was stored then.
      expect(calls).toBeGreaterThanOrEqual(2);
      expect(seenByPeerBeforeRetry).toBeUndefined();
      expect(storage.getCommand(team.id, id)?.verdict?.status).toBe('accepted');
    } finally {
      storage.transaction = real;
    }
    // Stored, not only in memory: a restarted server has both the edit and the lead.
    await restartServer();
    const fresh = client('alex');
    await fresh.synced();
    expect(fresh.work.getMap(WORK.fields).get(fieldKey('lead-fail-1', 'name'))).toBe('Failed Once');
    await eventually(() => fresh.authority.getMap(AUTHORITY.leads).has('lead-fail-1'));
  });
});
