import { useState } from 'preact/hooks';
import { decide } from '../../../shared/decide.ts';
import type { LeadRow } from '../../store/db.ts';
import { stateForLead } from '../../store/decision-state.ts';
import { FormError } from '../actions/FormError.tsx';
import { type TryResult, tryAct } from '../actions/try-act.ts';
import { useApp } from '../app-context.ts';
import { formatPhone } from '../card/phones.ts';
import { POOL_REASON_LABEL, STAGE_LABEL } from '../format.ts';
import { useLive } from '../hooks.ts';
import { displayName } from '../LeadItem.tsx';

/** The lead's name; a lead known only by its number shows it readable. */
const nameOf = (row: LeadRow) => {
  const n = displayName(row);
  return n.startsWith('+') && n === row.contact.phones[0] ? formatPhone(n) : n;
};

/** Who holds the lead, in a few words: the owner, or the pool and why. */
export function holderText(row: LeadRow, nameOf: (id: string | null | undefined) => string): string {
  const v = row.view;
  if (v.stage === 'pool')
    return `In the pool: ${POOL_REASON_LABEL[v.poolReason ?? ''] ?? v.poolReason ?? 'unassigned'}`;
  return v.owner ? `Owner: ${nameOf(v.owner)}` : 'No owner';
}

/** The lead the page's sender or number already is: stage, holder, and a claim button when it is claimable. */
export function MatchCard({ row, more = 0 }: { row: LeadRow; more?: number }) {
  const app = useApp();
  const [result, setResult] = useState<TryResult | null>(null);
  const claimable = useLive(async () => {
    if (row.view.stage !== 'pool') return false;
    const state = await stateForLead(app.db, row, app);
    return decide(state, { id: 'probe-0000', type: 'claim', leadId: row.id }, app.actor, Date.now()).ok;
  }, [row, app]);
  const v = row.view;
  return (
    <section class="match" aria-label="Matching lead">
      <div class="line1">
        <span class="name">{nameOf(row)}</span>
        <span class={`chip big stage-${v.stage}`}>{STAGE_LABEL[v.stage]}</span>
      </div>
      {row.contact.name && row.contact.company && <p class="muted small">{row.contact.company}</p>}
      <p class="small holder">
        {holderText(row, app.nameOf)}
        {row.pending.length > 0 && <span class="flag pending"> syncing</span>}
      </p>
      <div class="buttons">
        <button type="button" class="small" onClick={() => app.open(row.id)}>
          Open lead
        </button>
        {claimable && (
          <button
            type="button"
            class="small primary"
            onClick={async () => setResult(await tryAct(app, row, { type: 'claim', leadId: row.id }))}
          >
            Claim
          </button>
        )}
      </div>
      <FormError result={result} />
      {more > 0 && <p class="muted small">{more} more lead(s) share this email or phone.</p>}
    </section>
  );
}
