/**
 * Shared parts of the extension benchmarks (bench/extension-*.ts): a real sync server (child process, the
 * same `sync-server/main.ts` as `npm run server`) seeded with a generated team, the built extension in Debian's
 * Chromium (launched exactly as the browser tests do), and a browser-level DevTools connection for what
 * Playwright does not expose (stopping the MV3 service worker, per-target heap sizes).
 *
 * Not a benchmark itself (no `run()`): bench/run-all.ts skips it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { generateMembers, TeamSimulator } from '../shared/fixtures-gen.ts';
import type { Lead } from '../shared/lead.ts';
import type { Role } from '../shared/roles.ts';
import { days } from '../shared/settings.ts';
import { runTimers } from '../shared/team.ts';
import { nextDueAt } from '../shared/timers.ts';
import { createTeam } from '../sync-server/admin/ops.ts';
import { hashToken, newToken } from '../sync-server/auth/tokens.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import { ExtensionBrowser } from '../test/browser/fixtures.ts';
import { type ChildServer, spawnServer } from '../test/integration/helpers/child.ts';

export const LEADS = Number(process.env.LEADS ?? 20_000);
export const RUNS = Number(process.env.RUNS ?? 5);
const SEED = Number(process.env.SEED ?? 7);

// ---- figures --------------------------------------------------------------------------------------

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const ms = (x: number) => Math.round(x * 10) / 10;
export const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** `median (min–max, n)`, in ms. */
export function summary(xs: number[]): string {
  return `${ms(median(xs))} ms (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))}, n=${xs.length})`;
}

export function load(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

export function log(msg: string): void {
  process.stderr.write(`  ${msg}\n`);
}

// ---- the seeded server ----------------------------------------------------------------------------

export type BenchUser = { id: string; name: string; role: Role; token: string };
export type Seeded = {
  server: ChildServer;
  teamId: string;
  users: BenchUser[];
  leads: Lead[];
  /** A rep holding many leads: who the benchmarks sign in as. */
  rep: BenchUser;
  manager: BenchUser;
  dispose(): Promise<void>;
};

/**
 * A team of `leads` leads from the shared fixture generator (the real rules ran on every command), ending
 * about now so that the server's own timers find little to do; written through the server's Storage (the
 * same `commitDecision` the authority uses), then the real server process starts on that data and publishes
 * the authority doc itself (its start-up reconcile).
 */
export async function seededServer(leads = LEADS): Promise<Seeded> {
  const spanDays = 180;
  const members = generateMembers({ telemarketers: 4, reps: 8, managers: 2 });
  const started = performance.now();
  const sim = new TeamSimulator({
    seed: SEED,
    members,
    maxLeads: leads,
    captureEveryMs: Math.max(1, Math.floor(days(spanDays) / leads)),
    start: Date.now() - days(spanDays) - days(2),
  });
  sim.runUntil(sim.now + days(spanDays));
  while (sim.state.leads.size < leads && sim.step()) {}
  runTimers(sim.state, sim.now);
  log(`generated ${sim.state.leads.size} leads in ${ms(performance.now() - started)} ms`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadline-extbench-'));
  const storage = openSqliteStorage(dataDir);
  const team = createTeam(storage, 'Bench Sales');
  const users: BenchUser[] = [];
  storage.transaction(() => {
    for (const m of members) {
      const token = newToken();
      storage.addUser({ ...m, teamId: team.id });
      storage.addToken(hashToken(token), m.id, Date.now());
      users.push({ id: m.id, name: m.name, role: m.role, token });
    }
  });
  const all = [...sim.state.leads.values()];
  storage.commitDecision({
    teamId: team.id,
    events: [],
    leads: all.map((lead) => ({ lead, nextDue: nextDueAt(lead, team.settings) })),
  });
  storage.close();

  const t0 = performance.now();
  const server = await spawnServer(dataDir, 0, { COMPACT_AFTER: '500' });
  log(`server up with ${all.length} leads in ${ms(performance.now() - t0)} ms`);
  const owned = (id: string) => all.filter((l) => l.owner === id).length;
  const reps = users.filter((u) => u.role === 'rep').sort((a, b) => owned(b.id) - owned(a.id));
  return {
    server,
    teamId: team.id,
    users,
    leads: all,
    rep: reps[0],
    manager: users.find((u) => u.role === 'manager')!,
    async dispose() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- the browser ----------------------------------------------------------------------------------

/**
 * The extension in Chromium with an extra DevTools port (Playwright keeps its own pipe). `JSFLAGS` passes V8
 * flags, for diagnosis only (e.g. `--max-semi-space-size=1` shows what the young generation costs).
 */
export async function launchBrowser(): Promise<{ ext: ExtensionBrowser; cdp: () => Promise<Cdp> }> {
  const ext = await ExtensionBrowser.launch({
    extraArgs: [
      '--remote-debugging-port=0',
      ...(process.env.JSFLAGS ? [`--js-flags=${process.env.JSFLAGS}`] : []),
    ],
  });
  return { ext, cdp: () => Cdp.connect(ext.userDataDir) };
}

export async function openSidebar(ext: ExtensionBrowser, width = 380): Promise<Page> {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width, height: 760 });
  await page.goto(ext.url('sidepanel.html'));
  return page;
}

/** Rows in the extension's IndexedDB read model (raw IndexedDB, from an extension page). */
export function countLeadRows(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('leadline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('leads')) return resolve(0);
          const req = db.transaction('leads').objectStore('leads').count();
          req.onsuccess = () => {
            resolve(req.result);
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** Fills the sidebar's sign-in form with the seeded rep's server and token, and submits it. */
export async function submitSignIn(page: Page, seeded: Seeded): Promise<void> {
  await page.getByLabel('Server address').fill(seeded.server.httpUrl);
  await page.getByLabel('Token or invite link').fill(seeded.rep.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs the seeded rep in and waits for the end of the first sync: Today painted, every row stored. */
export async function signInAndSync(page: Page, seeded: Seeded): Promise<void> {
  await submitSignIn(page, seeded);
  await todayPaintedAt(page, 1, 120_000);
  while ((await countLeadRows(page)) < seeded.leads.length) await page.waitForTimeout(100);
}

/**
 * Closes every extension page and stops the worker, as Chrome does to an idle extension; resolves once the
 * extension's renderer has exited (true), or after 2 s with it still alive (false). `keep` is a page of
 * another site that keeps the browser open.
 */
export async function stopExtension(ext: ExtensionBrowser, cdp: Cdp, keep: Page): Promise<boolean> {
  for (const p of ext.context.pages()) if (p.url().startsWith('chrome-extension://')) await p.close();
  await cdp.stopServiceWorker(ext.extensionId);
  for (let j = 0; j < 100 && extensionProcessPss(ext.userDataDir) > 0; j++) await keep.waitForTimeout(20);
  return extensionProcessPss(ext.userDataDir) === 0;
}

/** Start time (ms since the page's time origin) of the first `leadline:today-painted` mark matching. */
export async function todayPaintedAt(page: Page, minItems = 0, timeout = 60_000): Promise<number> {
  const handle = await page.waitForFunction(
    (min) => {
      const m = performance
        .getEntriesByName('leadline:today-painted')
        .find((e) => ((e as PerformanceMark).detail?.items ?? 0) >= min);
      return m ? m.startTime : null;
    },
    minItems,
    { timeout, polling: 20 },
  );
  return (await handle.jsonValue()) as number;
}

// ---- DevTools, browser-level ----------------------------------------------------------------------

type TargetInfo = { targetId: string; type: string; url: string; title: string };

/** A minimal Chrome DevTools Protocol client on the browser endpoint (flat sessions). */
export class Cdp {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(method: string, params: unknown, sessionId?: string) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
        params?: unknown;
        sessionId?: string;
      };
      if (msg.id !== undefined) {
        const w = this.waiting.get(msg.id);
        this.waiting.delete(msg.id);
        if (msg.error) w?.reject(new Error(msg.error.message));
        else w?.resolve(msg.result);
      } else if (msg.method) {
        for (const l of this.listeners) l(msg.method, msg.params, msg.sessionId);
      }
    });
  }

  static async connect(userDataDir: string): Promise<Cdp> {
    const file = path.join(userDataDir, 'DevToolsActivePort');
    for (let i = 0; !fs.existsSync(file) && i < 100; i++) await new Promise((r) => setTimeout(r, 50));
    const [port, wsPath] = fs.readFileSync(file, 'utf8').trim().split('\n');
    const ws = new WebSocket(`ws://127.0.0.1:${port}${wsPath}`, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Cdp(ws);
  }

  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = ++this.seq;
    this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise<T>((resolve, reject) =>
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject }),
    );
  }

  on(fn: (method: string, params: unknown, sessionId?: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async targets(): Promise<TargetInfo[]> {
    return (await this.send<{ targetInfos: TargetInfo[] }>('Target.getTargets')).targetInfos;
  }

  async extensionTargets(extensionId: string): Promise<TargetInfo[]> {
    return (await this.targets()).filter((t) => t.url.startsWith(`chrome-extension://${extensionId}/`));
  }

  async workerTarget(extensionId: string): Promise<TargetInfo | undefined> {
    return (await this.extensionTargets(extensionId)).find((t) => t.type === 'service_worker');
  }

  /** Runs `fn` with a flat session on the target, then detaches. */
  async withSession<T>(targetId: string, fn: (sessionId: string) => Promise<T>): Promise<T> {
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId,
      flatten: true,
    });
    try {
      return await fn(sessionId);
    } finally {
      await this.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    }
  }

  /**
   * Stops the extension's service worker as Chrome does when it idles out (`ServiceWorker.stopAllWorkers`
   * from a page's session: the "Stop" of chrome://serviceworker-internals) and returns once DevTools reports
   * the extension's worker version `stopped`. Throws if it does not stop within `timeout`.
   */
  async stopServiceWorker(extensionId: string, timeout = 15_000): Promise<void> {
    const page = (await this.targets()).find((t) => t.type === 'page');
    if (!page) throw new Error('stopServiceWorker needs an open page');
    const scope = `chrome-extension://${extensionId}/`;
    await this.withSession(page.targetId, async (session) => {
      let status: string | undefined;
      const off = this.on((method, params, sid) => {
        if (sid !== session || method !== 'ServiceWorker.workerVersionUpdated') return;
        for (const v of (params as { versions: { scriptURL: string; runningStatus: string }[] }).versions)
          if (v.scriptURL.startsWith(scope)) status = v.runningStatus;
      });
      try {
        await this.send('ServiceWorker.enable', {}, session);
        const end = Date.now() + timeout;
        // Again every 500 ms: a stop that lands while the worker is still starting (the alarm woke it) is lost.
        for (let i = 0; status !== 'stopped'; i++) {
          if (Date.now() > end) throw new Error(`The service worker did not stop (${status})`);
          if (i % 50 === 0) await this.send('ServiceWorker.stopAllWorkers', {}, session);
          await new Promise((r) => setTimeout(r, 10));
        }
      } finally {
        off();
      }
    });
  }

  /** JS heap in use per extension target (pages, frames and the worker). */
  async extensionHeaps(extensionId: string): Promise<{ url: string; type: string; used: number }[]> {
    const out: { url: string; type: string; used: number }[] = [];
    for (const t of await this.extensionTargets(extensionId)) {
      const used = await this.withSession(t.targetId, async (s) => {
        await this.send('HeapProfiler.collectGarbage', {}, s).catch(() => {});
        const h = await this.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, s);
        return h.usedSize;
      });
      out.push({ url: t.url.replace(/^chrome-extension:\/\/[^/]+/, ''), type: t.type, used });
    }
    return out;
  }

  close(): void {
    this.ws.close();
  }
}

/**
 * Proportional set size of this browser's extension renderer processes (`--extension-process`, found under
 * the browser process of `userDataDir`): what the extension's pages and worker cost in memory, JS heap, DOM,
 * IndexedDB client and all (Linux /proc). Other Chromiums on the machine are not counted.
 */
export function extensionProcessPss(userDataDir: string): number {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  const procs = out
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => !!m)
    .map((m) => ({ pid: m[1], ppid: m[2], args: m[3] }));
  const root = procs.find(
    (p) => p.args.includes(`--user-data-dir=${userDataDir}`) && !p.args.includes('--type='),
  );
  if (!root) return Number.NaN;
  const mine = new Set([root.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs)
      if (mine.has(p.ppid) && !mine.has(p.pid)) {
        mine.add(p.pid);
        grew = true;
      }
  }
  let total = 0;
  for (const p of procs) {
    if (!mine.has(p.pid) || !p.args.includes('--extension-process')) continue;
    try {
      const m = fs.readFileSync(`/proc/${p.pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      if (m) total += Number(m[1]) * 1024;
    } catch {}
  }
  return total;
}
