import { useLayoutEffect } from 'preact/hooks';
import { searchLeads } from '../store/search.ts';
import { useApp } from './app-context.ts';
import { useLive, useNow } from './hooks.ts';
import { Empty, LeadItem, LeadList } from './LeadItem.tsx';
import { markPainted, measure } from './perf-marks.ts';

export function SearchResults({ query }: { query: string }) {
  const { db, settings, nameOf } = useApp();
  const now = useNow(60_000);
  const rows = useLive(async () => {
    const start = performance.now();
    const found = await searchLeads(db, query, settings.defaultPhoneRegion);
    measure('leadline:search', start, { query, results: found.length });
    return { query, found };
  }, [db, query, settings.defaultPhoneRegion]);
  useLayoutEffect(() => {
    if (rows) markPainted('leadline:search-painted', { query: rows.query, results: rows.found.length });
  }, [rows]);
  if (!rows) return null;
  if (!rows.found.length) return <Empty>No lead matches “{query}”.</Empty>;
  return (
    <LeadList label="Search results">
      {rows.found.map((r) => (
        <LeadItem key={r.id} row={r} now={now}>
          <span class="muted">{r.view.owner ? `Owner: ${nameOf(r.view.owner)}` : 'No owner'}</span>
        </LeadItem>
      ))}
    </LeadList>
  );
}
