import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/** A Dexie live query as state: re-runs when the tables it read change (in this page, the worker, any tab). */
export function useLive<T>(query: () => Promise<T> | T, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
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
