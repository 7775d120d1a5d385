import { liveQuery } from 'dexie';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';

/**
 * A Dexie live query as state: re-runs when the tables it read change (in this page, the worker, any tab).
 * Subscribed in a layout effect, i.e. right after the render that mounts it, not after the next frame: the
 * sidebar's first paint waits for two queries in a row (the session, then Today), and waiting a frame before
 * each was a sixth of the time to open it.
 */
export function useLive<T>(
  query: () => Promise<T> | T,
  deps: readonly unknown[],
  /** Shown until the query first answers (a snapshot of the last answer: today-snapshot.ts). */
  initial?: T,
): T | undefined {
  const [value, setValue] = useState<T | undefined>(initial);
  useLayoutEffect(() => {
    const sub = liveQuery(query).subscribe({
      next: (v) => setValue(() => v),
      error: (e: unknown) => console.error('Leadline: live query failed', e),
    });
    return () => sub.unsubscribe();
  }, deps);
  return value;
}

/** The current time, re-rendering every `everyMs`. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/**
 * How many of `total` list items to render: the first `first` (about a screenful at sidebar height) on the
 * first paint, all of them right after it. A list of 50 or 800 leads then paints as fast as one of 15; the
 * rest follows before anyone can scroll to it.
 */
export function useProgressive(total: number, first = 15): number {
  const [all, setAll] = useState(false);
  const long = total > first;
  useEffect(() => {
    // Effects run after the frame that showed the first items.
    if (long && !all) setAll(true);
  }, [long, all]);
  return all ? total : Math.min(total, first);
}
