/**
 * Sync-server benchmarks (issue 3, (a) and (b)), against the real server in a child process over loopback:
 *   (a) commands decided and published per second with 50 connected clients of one team (closed loop);
 *   (b) p50/p99 latency from one client writing a command to its verdict arriving at another client,
 *       with commands sent at 200/s (open loop).
 * Printed figures, not a timed test. Run: npx tsx bench/server-authority.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { roomName } from '../shared/sync-docs.ts';
import { addUser, createTeam } from '../sync-server/admin/ops.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import { spawnServer } from '../test/integration/helpers/child.ts';
import { TestClient } from '../test/integration/helpers/clients.ts';
import { freshLead } from '../test/integration/helpers/flow.ts';
import { rawSocket } from '../test/integration/helpers/raw-socket.ts';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 5);
const RATE = Number(process.env.RATE ?? 200);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadline-bench-'));
const storage = openSqliteStorage(dataDir);
const team = createTeam(storage, 'Bench');
const tokens = Array.from(
  { length: CLIENTS },
  (_, i) => addUser(storage, { team: team.id, name: `u${i}`, role: 'telemarketer', publicUrl: 'x' }).token,
);
storage.close();
const server = await spawnServer(dataDir, 0, {
  SQLITE_SYNC: process.env.SQLITE_SYNC ?? 'NORMAL',
  COMPACT_AFTER: process.env.COMPACT_AFTER ?? '500',
});
// A few full clients send and observe; the rest are passive sockets that sync both rooms and then only
// receive (decoding nothing), so the figures measure the server's fan-out, not 100 Y.Docs in this process.
const SENDERS = Number(process.env.SENDERS ?? 4);
const clients = tokens.slice(0, SENDERS).map((t) => new TestClient(server, team.id, t));
const passive = await Promise.all(
  tokens.slice(SENDERS).flatMap((t) =>
    (['work', 'authority'] as const).map(async (kind) => {
      const sock = await rawSocket(server.wsUrl, roomName(team.id, kind), t);
      sock.ws.send(Uint8Array.of(0, 0, 1, 0)); // sync step 1 with an empty state vector
      return sock;
    }),
  ),
);
await Promise.all(clients.map((c) => c.synced()));

const pct = (xs: number[], p: number) =>
  xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

// (a) Each client sends a capture, waits for its verdict, sends the next.
{
  const elu0 = performance.eventLoopUtilization();
  let decided = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        const { leadId, contact } = freshLead();
        const id = c.send({ type: 'capture', leadId, contact, source: 'gmail' });
        await new Promise<void>((resolve) => {
          const check = () => {
            if (!c.verdicts.has(id)) return;
            c.verdicts.unobserve(check);
            resolve();
          };
          c.verdicts.observe(check);
          check();
        });
        decided++;
      }
    }),
  );
  const elu = performance.eventLoopUtilization(elu0).utilization;
  console.log(
    `(a) ${CLIENTS} clients connected (${SENDERS} sending, closed loop): ${(decided / SECONDS).toFixed(0)} commands decided+published/s (client process busy ${(elu * 100).toFixed(0)}%)`,
  );
}

// (b) One writer at RATE/s; latency measured at another client.
{
  const [writer, reader] = [clients[0], clients[1]];
  const sentAt = new Map<string, number>();
  const lat: number[] = [];
  reader.verdicts.observe((e) => {
    const now = performance.now();
    for (const id of e.keysChanged) {
      const t = sentAt.get(id);
      if (t !== undefined) lat.push(now - t);
    }
  });
  const total = RATE * SECONDS;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { leadId, contact } = freshLead();
    const id = `bench-${i}-${leadId}`.slice(0, 64);
    sentAt.set(id, performance.now());
    writer.send({ id, type: 'capture', leadId, contact, source: 'gmail' });
  }
  while (lat.length < total && performance.now() - start < (SECONDS + 30) * 1000) {
    await new Promise((r) => setTimeout(r, 50));
  }
  console.log(
    `(b) ${RATE} commands/s for ${SECONDS}s, ${CLIENTS} clients connected: verdict at another client p50 ${pct(lat, 0.5).toFixed(1)} ms, p99 ${pct(lat, 0.99).toFixed(1)} ms (${lat.length}/${total})`,
  );
}

const received = passive.reduce((n, p) => n + p.received, 0);
console.log(`    passive sockets received ${received} messages in all`);
for (const c of clients) c.destroy();
for (const p of passive) p.ws.close();
await server.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
