import { useState } from 'preact/hooks';
import { decide } from '../../../shared/decide.ts';
import type { LeadRow } from '../../store/db.ts';
import { stateForLead } from '../../store/decision-state.ts';
import { FormError } from '../actions/FormError.tsx';
import { type TryResult, tryAct } from '../actions/try-act.ts';
import { useApp } from '../app-context.ts';
import { formatPhone } from '../card/phones.ts';
import { poolReasonText, STAGE_LABEL } from '../format.ts';
import { useLive } from '../hooks.ts';
import { displayName } from '../LeadItem.tsx';
import { type LeadMatch, matchReason } from './match.ts';

/** The lead's name; a lead known only by its number shows it readable. */
export const nameOf = (row: LeadRow) => {
  const n = displayName(row);
  return n.startsWith('+') && n === row.contact.phones[0] ? formatPhone(n) : n;
};

/** Who holds the lead, in a few words: the owner, or the pool and why. */
export function holderText(row: LeadRow, nameOf: (id: string | null | undefined) => string): string {
  const v = row.view;
  if (v.stage === 'pool') return `In the pool: ${poolReasonText(v)}`;
  return v.owner ? `Owner: ${nameOf(v.owner)}` : 'No owner';
}

/**
 * The lead the page's sender or number already is: why it matched, stage, holder, a claim button when it is
 * claimable, and "Capture as a new lead" for when it is someone else (a shared switchboard number).
 */
export function MatchCard({
  match,
  more = 0,
  anotherPerson = false,
  newLead,
}: {
  match: LeadMatch;
  more?: number;
  /** Matched by phone only, and the page names someone else: say it may not be this lead. */
  anotherPerson?: boolean;
  /** The "Capture as a new lead" toggle: whether its form is open, and what a click does. */
  newLead?: { open: boolean; toggle: () => void; controls: string };
}) {
  const app = useApp();
  const { row } = match;
  const [result, setResult] = useState<TryResult | null>(null);
  const claimable = useLive(async () => {
    if (row.view.stage !== 'pool') return false;
    const state = await stateForLead(app.db, row, app);
    return decide(state, { id: 'probe-0000', type: 'claim', leadId: row.id }, app.actor, Date.now()).ok;
  }, [row, app]);
  const v = row.view;
  return (
    <section class={`match${anotherPerson ? ' maybe-other' : ''}`} aria-label="Matching lead">
      <p class="small match-why">{matchReason(match)}</p>
      <div class="line1">
        <span class="name">{nameOf(row)}</span>
        <span class={`chip big stage-${v.stage}`}>{STAGE_LABEL[v.stage]}</span>
      </div>
      {row.contact.name && row.contact.company && <p class="muted small">{row.contact.company}</p>}
      <p class="small holder">
        {holderText(row, app.nameOf)}
        {row.pending.length > 0 && <span class="flag pending"> waiting to sync</span>}
      </p>
      {anotherPerson && (
        <p class="warn-note small">Possibly another person: only the phone number is the same.</p>
      )}
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
        {newLead && (
          <button
            type="button"
            class={`small${newLead.open ? ' pressed' : ''}`}
            aria-expanded={newLead.open}
            {...(newLead.open ? { 'aria-controls': newLead.controls } : {})}
            onClick={newLead.toggle}
          >
            Capture as a new lead
          </button>
        )}
      </div>
      <FormError result={result} />
      {more > 0 && <p class="muted small">{more} more lead(s) share this email or phone.</p>}
    </section>
  );
}
