import { useState } from 'preact/hooks';
import type { LeadRow } from '../../store/db.ts';
import type { CommandInput } from '../../store/outbox.ts';
import { useApp } from '../app-context.ts';
import { FormError } from './FormError.tsx';
import { type TryResult, tryAct } from './try-act.ts';

/** Commands whose input is one choice: transfer to a rep, reassign, move to a phase. */
export function PickForm({
  row,
  label,
  submitLabel,
  options,
  build,
  onDone,
}: {
  row: LeadRow;
  label: string;
  submitLabel: string;
  options: { value: string; label: string }[];
  build: (value: string) => CommandInput;
  onDone: () => void;
}) {
  const app = useApp();
  const id = `pick-${submitLabel.replace(/\W+/g, '-').toLowerCase()}`;
  const [value, setValue] = useState(options[0]?.value ?? '');
  const [result, setResult] = useState<TryResult | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    const r = await tryAct(app, row, build(value));
    setResult(r);
    if (r.ok) onDone();
  }
  if (!options.length)
    return <p class="muted small">Nobody to choose from yet (the team list has not synced).</p>;
  return (
    <form class="form" onSubmit={submit} aria-label={submitLabel}>
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => setValue(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FormError result={result} />
      <button type="submit" class="primary">
        {submitLabel}
      </button>
    </form>
  );
}
