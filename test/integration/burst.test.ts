import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldKey, WORK } from '../../shared/sync-docs.ts';
import { TestClient } from './helpers/clients.ts';
import { freshLead } from './helpers/flow.ts';
import { eventually } from './helpers/retry.ts';
import { seedTeam, startTestServer, type TestTeam } from './helpers/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let team: TestTeam;
beforeAll(async () => {
  server = await startTestServer({ compactAfter: 20 });
  team = seedTeam(server, 'Burst', { tina: 'telemarketer', tom: 'telemarketer', gina: 'rep' });
});
afterAll(() => server.teardown());

describe('bursts (the paths that merge, batch and sweep)', () => {
  it('every command and edit of a burst from several clients reaches every client', async () => {
    const a = new TestClient(server, team.id, team.users.tina.token);
    const b = new TestClient(server, team.id, team.users.tom.token);
    const watcher = new TestClient(server, team.id, team.users.gina.token);
    try {
      await Promise.all([a.synced(), b.synced(), watcher.synced()]);
      const ids: string[] = [];
      for (let i = 0; i < 150; i++) {
        for (const c of [a, b]) {
          const { leadId, contact } = freshLead();
          ids.push(c.send({ type: 'capture', leadId, contact, source: 'manual' }));
          c.work.getMap(WORK.fields).set(fieldKey(leadId, 'company'), `Co ${i}`);
        }
      }
      await eventually(() => ids.every((id) => watcher.verdicts.has(id)), { timeout: 20_000 });
      expect(ids.every((id) => watcher.verdicts.get(id)?.status === 'accepted')).toBe(true);
      const fields = (c: TestClient) => c.work.getMap(WORK.fields).size;
      await eventually(() => fields(watcher) === 300 && fields(a) === 300 && fields(b) === 300);
      // The decided keys are swept out of every replica.
      await eventually(() => a.commands.size === 0 && b.commands.size === 0 && watcher.commands.size === 0, {
        timeout: 5000,
      });
    } finally {
      for (const c of [a, b, watcher]) c.destroy();
    }
  });

  it('a client that reconnects gets the cached step 2 plus what changed since', async () => {
    const a = new TestClient(server, team.id, team.users.tina.token);
    const late = new TestClient(server, team.id, team.users.tom.token);
    try {
      await Promise.all([a.synced(), late.synced()]);
      late.disconnect();
      const ids: string[] = [];
      for (let round = 0; round < 5; round++) {
        const { leadId, contact } = freshLead();
        ids.push(a.send({ type: 'capture', leadId, contact, source: 'manual' }));
        await a.verdict(ids.at(-1)!);
        late.connect();
        await late.synced();
        await eventually(() => ids.every((id) => late.verdicts.has(id)));
        late.disconnect();
      }
      expect(late.authority.getMap('leads').size).toBe(a.authority.getMap('leads').size);
    } finally {
      a.destroy();
      late.destroy();
    }
  });
});
