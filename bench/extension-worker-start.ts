/**
 * Memory when the extension's worker starts with 20,000 leads stored (issue 4: pages and worker < 200 MB).
 * An MV3 worker is stopped whenever it idles and started again by the next alarm (every minute) or action:
 * each start loads both Yjs docs from IndexedDB and reconnects, so this is the extension's everyday peak,
 * where a first sync (bench/extension-signin.ts) happens once.
 *
 * One fresh profile signs in to the seeded team and syncs every lead; then, RUNS times: every extension page
 * closed and the worker stopped (its process gone), the sidebar opened, the worker woken by the message an
 * action sends, and the extension processes' PSS sampled every 50 ms for 15 s. Also the PSS 20 s after the
 * first sync, once V8 has settled.
 * Run: LEADLINE_OUT_DIR=/tmp/out-perf npx tsx bench/extension-worker-start.ts   (RUNS=3, LEADS=20000)
 */
import { pathToFileURL } from 'node:url';
import {
  extensionProcessPss,
  LEADS,
  launchBrowser,
  load,
  log,
  mb,
  median,
  openSidebar,
  seededServer,
  signInAndSync,
  stopExtension,
  todayPaintedAt,
} from './extension-harness.ts';

const SAMPLE_MS = 15_000;

export async function run(): Promise<Record<string, number | string>> {
  const runs = Number(process.env.RUNS ?? 3);
  const seeded = await seededServer();
  const { ext, cdp } = await launchBrowser();
  const pss = () => extensionProcessPss(ext.userDataDir);
  const peaks: number[] = [];
  const settled: number[] = [];
  let afterSync = 0;
  try {
    let page = await openSidebar(ext);
    await signInAndSync(page, seeded);
    await page.waitForTimeout(20_000);
    afterSync = pss();
    const c = await cdp();
    try {
      for (let i = 0; i < runs; i++) {
        const blank = await ext.context.newPage();
        if (!(await stopExtension(ext, c, blank)))
          throw new Error('the extension process did not exit after its worker stopped');
        let peak = 0;
        let sampling = true;
        const sampler = (async () => {
          while (sampling) {
            peak = Math.max(peak, pss());
            await new Promise((r) => setTimeout(r, 50));
          }
        })();
        page = await openSidebar(ext);
        await todayPaintedAt(page, 1, 60_000);
        // What an action does: the worker starts, loads both docs from IndexedDB and reconnects.
        await page.evaluate(() => {
          const { chrome } = globalThis as unknown as {
            chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
          };
          return chrome.runtime.sendMessage({ type: 'leadline/kick' });
        });
        if (!(await c.workerTarget(ext.extensionId))) throw new Error('the worker did not start');
        await page.waitForTimeout(SAMPLE_MS);
        sampling = false;
        await sampler;
        peaks.push(peak);
        settled.push(pss());
        log(`run ${i + 1}: peak PSS ${mb(peak)} MB, ${mb(settled[i])} MB after ${SAMPLE_MS / 1000} s`);
        await blank.close();
      }
    } finally {
      c.close();
    }
  } finally {
    await ext.dispose();
    await seeded.dispose();
  }
  return {
    leads: LEADS,
    'extension processes PSS 20 s after the first sync, MB': mb(afterSync),
    'worker start: peak PSS of extension processes, MB (goal < 200)': `${mb(median(peaks))} (min ${mb(Math.min(...peaks))}, max ${mb(Math.max(...peaks))}, n=${peaks.length})`,
    'worker start: PSS 15 s later, MB': mb(median(settled)),
    load: load(),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) console.log(`${k}: ${v}`);
  process.exit(0);
}
