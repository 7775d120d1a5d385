import { searchLeads } from '../store/search.ts';
import { useApp } from './app-context.ts';
import { useLive, useNow } from './hooks.ts';
import { Empty, LeadItem, LeadList } from './LeadItem.tsx';

export function SearchResults({ query }: { query: string }) {
  const { db, settings, nameOf } = useApp();
  const now = useNow(60_000);
  const rows = useLive(
    () => searchLeads(db, query, settings.defaultPhoneRegion),
    [db, query, settings.defaultPhoneRegion],
  );
  if (!rows) return null;
  if (!rows.length) return <Empty>No lead matches “{query}”.</Empty>;
  return (
    <LeadList label="Search results">
      {rows.map((r) => (
        <LeadItem key={r.id} row={r} now={now}>
          <span class="muted">{r.view.owner ? `Owner: ${nameOf(r.view.owner)}` : 'No owner'}</span>
        </LeadItem>
      ))}
    </LeadList>
  );
}
