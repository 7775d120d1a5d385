import { useCallback, useEffect, useState } from 'preact/hooks';

export const TABS = ['today', 'mine', 'pool', 'approvals', 'rejected', 'capture'] as const;
export type Tab = (typeof TABS)[number];
export type Route = { tab: Tab; leadId: string | null };

/** `#today`, `#pool`, `#lead/<id>` (the card, over the last tab): the page can be reloaded where it was. */
export function parseHash(hash: string, lastTab: Tab = 'today'): Route {
  const h = hash.replace(/^#/, '');
  if (h.startsWith('lead/')) return { tab: lastTab, leadId: decodeURIComponent(h.slice(5)) };
  return { tab: (TABS as readonly string[]).includes(h) ? (h as Tab) : 'today', leadId: null };
}

export function useRoute(): [Route, (next: Partial<Route>) => void] {
  const [route, setRoute] = useState<Route>(() => parseHash(location.hash));
  useEffect(() => {
    const onHash = () => setRoute((r) => parseHash(location.hash, r.tab));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((next: Partial<Route>) => {
    setRoute((r) => {
      const n = { ...r, ...next };
      const hash = n.leadId ? `#lead/${encodeURIComponent(n.leadId)}` : `#${n.tab}`;
      if (location.hash !== hash) history.replaceState(null, '', hash);
      return n;
    });
  }, []);
  return [route, go];
}
