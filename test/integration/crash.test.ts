import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Verdict } from '../../shared/sync-docs.ts';
import { addUser, createTeam } from '../../sync-server/admin/ops.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { api } from './helpers/api.ts';
import { type ChildServer, spawnServer } from './helpers/child.ts';
import { TestClient } from './helpers/clients.ts';
import { freshLead } from './helpers/flow.ts';
import { eventually } from './helpers/retry.ts';
import { tempDataDir } from './helpers/server.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function seed(dataDir: string) {
  const storage = openSqliteStorage(dataDir);
  const team = createTeam(storage, 'Crashy');
  const tina = addUser(storage, { team: team.id, name: 'tina', role: 'telemarketer', publicUrl: 'http://x' });
  const tom = addUser(storage, { team: team.id, name: 'tom', role: 'telemarketer', publicUrl: 'http://x' });
  storage.close();
  return { teamId: team.id, tina: tina.token, tom: tom.token };
}

describe('kill -9', () => {
  it('loses no acknowledged verdict, and decides what clients resend after the restart', async () => {
    const dataDir = tempDataDir();
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const { teamId, tina, tom } = seed(dataDir);
    let server: ChildServer = await spawnServer(dataDir);
    cleanup.push(() => server.stop());

    // Stream 1: HTTP commands; a 200/409 answer is an acknowledgement.
    const acked = new Map<string, Verdict>();
    let stop = false;
    const http = api(server, tina);
    const loops = [0, 1, 2].map(async () => {
      while (!stop) {
        const { leadId, contact } = freshLead();
        try {
          const r = await http.command({ type: 'capture', leadId, contact, source: 'api' });
          if (r.status === 200) acked.set(r.body.verdict.commandId, r.body.verdict);
        } catch {
          return; // the server died under this request: not acknowledged
        }
      }
    });
    // Stream 2: commands written into the work doc by a client that outlives the crash.
    const doc = new TestClient(server, teamId, tom);
    cleanup.push(() => doc.destroy());
    await doc.synced();
    const sent: string[] = [];
    const docAcked = new Map<string, Verdict>();
    doc.verdicts.observe((e) => {
      for (const id of e.keysChanged) docAcked.set(id, doc.verdicts.get(id)!);
    });
    const writer = setInterval(() => {
      const { leadId, contact } = freshLead();
      sent.push(doc.send({ type: 'capture', leadId, contact, source: 'gmail' }));
    }, 10); // 100 commands/s: a busy client, well under the per-connection rate limit
    cleanup.push(() => clearInterval(writer));

    await eventually(() => acked.size >= 40 && docAcked.size >= 20, { timeout: 15_000 });
    await server.kill9();
    stop = true;
    await Promise.all(loops);
    const ackedBefore = new Map([...acked, ...docAcked]);
    // Keep writing offline for a moment, then stop: these must be decided after the restart.
    await eventually(() => sent.length >= [...docAcked.keys()].length + 5);
    clearInterval(writer);

    server = await spawnServer(dataDir, server.port);
    const reader = new TestClient(server, teamId, tina);
    cleanup.push(() => reader.destroy());
    await reader.synced();
    for (const [id, v] of ackedBefore) {
      expect(reader.verdicts.get(id), `verdict of ${id}`).toEqual(v);
      expect(reader.leads.get(v.leadId)?.id).toBe(v.leadId);
    }
    // SQLite (not only the doc) has them: the HTTP API reads the decided state and the event log.
    const rest = api(server, tina);
    expect((await rest.get('/api/v1/leads?limit=1')).body.total).toBeGreaterThanOrEqual(ackedBefore.size);
    for (const v of [...ackedBefore.values()].slice(-20)) {
      expect((await rest.get(`/api/v1/leads/${v.leadId}`)).body.events[0].commandId).toBe(v.commandId);
    }

    // The surviving client reconnects by itself and every command it wrote gets exactly one verdict.
    await eventually(() => sent.every((id) => reader.verdicts.has(id)), { timeout: 15_000 });
    await eventually(() => doc.commands.size === 0, { timeout: 5000 });
    expect(sent.every((id) => reader.verdicts.get(id)?.status === 'accepted')).toBe(true);
  }, 60_000);
});
