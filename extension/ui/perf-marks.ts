/**
 * User Timing marks the benchmarks (bench/extension-*.ts) and DevTools read. Cheap and bounded: each name
 * keeps only its few latest entries, so a sidebar left open for days does not accumulate them.
 *
 * - `leadline:today-painted` {items}: the Today list reached the screen (first paint of this page, and the
 *   first paint with items after an empty one, e.g. at the end of the first sync after sign-in).
 * - `leadline:search` (measure) {query, results}: the store query of one search.
 * - `leadline:search-painted` {query, results}: its results reached the screen.
 * - `leadline:act` (measure) {type}: a user action from submit to the IndexedDB commit.
 */
const KEEP = 20;

function trim(name: string): void {
  const entries = performance.getEntriesByName(name);
  if (entries.length < KEEP) return;
  // No per-entry removal in User Timing: keep the first ones (cold/first paints), drop the rest.
  const keep = entries.slice(0, KEEP / 2);
  if (entries[0].entryType === 'mark') performance.clearMarks(name);
  else performance.clearMeasures(name);
  for (const e of keep) {
    const detail = (e as PerformanceMark).detail;
    if (e.entryType === 'mark') performance.mark(name, { startTime: e.startTime, detail });
    else performance.measure(name, { start: e.startTime, duration: e.duration, detail });
  }
}

export function mark(name: string, detail?: unknown): void {
  trim(name);
  performance.mark(name, { detail });
}

export function measure(name: string, start: number, detail?: unknown): void {
  trim(name);
  performance.measure(name, { start, end: performance.now(), detail });
}

type PostTask = (fn: () => void, opts: { priority: 'user-blocking' }) => Promise<void>;
const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;

/** Runs `fn` in the first task after the current one that the page may run: ahead of queued timers. */
function nextTask(fn: () => void): void {
  if (scheduler?.postTask) void scheduler.postTask(fn, { priority: 'user-blocking' });
  else setTimeout(fn, 0);
}

/**
 * Marks `name` once the frame showing the current DOM has been produced. Call from a layout effect (right
 * after the DOM changed): the animation frame callback then runs before that frame's paint, the next task
 * after it. A timeout would wait behind the timers already queued (a page starting queues several): a warm
 * opening's mark came 15 ms after its frame.
 */
export function markPainted(name: string, detail?: unknown): void {
  requestAnimationFrame(() => nextTask(() => mark(name, detail)));
}

let todayMarked: 'none' | 'empty' | 'items' = 'none';
/** The first paint of Today in this page, and the first with items after an empty one. */
export function todayPainted(items: number): void {
  if (todayMarked === 'items' || (todayMarked === 'empty' && items === 0)) return;
  todayMarked = items ? 'items' : 'empty';
  markPainted('leadline:today-painted', { items });
}
