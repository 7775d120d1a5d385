import { useState } from 'preact/hooks';
import type { LeadRow } from '../../store/db.ts';
import { useApp } from '../app-context.ts';
import { money } from '../format.ts';
import { FormError } from './FormError.tsx';
import { type TryResult, tryAct } from './try-act.ts';

/**
 * Closing as won is final, so it is a step of its own (not one click beside Move phase): it shows what the
 * order will count for, warns when the deal value was never set, and takes an optional order note.
 */
export function CloseWonForm({ row, onDone }: { row: LeadRow; onDone: () => void }) {
  const app = useApp();
  const v = row.view;
  const [note, setNote] = useState('');
  const [result, setResult] = useState<TryResult | null>(null);
  const [busy, setBusy] = useState(false);
  const phase = app.settings.phases.find((p) => p.id === v.phase);
  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return; // a double click would send a second command, rejected on the card
    setBusy(true);
    const r = await tryAct(app, row, {
      type: 'closeWon',
      leadId: row.id,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setBusy(false);
    setResult(r);
    if (r.ok) onDone();
  }
  return (
    <form class="form" onSubmit={submit} aria-label="Close as won">
      {v.amount !== null && v.currency ? (
        <p class="small">
          Order: <b>{money(v.amount, v.currency)}</b>
          {phase ? ` · from ${phase.label}` : ''}. This is final.
        </p>
      ) : (
        <p class="small blocked">
          The deal value is not set: the order will count as 0 in the team's figures. Set the deal first
          unless it really is 0.
        </p>
      )}
      <label>
        Order note <span class="muted">(optional)</span>
        <textarea
          rows={2}
          value={note}
          placeholder="e.g. signed for 25 seats, starts in March"
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </label>
      <FormError result={result} />
      <button type="submit" class="primary" disabled={busy}>
        Close as won
      </button>
    </form>
  );
}
