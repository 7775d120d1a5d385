import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Verdict } from '../../shared/sync-docs.ts';
import { addUser, createTeam } from '../../sync-server/admin/ops.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { api } from './helpers/api.ts';
import { type ChildServer, spawnServer } from './helpers/child.ts';
import { TestClient } from './helpers/clients.ts';
import { freshLead, makePoolLead } from './helpers/flow.ts';
import { eventually } from './helpers/retry.ts';
import { tempDataDir } from './helpers/server.ts';

/**
 * Fault: the server process is SIGKILLed in the middle of a burst of commands from three clients, then restarted
 * on the same port and data. The clients are three real y-websocket clients (stock `WebsocketProvider`, as the
 * extension's background uses) rather than three browser profiles: a burst of a few hundred commands through
 * three Chromiums takes minutes on 2 cores and the sidebar sends one command per lead at a time, so it could not
 * put several commands in flight per lead when the server dies. The browser side of a crash is covered by
 * test/browser/faults-browser-kill.spec.ts and the flapping test.
 */
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const POOL = 30;

function seed(dataDir: string) {
  const storage = openSqliteStorage(dataDir);
  const team = createTeam(storage, 'Crash Team');
  const add = (name: string, role: 'telemarketer' | 'rep') =>
    addUser(storage, { team: team.id, name, role, publicUrl: 'http://x' });
  const tele = add('tele', 'telemarketer');
  const reps = [add('rep1', 'rep'), add('rep2', 'rep'), add('rep3', 'rep')];
  storage.close();
  return { teamId: team.id, tele: tele.token, reps: reps.map((r) => ({ id: r.user.id, token: r.token })) };
}

/** Fisher–Yates with a seeded LCG: each client claims the pool in its own, reproducible order. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('fault: SIGKILL during a burst from three clients', () => {
  it('loses no acknowledged command and decides every pending one exactly once', async () => {
    const dataDir = tempDataDir();
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const { teamId, tele, reps } = seed(dataDir);
    let server: ChildServer = await spawnServer(dataDir);
    cleanup.push(() => server.stop());

    // A pool that all three reps race for: each lead may be claimed by exactly one of them.
    const teleApi = api(server, tele);
    const pool: string[] = [];
    for (let i = 0; i < POOL; i++) pool.push(await makePoolLead(teleApi));

    const clients = reps.map((r) => new TestClient(server, teamId, r.token));
    for (const c of clients) cleanup.push(() => c.destroy());
    await Promise.all(clients.map((c) => c.synced()));

    // Every command each client writes, and each verdict it saw before the crash (its acknowledgement).
    const sent: { id: string; kind: 'claim' | 'capture'; leadId: string; by: number }[] = [];
    const acked = new Map<string, Verdict>();
    let crashed = false;
    for (const c of clients) {
      c.verdicts.observe((e) => {
        if (crashed) return;
        for (const id of e.keysChanged) {
          const v = c.verdicts.get(id);
          if (v) acked.set(id, v);
        }
      });
    }
    // The burst: every 5 ms each client writes either its next claim or a fresh capture.
    const queues = clients.map((_, i) => shuffled(pool, 17 + i));
    let step = 0;
    const writer = setInterval(() => {
      step++;
      clients.forEach((c, i) => {
        const next = step % 2 === 0 ? queues[i].shift() : undefined;
        if (next) {
          sent.push({ id: c.send({ type: 'claim', leadId: next }), kind: 'claim', leadId: next, by: i });
        } else {
          const { leadId, contact } = freshLead();
          const id = c.send({ type: 'capture', leadId, contact, source: 'gmail' });
          sent.push({ id, kind: 'capture', leadId, by: i });
        }
      });
    }, 5);
    cleanup.push(() => clearInterval(writer));

    // Kill in the middle: some verdicts are out, many commands are not decided yet.
    await eventually(() => acked.size >= 40, { timeout: 15_000 });
    await server.kill9();
    crashed = true;
    const ackedAtCrash = new Map(acked);
    const sentAtCrash = sent.length;
    // The clients go on writing while the server is down; then the burst ends (every claim has been sent).
    await eventually(() => sent.length >= sentAtCrash + 30 && queues.every((q) => q.length === 0), {
      timeout: 15_000,
    });
    clearInterval(writer);
    expect(ackedAtCrash.size).toBeLessThan(sent.length);

    server = await spawnServer(dataDir, server.port);
    // The clients reconnect by themselves (y-websocket backoff) and resend what the server lacks.
    await eventually(() => clients.every((c) => sent.every((s) => c.verdicts.has(s.id))), {
      timeout: 30_000,
      interval: 50,
    });
    await eventually(() => clients.every((c) => c.commands.size === 0), { timeout: 10_000 });

    const verdicts = clients[0].verdicts;
    // Acknowledged before the crash: the very same verdict after it.
    for (const [id, v] of ackedAtCrash) expect(verdicts.get(id), `verdict of ${id}`).toEqual(v);
    // Every client sees the same verdicts.
    for (const c of clients.slice(1)) expect(c.verdicts.toJSON()).toEqual(verdicts.toJSON());

    // Captures: all accepted, each lead exists once with exactly one `captured` event from that command.
    const rest = api(server, tele);
    const captures = sent.filter((s) => s.kind === 'capture');
    expect(captures.every((s) => verdicts.get(s.id)?.status === 'accepted')).toBe(true);
    for (const s of captures.filter((_, i) => i % 5 === 0)) {
      const { body } = await rest.get(`/api/v1/leads/${s.leadId}`);
      expect(body.events.map((e: { type: string; commandId: string }) => [e.type, e.commandId])).toEqual([
        ['captured', s.id],
      ]);
    }

    // Claims: for each pool lead exactly one of the three claims won, the others were told who was first,
    // and the lead's log holds exactly one `claimed` event — the winner's.
    for (const leadId of pool) {
      const claims = sent.filter((s) => s.kind === 'claim' && s.leadId === leadId);
      expect(claims).toHaveLength(3);
      const won = claims.filter((s) => verdicts.get(s.id)?.status === 'accepted');
      expect(won, `claims of ${leadId}`).toHaveLength(1);
      for (const s of claims.filter((x) => x !== won[0]))
        expect(verdicts.get(s.id)?.code).toBe('ALREADY_CLAIMED');
      const { body } = await rest.get(`/api/v1/leads/${leadId}`);
      expect(body.lead.owner).toBe(reps[won[0].by].id);
      expect(body.lead.stage).toBe('sql');
      const claimed = body.events.filter((e: { type: string }) => e.type === 'claimed');
      expect(claimed.map((e: { commandId: string }) => e.commandId)).toEqual([won[0].id]);
      expect(clients[won[0].by].leads.get(leadId)?.owner).toBe(reps[won[0].by].id);
    }
    const total = (await rest.get('/api/v1/leads?limit=1')).body.total;
    expect(total).toBe(POOL + captures.length);
  }, 90_000);
});
