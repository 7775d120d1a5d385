/**
 * The sidebar with 20,000 leads synced locally (issue 4 goals):
 *   - sidebar opened → Today painted, cold (service worker stopped, no extension page open) < 300 ms,
 *     warm (worker running, another sidebar open) < 100 ms;
 *   - search by phone and by email < 20 ms (the store query, measured in the page), and typing → results
 *     painted end to end;
 *   - an action confirmed locally < 30 ms (click → the outbox row committed in IndexedDB and "Waiting to
 *     sync" in the DOM; also printed: until the next frame painted it);
 *   - memory of the extension's pages and worker < 200 MB (JS heap per target over DevTools, and the
 *     proportional set size of the extension's renderer processes).
 *
 * One real server (child process) with the seeded team, one Chromium profile signed in as a rep; the figures
 * are medians of RUNS runs (default 5). Times come from the page's own clock (User Timing marks the sidebar
 * sets, see extension/ui/perf-marks.ts) where possible.
 *
 * Run: LEADLINE_OUT_DIR=/tmp/out-perf npx tsx bench/extension-sidebar.ts
 */
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import type { ExtensionBrowser } from '../test/browser/fixtures.ts';
import {
  type Cdp,
  extensionProcessPss,
  LEADS,
  launchBrowser,
  load,
  log,
  mb,
  ms,
  openSidebar,
  RUNS,
  seededServer,
  signInAndSync,
  stopExtension,
  summary,
  todayPaintedAt,
} from './extension-harness.ts';

/** Absolute time (epoch ms) of the page's first Today paint. */
async function paintedEpoch(page: Page): Promise<{ inPage: number; epoch: number }> {
  const at = await todayPaintedAt(page);
  const origin = await page.evaluate(() => performance.timeOrigin);
  return { inPage: at, epoch: origin + at };
}

/** Opens the sidebar in a new tab; the time from the navigation's start (Node side) to Today painted. */
async function openAndTime(ext: ExtensionBrowser): Promise<{ page: Page; wall: number; inPage: number }> {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 380, height: 760 });
  const t0 = Date.now();
  await page.goto(ext.url('sidepanel.html'));
  const p = await paintedEpoch(page);
  return { page, wall: p.epoch - t0, inPage: p.inPage };
}

async function wakeWorker(ext: ExtensionBrowser, page: Page, cdp: Cdp): Promise<void> {
  // From an extension page: the same message the UI sends (the `chrome` global of the page).
  await page.evaluate(() =>
    (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).chrome.runtime.sendMessage({
      type: 'leadline/refresh',
    }),
  );
  if (!(await cdp.workerTarget(ext.extensionId))) throw new Error('The worker did not wake up');
}

/** Types `query` into the search box; the store query time and input → results painted, in the page. */
async function timedSearch(
  page: Page,
  query: string,
): Promise<{ store: number; e2e: number; results: number }> {
  const box = page.getByRole('searchbox', { name: 'Search leads' });
  await box.fill('');
  await page.evaluate(() => {
    performance.clearMarks('bench:input');
    const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
    input.addEventListener('input', () => performance.mark('bench:input', { detail: input.value }), {
      once: true,
    });
  });
  await box.fill(query);
  const handle = await page.waitForFunction(
    (q) => {
      const painted = performance
        .getEntriesByName('leadline:search-painted')
        .find((e) => (e as PerformanceMark).detail?.query === q);
      const input = performance.getEntriesByName('bench:input')[0];
      const store = performance
        .getEntriesByName('leadline:search')
        .filter((e) => (e as PerformanceMeasure).detail?.query === q);
      if (!painted || !input || !store.length) return null;
      return {
        store: store[0].duration,
        e2e: painted.startTime - input.startTime,
        results: (painted as PerformanceMark).detail.results as number,
      };
    },
    query,
    { polling: 'raf', timeout: 10_000 },
  );
  return (await handle.jsonValue()) as { store: number; e2e: number; results: number };
}

/** Opens a pool lead's card and claims it: click → "Waiting to sync" painted, and the outbox row committed. */
async function timedClaim(
  page: Page,
  leadId: string,
): Promise<{ e2e: number; dom: number; commit: number } | null> {
  await page.evaluate((id) => {
    location.hash = `#lead/${encodeURIComponent(id)}`;
  }, leadId);
  await page.getByRole('heading', { level: 2 }).first().waitFor();
  const claim = page.getByRole('button', { name: 'Claim', exact: true });
  try {
    await claim.waitFor({ timeout: 3000 });
  } catch {
    return null; // not claimable by this rep now (cooldown, quota): try another lead
  }
  await page.evaluate(() => {
    performance.clearMeasures('leadline:act');
    const w = window as unknown as { benchClaim?: Promise<{ e2e: number; dom: number }> };
    w.benchClaim = new Promise((resolve) => {
      let clickedAt = 0;
      document.addEventListener('click', (e) => (clickedAt = e.timeStamp), { capture: true, once: true });
      const obs = new MutationObserver(() => {
        if (!clickedAt || !document.querySelector('.pending-note')) return;
        obs.disconnect();
        // In the DOM now; painted with the next frame (rAF runs before it, the timeout after it).
        const dom = performance.now() - clickedAt;
        requestAnimationFrame(() =>
          setTimeout(() => resolve({ e2e: performance.now() - clickedAt, dom }), 0),
        );
      });
      obs.observe(document.body, { childList: true, subtree: true });
    });
  });
  await claim.click();
  const { e2e, dom } = await page.evaluate(
    () => (window as unknown as { benchClaim: Promise<{ e2e: number; dom: number }> }).benchClaim,
  );
  const commit = await page.evaluate(() => performance.getEntriesByName('leadline:act')[0]?.duration ?? NaN);
  // The outbox row is in IndexedDB (raw read, another connection).
  const stored = await page.evaluate(
    (id) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('leadline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('outbox').objectStore('outbox').index('leadId').getAll(id);
          req.onsuccess = () => {
            // Pending, or already decided: the verdict may be back by now.
            resolve(
              req.result.filter((r: { command: { type: string } }) => r.command.type === 'claim').length,
            );
            open.result.close();
          };
        };
      }),
    leadId,
  );
  if (stored < 1) throw new Error('The claim was shown but is not in IndexedDB');
  return { e2e, dom, commit };
}

export async function run(): Promise<Record<string, number | string>> {
  const seeded = await seededServer();
  const { ext, cdp: connect } = await launchBrowser();
  const cdp = await connect();
  const figures: Record<string, number | string> = { leads: LEADS };
  try {
    // Sign in once and let the first sync finish.
    let page = await openSidebar(ext);
    await signInAndSync(page, seeded);
    await page.locator('footer.statusbar').getByText('Online').waitFor({ timeout: 60_000 });
    log(`signed in as ${seeded.rep.name}; ${seeded.leads.length} rows synced`);

    // Cold: no extension page, worker stopped (verified gone), then the sidebar opens in a new tab.
    const cold: number[] = [];
    const coldInPage: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const blank = await ext.context.newPage();
      const processLeft = !(await stopExtension(ext, cdp, blank));
      const r = await openAndTime(ext);
      cold.push(r.wall);
      coldInPage.push(r.inPage);
      log(
        `cold ${i + 1}: ${ms(r.wall)} ms (in page ${ms(r.inPage)} ms)${processLeft ? ' [extension process was still alive]' : ''}`,
      );
      await blank.close();
      page = r.page;
    }
    figures['cold open → Today painted (goal < 300 ms)'] = summary(cold);
    figures['cold, from the page time origin'] = summary(coldInPage);

    // The worker's wake-up (stopped above): boot, i.e. loading its docs from IndexedDB, until it answers.
    {
      const t0 = performance.now();
      await wakeWorker(ext, page, cdp);
      figures['worker wake-up → answering (loads the docs)'] = `${ms(performance.now() - t0)} ms`;
    }

    // Warm: the worker runs and a sidebar is open; another sidebar opens.
    await page.locator('footer.statusbar').getByText('Online').waitFor({ timeout: 60_000 });
    const warm: number[] = [];
    const warmInPage: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const r = await openAndTime(ext);
      if (i > 0) {
        // the first one also warms the page's code cache
        warm.push(r.wall);
        warmInPage.push(r.inPage);
      }
      log(`warm ${i + 1}: ${ms(r.wall)} ms (in page ${ms(r.inPage)} ms)`);
      await r.page.close();
    }
    figures['warm open → Today painted (goal < 100 ms)'] = summary(warm);
    figures['warm, from the page time origin'] = summary(warmInPage);

    // Search: phones in several formats, exact emails.
    const pick = (k: number) => seeded.leads[(k * 7919) % seeded.leads.length];
    const phoneStore: number[] = [];
    const phoneE2e: number[] = [];
    const emailStore: number[] = [];
    const emailE2e: number[] = [];
    for (let i = 0; i < RUNS * 2; i++) {
      const lead = pick(i + 1);
      const raw = lead.contact.phones[0];
      const d = raw.replace(/\D/g, '').slice(-10);
      // As typed: national format, as stored, the last seven digits.
      const formats = [
        `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
        raw,
        `${d.slice(3, 6)}-${d.slice(6)}`,
      ];
      const phoneQuery = formats[i % formats.length];
      const p = await timedSearch(page, phoneQuery);
      if (p.results < 1) throw new Error(`No result for phone ${phoneQuery}`);
      phoneStore.push(p.store);
      phoneE2e.push(p.e2e);
      const e = await timedSearch(page, lead.contact.emails[0].toUpperCase());
      if (e.results < 1) throw new Error(`No result for email ${lead.contact.emails[0]}`);
      emailStore.push(e.store);
      emailE2e.push(e.e2e);
    }
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('');
    figures['search by phone, store query (goal < 20 ms)'] = summary(phoneStore);
    figures['search by phone, input → results painted'] = summary(phoneE2e);
    figures['search by email, store query (goal < 20 ms)'] = summary(emailStore);
    figures['search by email, input → results painted'] = summary(emailE2e);

    // An action: claim pool leads from their card.
    const pool = seeded.leads.filter((l) => l.stage === 'pool' && l.cooldown === null);
    const e2e: number[] = [];
    const dom: number[] = [];
    const commit: number[] = [];
    for (let k = 0; e2e.length < RUNS && k < 40; k++) {
      const r = await timedClaim(page, pool[(k * 131) % pool.length].id);
      if (!r) continue;
      e2e.push(r.e2e);
      dom.push(r.dom);
      commit.push(r.commit);
    }
    figures['action: click → pending in the DOM (goal < 30 ms)'] = summary(dom);
    figures['action: click → pending painted (next frame)'] = summary(e2e);
    figures['action: submit → IndexedDB commit'] = summary(commit);

    // Memory, steady state: one sidebar open on Today, the worker running and synced.
    await page.evaluate(() => {
      location.hash = '#today';
    });
    await wakeWorker(ext, page, cdp);
    await page.locator('footer.statusbar').getByText('All actions synced').waitFor({ timeout: 60_000 });
    const heaps = await cdp.extensionHeaps(ext.extensionId);
    for (const h of heaps) figures[`JS heap ${h.type} ${h.url}, MB`] = mb(h.used);
    figures['JS heap of extension targets, MB (goal < 200)'] = mb(heaps.reduce((n, h) => n + h.used, 0));
    figures['extension processes PSS, MB (goal < 200)'] = mb(extensionProcessPss(ext.userDataDir));
  } finally {
    cdp.close();
    await ext.dispose();
    await seeded.dispose();
  }
  figures.load = load();
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) console.log(`${k}: ${v}`);
  process.exit(0);
}
