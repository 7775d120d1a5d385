import { useState } from 'preact/hooks';
import type { LeadRow } from '../../store/db.ts';
import type { CommandInput } from '../../store/outbox.ts';
import { useApp } from '../app-context.ts';
import { FormError } from './FormError.tsx';
import { type TryResult, tryAct } from './try-act.ts';

/** Commands whose one input is a sentence: return an MQL, ask for an extension, close lost, release. */
export function ReasonForm({
  row,
  label,
  submitLabel,
  required,
  build,
  onDone,
}: {
  row: LeadRow;
  label: string;
  submitLabel: string;
  required: boolean;
  build: (reason: string) => CommandInput;
  onDone: () => void;
}) {
  const app = useApp();
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<TryResult | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    if (required && !reason.trim()) return setResult({ ok: false, message: `${label} is required.` });
    const r = await tryAct(app, row, build(reason.trim()));
    setResult(r);
    if (r.ok) onDone();
  }
  return (
    <form class="form" onSubmit={submit} aria-label={submitLabel}>
      <label>
        {label}
        {!required && <span class="muted"> (optional)</span>}
        <textarea rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <FormError result={result} />
      <button type="submit" class="primary">
        {submitLabel}
      </button>
    </form>
  );
}
