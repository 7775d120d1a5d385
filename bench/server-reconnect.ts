/**
 * (c) A reconnect storm: 500 up-to-date clients of a team of 20,000 leads reconnect at once (both rooms,
 * awareness on, as the extension does). Figures: time until every socket received its sync step 2, the
 * server's CPU time for the storm (per client), and the server's peak RSS during it.
 *
 * Seeding: 20,000 `capture`s then 10,000 `logCall`s go through the work doc of a real server (so both docs
 * carry the tombstones that real use leaves); the seeded data dir is cached in the temp dir and copied per
 * run. Each storm client sends what a synced y-websocket client sends — its state vector in step 1, its step-2
 * answer to the server's step 1 (no new structs, its whole delete set) and an awareness state — computed once
 * from a reference client that synced the full docs. The clients run in two worker processes.
 * Env: LEADS (20000), CLIENTS (500), RUNS (3), WORKERS (2). Run: npx tsx bench/server-reconnect.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { roomName, WORK } from '../shared/sync-docs.ts';
import { DocClient, syncFrame } from './_doc-client.ts';
import {
  ClientWorker,
  cpuMs,
  load,
  makeTeam,
  median,
  memMiB,
  pct,
  RUNS,
  round,
  sampleRss,
  sleep,
  spawnLeadline,
  until,
} from './_harness.ts';

const LEADS = Number(process.env.LEADS ?? 20_000);
const CLIENTS = Number(process.env.CLIENTS ?? 500);
const WORKERS = Number(process.env.WORKERS ?? 2);
const SEED_VERSION = 1;
const BATCH = 200;

/** Sends `bodies` as commands in batches (one doc transaction each), waiting for each batch's last verdict. */
async function sendCommands(
  wsUrl: string,
  teamId: string,
  token: string,
  bodies: Record<string, unknown>[],
): Promise<void> {
  const work = new DocClient(`${wsUrl}/${roomName(teamId, 'work')}?token=${token}`);
  const auth = new DocClient(`${wsUrl}/${roomName(teamId, 'authority')}?token=${token}`);
  await Promise.all([work.open(), auth.open()]);
  let last: Buffer | null = null;
  let seen = false;
  auth.ws.on('message', (d: Buffer) => {
    if (last && d.includes(last)) seen = true;
  });
  const doc = new Y.Doc();
  const commands = doc.getMap(WORK.commands);
  doc.on('update', (u: Uint8Array) => work.ws.send(syncFrame(2, u)));
  for (let i = 0; i < bodies.length; i += BATCH) {
    const batch = bodies.slice(i, i + BATCH);
    last = Buffer.from(String(batch.at(-1)?.id));
    seen = false;
    doc.transact(() => {
      for (const b of batch) commands.set(String(b.id), b);
    });
    if (!(await until(() => seen, 60_000, 10))) throw new Error(`seeding stalled at ${i}`);
  }
  work.close();
  auth.close();
}

/** A data dir with one team of `CLIENTS` users and `LEADS` leads (cached across runs). */
async function seededDir(): Promise<{ dir: string; teamId: string; tokens: string[] }> {
  const cache = path.join(os.tmpdir(), `leadline-bench-seed-v${SEED_VERSION}-${LEADS}-${CLIENTS}`);
  const meta = path.join(cache, 'bench-meta.json');
  if (!fs.existsSync(meta)) {
    fs.rmSync(cache, { recursive: true, force: true });
    const team = makeTeam(CLIENTS, cache);
    const server = await spawnLeadline(cache);
    const t0 = performance.now();
    try {
      const captures = Array.from({ length: LEADS }, (_, i) => ({
        id: `seed-c-${i}`,
        type: 'capture',
        leadId: `lead-${i}`,
        source: 'gmail',
        contact: { name: `Contact ${i}`, company: `Company ${i % 997}`, emails: [`c${i}@example.com`] },
      }));
      await sendCommands(server.wsUrl, team.teamId, team.tokens[0], captures);
      const calls = Array.from({ length: LEADS / 2 }, (_, i) => ({
        id: `seed-l-${i}`,
        type: 'logCall',
        leadId: `lead-${i * 2}`,
        outcome: 'no_answer',
      }));
      await sendCommands(server.wsUrl, team.teamId, team.tokens[0], calls);
    } finally {
      await server.stop();
    }
    console.error(`  seeded ${LEADS} leads in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    fs.writeFileSync(meta, JSON.stringify({ teamId: team.teamId, tokens: team.tokens }));
  }
  const { teamId, tokens } = JSON.parse(fs.readFileSync(meta, 'utf8'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadline-bench-'));
  fs.cpSync(cache, dir, { recursive: true });
  return { dir, teamId, tokens };
}

export async function run(): Promise<Record<string, number | string>> {
  const { dir, teamId, tokens } = await seededDir();
  const server = await spawnLeadline(dir);
  const workers = Array.from({ length: WORKERS }, () => new ClientWorker());
  try {
    const idle = memMiB(server.pid).rss;
    // A reference client syncs both full docs once: a fresh client's first sync, and the state to replay.
    const ref = (['work', 'authority'] as const).map(
      (room) => new DocClient(`${server.wsUrl}/${roomName(teamId, room)}?token=${tokens[0]}`),
    );
    const fresh0 = performance.now();
    if (!(await until(() => ref.every((c) => c.synced), 120_000, 20)))
      throw new Error('reference sync failed');
    const freshMs = performance.now() - fresh0;
    const sv = { work: '', authority: '' };
    const reply = { work: '', authority: '' };
    for (const [i, room] of (['work', 'authority'] as const).entries()) {
      const doc = ref[i].doc;
      sv[room] = Buffer.from(Y.encodeStateVector(doc)).toString('base64');
      reply[room] = Buffer.from(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc))).toString('base64');
    }
    const authBytes = ref[1].bytes;
    for (const c of ref) c.close();
    const afterRef = memMiB(server.pid).rss;

    const allMs: number[] = [];
    const cpuPerClient: number[] = [];
    const peaks: number[] = [];
    const p50s: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      await sleep(500);
      const before = memMiB(server.pid).rss;
      const rss = sampleRss(server.pid, 10);
      const c0 = cpuMs(server.pid);
      const t0 = performance.now();
      const res = await Promise.all(
        workers.map((w, i) =>
          w.call<{ sockets: number; synced: number; syncMs: number[] }>(
            'open',
            {
              wsUrl: server.wsUrl,
              teamId,
              tokens: tokens.filter((_, k) => k % WORKERS === i),
              rooms: ['work', 'authority'],
              sv,
              reply,
              awareness: true,
              timeoutMs: 120_000,
            },
            150_000,
          ),
        ),
      );
      const wall = performance.now() - t0;
      const synced = res.reduce((n, x) => n + x.synced, 0);
      const times = res.flatMap((x) => x.syncMs);
      // The awareness fan-out goes on after the last step 2: let the server finish before reading its CPU.
      await until(() => false, 1000);
      const cpu = cpuMs(server.pid) - c0;
      const peak = rss.stop();
      if (synced !== CLIENTS * 2) throw new Error(`only ${synced}/${CLIENTS * 2} sockets synced`);
      allMs.push(Math.max(...times));
      p50s.push(pct(times, 0.5));
      cpuPerClient.push(cpu / CLIENTS);
      peaks.push(peak);
      console.error(
        `  run ${r + 1}: all ${CLIENTS} in sync after ${Math.max(...times).toFixed(0)} ms (wall ${wall.toFixed(0)}), server CPU ${cpu.toFixed(0)} ms (${(cpu / CLIENTS).toFixed(1)} ms/client), RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MiB`,
      );
      await Promise.all(workers.map((w) => w.call('closeAll')));
    }
    return {
      leads: LEADS,
      'clients reconnecting': CLIENTS,
      'all in sync ms (median)': round(median(allMs), 0),
      'all in sync ms (runs)': allMs.map((x) => x.toFixed(0)).join(' / '),
      'socket p50 in sync ms': round(median(p50s), 0),
      'server CPU ms per client': round(median(cpuPerClient)),
      'server peak RSS MiB (storm)': round(Math.max(...peaks), 0),
      'server RSS MiB idle / after one fresh sync': `${idle.toFixed(0)} / ${afterRef.toFixed(0)}`,
      'fresh client full sync ms (authority doc KiB)': `${freshMs.toFixed(0)} (${(authBytes / 1024).toFixed(0)})`,
      load: load(),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await run());
  process.exit(0);
}
