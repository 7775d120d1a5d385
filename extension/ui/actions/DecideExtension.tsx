import { useEffect, useRef, useState } from 'preact/hooks';
import type { LeadRow } from '../../store/db.ts';
import { useApp } from '../app-context.ts';
import { FormError } from './FormError.tsx';
import { type TryResult, tryAct } from './try-act.ts';

/**
 * A manager's answer to a pending extension request. Approve is one click; Deny first asks why (optional),
 * because the rep only learns of the denial on the card and should know what to do instead.
 */
export function DecideExtension({
  row,
  showRequest = false,
  onDone,
}: {
  row: LeadRow;
  /** On the card, which does not show the request elsewhere; the Approvals list item does. */
  showRequest?: boolean;
  onDone?: () => void;
}) {
  const app = useApp();
  const [result, setResult] = useState<TryResult | null>(null);
  const [denying, setDenying] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const denyRef = useRef<HTMLButtonElement>(null);
  const wasDenying = useRef(false);
  // The keyboard user lands where the next step is, and back on "Deny…" after Cancel.
  useEffect(() => {
    if (denying) noteRef.current?.focus();
    else if (wasDenying.current) denyRef.current?.focus();
    wasDenying.current = denying;
  }, [denying]);
  const toggle = (on: boolean) => {
    setResult(null); // an Approve refused (say, the quota) is not the Deny's problem, and the other way round
    setDenying(on);
  };
  const ext = row.view.extensions.find((x) => x.status === 'pending');
  if (!ext) return null;
  const rep = app.nameOf(ext.requestedBy);
  const decide = async (approve: boolean) => {
    if (busy) return; // a double click would send a second command, rejected on the card
    setBusy(true);
    const trimmed = note.trim();
    const r = await tryAct(app, row, {
      type: 'decideExtension',
      leadId: row.id,
      approve,
      ...(!approve && trimmed ? { note: trimmed } : {}),
    });
    setBusy(false);
    setResult(r);
    if (r.ok) onDone?.();
  };
  const request = showRequest && (
    <p>
      {rep} asks: “{ext.reason}”
    </p>
  );
  if (denying)
    return (
      <form
        class="form deny"
        aria-label={`Deny ${rep}'s extension request`}
        onSubmit={(e) => {
          e.preventDefault();
          void decide(false);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.stopPropagation(); // cancels the denial, not the card or the approval around it
          toggle(false);
        }}
      >
        {request}
        <label>
          Why not? <span class="muted">(optional; {rep} sees it on the lead)</span>
          <textarea ref={noteRef} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <FormError result={result} />
        <div class="buttons">
          <button type="submit" disabled={busy}>
            Deny extension
          </button>
          <button type="button" onClick={() => toggle(false)}>
            Cancel
          </button>
        </div>
      </form>
    );
  return (
    <div class={showRequest ? 'form decide' : 'decide'}>
      {request}
      <div class="buttons">
        <button type="button" class="small primary" disabled={busy} onClick={() => decide(true)}>
          Approve extension
        </button>
        <button type="button" class="small" ref={denyRef} onClick={() => toggle(true)}>
          Deny…
        </button>
      </div>
      <FormError result={result} />
    </div>
  );
}
