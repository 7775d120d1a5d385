import { approvedExtensions, pendingExtension } from '../../shared/lead.ts';
import type { LeadRow } from '../store/db.ts';
import { DecideExtension } from './actions/DecideExtension.tsx';
import { useApp } from './app-context.ts';
import { ago, countdown } from './format.ts';
import { useLive, useNow } from './hooks.ts';
import { displayName, Empty } from './LeadItem.tsx';

/** Managers: pending extension requests with the lead, the reason and the rep's current extension count. */
export function ApprovalsView() {
  const { db, actor } = useApp();
  const now = useNow(30_000);
  const rows = useLive(async () => {
    const waiting = await db.leads
      .where('flags')
      .equals('extPending')
      .filter((r) => r.view.owner !== actor.userId)
      .toArray();
    const reps = [...new Set(waiting.map((r) => r.view.owner).filter((o): o is string => !!o))];
    const held = new Map<string, number>();
    for (const rep of reps) {
      held.set(
        rep,
        await db.leads
          .where('[owner+stage]')
          .equals([rep, 'sql'])
          .filter((r) => approvedExtensions(r.view) > 0)
          .count(),
      );
    }
    return waiting.map((row) => ({ row, held: held.get(row.view.owner ?? '') ?? 0 }));
  }, [db, actor.userId]);
  if (!rows) return null;
  if (!rows.length) return <Empty>No extension requests are waiting.</Empty>;
  return (
    <section aria-labelledby="appr-h">
      <h2 id="appr-h" class="section-h">
        Extension requests <span class="muted">· {rows.length}</span>
      </h2>
      <ul class="list" aria-label="Extension requests">
        {rows.map(({ row, held }) => (
          <Approval key={row.id} row={row} held={held} now={now} />
        ))}
      </ul>
    </section>
  );
}

function Approval({ row, held, now }: { row: LeadRow; held: number; now: number }) {
  const { nameOf, settings, open } = useApp();
  const v = row.view;
  const ext = pendingExtension(v);
  if (!ext) return null;
  const cd = v.sqlDeadline !== null ? countdown(v.sqlDeadline, now) : null;
  const pending = row.pending.includes('decideExtension');
  return (
    <li class="item approval" aria-label={`Extension request for ${displayName(row)}`}>
      <button type="button" class="item-main" onClick={() => open(row.id)}>
        <span class="line1">
          <span class="name">{displayName(row)}</span>
          {cd && <span class={`countdown ${cd.urgency}`}>{cd.text}</span>}
        </span>
        <span class="line2">
          <b>{nameOf(ext.requestedBy)}</b> asks for one more week {ago(ext.requestedAt, now)}: “{ext.reason}”
        </span>
        <span class="line2 muted">
          This lead: {approvedExtensions(v)} of {settings.maxExtensionsPerLead} extensions used ·{' '}
          {nameOf(v.owner)} holds {held} of {settings.maxExtendedLeadsPerRep} extended leads
        </span>
      </button>
      <div class="item-actions">
        {pending ? (
          <span class="flag pending">decision waiting to sync</span>
        ) : (
          // Checked with the shared rules first: e.g. approving past the rep's quota is explained now.
          <DecideExtension row={row} />
        )}
      </div>
    </li>
  );
}
