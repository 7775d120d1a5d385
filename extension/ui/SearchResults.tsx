import { useLayoutEffect } from 'preact/hooks';
import { SEARCH_LIMIT, searchLeads } from '../store/search.ts';
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
  // A heading of its own: the results are every lead this user may see, not the tab that was open.
  return (
    <section aria-labelledby="search-h">
      <h2 id="search-h" class="section-h">
        Search{' '}
        <span class="muted">
          · {rows.found.length === 1 ? '1 lead' : `${rows.found.length} leads`}
          {rows.found.length >= SEARCH_LIMIT ? ' (the first; type more to narrow)' : ''}
        </span>
      </h2>
      <LeadList label="Search results">
        {rows.found.map((r) => (
          <LeadItem key={r.id} row={r} now={now}>
            <span class="muted">{r.view.owner ? `Owner: ${nameOf(r.view.owner)}` : 'No owner'}</span>
          </LeadItem>
        ))}
      </LeadList>
    </section>
  );
}
