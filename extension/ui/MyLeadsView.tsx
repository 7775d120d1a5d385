import type { Stage } from '../../shared/lead.ts';
import { useApp } from './app-context.ts';
import { STAGE_LABEL } from './format.ts';
import { useLive, useNow } from './hooks.ts';
import { displayName, Empty, LeadItem, LeadList } from './LeadItem.tsx';

const ORDER: Stage[] = ['sql', 'mql', 'new', 'opportunity', 'won', 'lost'];

/** The user's leads, grouped by stage (open stages first; deadlines first inside SQL). */
export function MyLeadsView() {
  const { db, actor } = useApp();
  const now = useNow(30_000);
  const rows = useLive(() => db.leads.where('owner').equals(actor.userId).toArray(), [db, actor.userId]);
  if (!rows) return null;
  if (!rows.length) return <Empty>You hold no leads yet.</Empty>;
  return (
    <>
      {ORDER.map((stage) => {
        const group = rows
          .filter((r) => r.stage === stage)
          .sort(
            (a, b) =>
              (a.sqlDeadline ?? 0) - (b.sqlDeadline ?? 0) || displayName(a).localeCompare(displayName(b)),
          );
        if (!group.length) return null;
        return (
          <section key={stage} aria-labelledby={`mine-${stage}`}>
            <h2 id={`mine-${stage}`} class="section-h">
              {STAGE_LABEL[stage]} <span class="muted">· {group.length}</span>
            </h2>
            <LeadList label={`My ${STAGE_LABEL[stage]} leads`}>
              {group.map((r) => (
                <LeadItem key={r.id} row={r} now={now} />
              ))}
            </LeadList>
          </section>
        );
      })}
    </>
  );
}
