/**
 * (a) Commands decided and published per second with 50 connected clients of one team.
 *
 * The Leadline server runs alone in a child process; 50 clients (each with a work and an authority socket,
 * as the extension has) run in two worker processes. Every client runs a closed loop: write a `capture`
 * into the work doc, wait until its verdict arrives in the authority room, write the next. A command counts
 * once its verdict reached its client, i.e. it was decided, committed and published.
 * Env: CLIENTS (50), SECONDS (5), RUNS (3), WORKERS (2). Run: npx tsx bench/server-throughput.ts
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
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
  spawnLeadline,
} from './_harness.ts';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 5);
const WORKERS = Number(process.env.WORKERS ?? 2);

export async function run(): Promise<Record<string, number | string>> {
  const team = makeTeam(CLIENTS);
  const server = await spawnLeadline(team.dataDir, JSON.parse(process.env.BENCH_SERVER_ENV ?? '{}'));
  const workers = Array.from({ length: WORKERS }, () => new ClientWorker());
  try {
    const share = (w: number) => team.tokens.filter((_, i) => i % WORKERS === w);
    const opened = await Promise.all(
      workers.map((w, i) =>
        w.call<{ synced: number }>('open', {
          wsUrl: server.wsUrl,
          teamId: team.teamId,
          tokens: share(i),
          rooms: ['work', 'authority'],
          awareness: true,
        }),
      ),
    );
    const synced = opened.reduce((n, o) => n + o.synced, 0);
    if (synced !== CLIENTS * 2) throw new Error(`only ${synced}/${CLIENTS * 2} sockets synced`);
    const rates: number[] = [];
    const cpu: number[] = [];
    const p99s: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const c0 = cpuMs(server.pid);
      const t0 = performance.now();
      const res = await Promise.all(
        workers.map((w) =>
          w.call<{ decided: number; timedOut: number; lat: number[] }>(
            'loop',
            { seconds: SECONDS, maxPerClient: 100_000 },
            (SECONDS + 30) * 1000,
          ),
        ),
      );
      const secs = (performance.now() - t0) / 1000;
      const decided = res.reduce((n, x) => n + x.decided, 0);
      const timedOut = res.reduce((n, x) => n + x.timedOut, 0);
      if (timedOut) throw new Error(`${timedOut} verdicts never arrived`);
      rates.push(decided / secs);
      cpu.push((cpuMs(server.pid) - c0) / (secs * 10));
      p99s.push(
        pct(
          res.flatMap((x) => x.lat),
          0.99,
        ),
      );
      console.error(
        `  run ${r + 1}: ${(decided / secs).toFixed(0)} commands/s, server CPU ${cpu.at(-1)?.toFixed(0)}%`,
      );
    }
    return {
      clients: CLIENTS,
      'commands/s (median)': round(median(rates), 0),
      'commands/s (runs)': rates.map((x) => x.toFixed(0)).join(' / '),
      'server CPU % of one core': round(median(cpu), 0),
      'own verdict p99 ms (closed loop)': round(median(p99s)),
      'server RSS MiB': round(memMiB(server.pid).rss, 0),
      load: load(),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await server.stop();
    fs.rmSync(team.dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await run());
  process.exit(0);
}
