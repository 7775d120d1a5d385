import { useApp } from './app-context.ts';
import { useLive } from './hooks.ts';
import { Empty } from './LeadItem.tsx';
import { RejectionNotice } from './RejectionNotice.tsx';

/** Every rejected action of this user, until dismissed (invariant 3: never silent). */
export function RejectedView() {
  const { db } = useApp();
  const rows = useLive(async () => {
    const rejected = await db.outbox.where('status').equals('rejected').reverse().sortBy('createdAt');
    const leads = await db.leads.bulkGet(rejected.map((r) => r.leadId));
    return rejected.map((r, i) => ({ r, lead: leads[i] }));
  }, [db]);
  if (!rows) return null;
  if (!rows.length) return <Empty>No rejected actions.</Empty>;
  return (
    <section aria-labelledby="rej-h">
      <h2 id="rej-h" class="section-h">
        Rejected actions <span class="muted">· {rows.length}</span>
      </h2>
      {rows.map(({ r, lead }) => (
        <RejectionNotice key={r.id} row={r} lead={lead} showLead />
      ))}
    </section>
  );
}
