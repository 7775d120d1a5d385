/**
 * Shared machinery of the sync-server benchmarks (bench/server-*.ts). Not a benchmark itself (run-all skips
 * files starting with `_`).
 *
 * - The server under test runs in its own child process (`node --import tsx sync-server/main.ts`, exactly
 *   `npm run server`), so its CPU time and memory are read from /proc for that process alone, and clients
 *   cannot starve it of the event loop. `BENCH_CPU_PROF=<dir>` adds `--cpu-prof` to that child.
 * - Clients run in worker processes (bench/_clients.ts) over loopback; the bench process keeps only the
 *   one or two clients it measures latency with.
 * - Every wait is bounded in time; every loop in count.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { addUser, createTeam } from '../sync-server/admin/ops.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
const TICK_MS = 1000 / 100; // /proc/<pid>/stat counts CPU time in clock ticks (USER_HZ = 100 on Linux)

export type ServerProcess = {
  kind: 'leadline' | 'relay';
  pid: number;
  port: number;
  httpUrl: string;
  wsUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
};

/** CPU time (user + system, ms) of a process so far, from /proc. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14, 15)
}

/** Resident memory (MiB) of a process now (`VmRSS`) and its peak since start (`VmHWM`). */
export function memMiB(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak seen (MiB). */
export function sampleRss(pid: number, everyMs = 20): { stop(): number } {
  let peak = memMiB(pid).rss;
  const t = setInterval(() => {
    try {
      peak = Math.max(peak, memMiB(pid).rss);
    } catch {}
  }, everyMs);
  return {
    stop() {
      clearInterval(t);
      try {
        peak = Math.max(peak, memMiB(pid).rss);
      } catch {}
      return peak;
    },
  };
}

function waitForPort(child: ChildProcess, match: (msg: Record<string, unknown>) => number | null) {
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
    if (process.env.BENCH_VERBOSE) process.stderr.write(d);
  });
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not listen within 60 s:\n${stderr}`)),
      60_000,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${stderr}`));
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (process.env.BENCH_VERBOSE) console.error(`[server] ${line}`);
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(line);
      } catch {
        return;
      }
      const port = match(msg);
      if (port) {
        clearTimeout(timer);
        resolve(port);
      }
    });
  });
}

function nodeArgs(label: string): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return [];
  fs.mkdirSync(dir, { recursive: true });
  return [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(dir, label)}`];
}

function wrap(kind: ServerProcess['kind'], child: ChildProcess, port: number): ServerProcess {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const base = `127.0.0.1:${port}`;
  return {
    kind,
    pid: child.pid!,
    port,
    httpUrl: `http://${base}`,
    wsUrl: `ws://${base}/sync`,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** The Leadline sync server (`sync-server/main.ts`) on a loopback port in its own process. */
export async function spawnLeadline(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs('leadline'), '--import', 'tsx', 'sync-server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await waitForPort(child, (m) =>
    m.msg === 'sync server listening' && typeof m.port === 'number' ? m.port : null,
  );
  return wrap('leadline', child, port);
}

/** The reference y-websocket relay (@y/websocket-server, no rules, no persistence) in its own process. */
export async function spawnRelay(): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs('relay'), '--import', 'tsx', 'bench/_relay.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await waitForPort(child, (m) =>
    m.msg === 'relay listening' && typeof m.port === 'number' ? m.port : null,
  );
  return wrap('relay', child, port);
}

export type BenchTeam = { dataDir: string; teamId: string; tokens: string[] };

/** A fresh data dir with one team of `users` telemarketers (they may capture), through the admin operations. */
export function makeTeam(users: number, dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadline-bench-'))) {
  const storage = openSqliteStorage(dataDir);
  try {
    const team = createTeam(storage, 'Bench');
    const tokens = Array.from(
      { length: users },
      (_, i) =>
        addUser(storage, { team: team.id, name: `u${i}`, role: 'telemarketer', publicUrl: 'x' }).token,
    );
    return { dataDir, teamId: team.id, tokens };
  } finally {
    storage.close();
  }
}

// ---- client worker processes -------------------------------------------------------------------------

type Reply = { id: number; ok: boolean; result?: unknown; error?: string };

/** A worker process (bench/_clients.ts) holding many lightweight clients; `call` is a bounded RPC. */
export class ClientWorker {
  private next = 1;
  private readonly pending = new Map<number, (r: Reply) => void>();
  readonly child: ChildProcess;

  constructor() {
    this.child = fork(path.join(ROOT, 'bench/_clients.ts'), [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx', '--max-old-space-size=2048'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: Reply) => {
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
    });
    this.child.once('exit', () => {
      for (const [id, done] of this.pending) done({ id, ok: false, error: 'worker exited' });
      this.pending.clear();
    });
  }

  call<T>(op: string, args: Record<string, unknown> = {}, timeoutMs = 120_000): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`worker ${op} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        if (r.ok) resolve(r.result as T);
        else reject(new Error(`worker ${op}: ${r.error}`));
      });
      this.child.send({ id, op, ...args });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  }
}

// ---- figures ------------------------------------------------------------------------------------------

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * p) - 1))];
};

/** The 1-minute load average and the machine's cores, to print next to every figure. */
export function load(): string {
  return `${os.loadavg()[0].toFixed(2)} (1-min load, ${os.cpus().length} cores)`;
}

export const round = (x: number, digits = 1): number => Number(x.toFixed(digits));

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` every `everyMs` until it returns true or `timeoutMs` passes; returns whether it did. */
export async function until(fn: () => boolean, timeoutMs: number, everyMs = 5): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (fn()) return true;
    await sleep(everyMs);
  }
  return fn();
}

export const RUNS = Number(process.env.RUNS ?? 3);
