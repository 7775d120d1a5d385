import { useState } from 'preact/hooks';
import { CALL_OUTCOMES, type CallOutcome } from '../../../shared/lead.ts';
import type { LeadRow } from '../../store/db.ts';
import { useApp } from '../app-context.ts';
import { OUTCOME_LABEL } from '../format.ts';
import { FormError } from './FormError.tsx';
import { type TryResult, tryAct } from './try-act.ts';

const HINT: Partial<Record<CallOutcome, string>> = {
  interested: 'stayed on after the pitch',
  no_demand: 'parks it in nurture',
  invalid_number: 'disqualifies',
  wrong_number: 'disqualifies',
};

/** One click per outcome: telemarketers log many calls an hour. An optional note goes with it. */
export function LogCallForm({ row, onDone }: { row: LeadRow; onDone: () => void }) {
  const app = useApp();
  const [note, setNote] = useState('');
  const [result, setResult] = useState<TryResult | null>(null);
  const screening = row.view.stage === 'new';
  async function log(outcome: CallOutcome) {
    const r = await tryAct(app, row, {
      type: 'logCall',
      leadId: row.id,
      outcome,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setResult(r);
    if (r.ok) onDone();
  }
  return (
    <fieldset class="form">
      <legend>Log a call: how did it go?</legend>
      <label>
        Call note (optional)
        <input type="text" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <div class="outcomes">
        {CALL_OUTCOMES.map((o) => (
          <button
            key={o}
            type="button"
            class={o === 'interested' ? 'primary small' : 'small'}
            onClick={() => log(o)}
          >
            {OUTCOME_LABEL[o]}
            {screening && HINT[o] ? <span class="sr-only"> ({HINT[o]})</span> : null}
          </button>
        ))}
      </div>
      {screening && row.view.unansweredStreak > 0 && (
        <p class="small muted">
          {row.view.unansweredStreak} unanswered in a row; {app.settings.unansweredCallsToDisqualify}{' '}
          disqualify.
        </p>
      )}
      <FormError result={result} />
    </fieldset>
  );
}
