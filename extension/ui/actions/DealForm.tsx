import { useState } from 'preact/hooks';
import { localDate } from '../../../shared/settings.ts';
import type { LeadRow } from '../../store/db.ts';
import { useApp } from '../app-context.ts';
import { FormError } from './FormError.tsx';
import { type TryResult, tryAct } from './try-act.ts';

/** Amount, currency and expected close of an opportunity (forecast and focus list). */
export function DealForm({ row, onDone }: { row: LeadRow; onDone: () => void }) {
  const app = useApp();
  const v = row.view;
  const [amount, setAmount] = useState(v.amount !== null ? String(v.amount) : '');
  const [currency, setCurrency] = useState(v.currency ?? 'EUR');
  const saved = v.expectedClose ? localDate(v.expectedClose) : '';
  const [close, setClose] = useState(saved);
  const today = localDate(Date.now());
  const [result, setResult] = useState<TryResult | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    const n = Number(amount);
    if (amount.trim() === '' || !Number.isFinite(n) || n < 0)
      return setResult({ ok: false, message: 'Enter the deal value (0 or more).' });
    // A date already passed is almost always a typo (a past year); one kept from before may stay.
    if (close && close < today && close !== saved)
      return setResult({
        ok: false,
        message: `The expected close date ${close} is in the past.`,
        hint: 'Pick today or a later date, or close the deal if it is decided.',
      });
    const r = await tryAct(app, row, {
      type: 'setDeal',
      leadId: row.id,
      amount: n,
      currency: currency.trim().toUpperCase(),
      expectedClose: close ? Date.parse(`${close}T12:00:00`) : null,
    });
    setResult(r);
    if (r.ok) onDone();
  }
  return (
    <form class="form" onSubmit={submit} aria-label="Save deal">
      <div class="row2">
        <label>
          Deal value
          <input
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        </label>
        <label>
          Currency
          <input
            type="text"
            maxLength={3}
            value={currency}
            onInput={(e) => setCurrency(e.currentTarget.value)}
          />
        </label>
      </div>
      <label>
        Expected close
        <input type="date" value={close} onInput={(e) => setClose(e.currentTarget.value)} />
      </label>
      <FormError result={result} />
      <button type="submit" class="primary">
        Save deal
      </button>
    </form>
  );
}
