import { useState } from 'preact/hooks';
import type { LeadRow } from '../../store/db.ts';
import { useApp } from '../app-context.ts';
import { FormError } from './FormError.tsx';
import { type TryResult, tryAct } from './try-act.ts';

/** sql → opportunity. A quotation needs all three: confirmed demand, seats, the correct company name. */
export function QualifyForm({ row, onDone }: { row: LeadRow; onDone: () => void }) {
  const app = useApp();
  const [demand, setDemand] = useState('');
  const [seats, setSeats] = useState('');
  const [company, setCompany] = useState(row.contact.company ?? '');
  const [result, setResult] = useState<TryResult | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    const n = seats.trim() === '' ? undefined : Number(seats);
    const r = await tryAct(app, row, {
      type: 'qualify',
      leadId: row.id,
      ...(demand.trim() ? { demand: demand.trim() } : {}),
      ...(n !== undefined && Number.isFinite(n) ? { seats: n } : {}),
      ...(company.trim() ? { companyName: company.trim() } : {}),
    });
    setResult(r);
    if (r.ok) onDone();
  }
  return (
    <form class="form" onSubmit={submit} aria-label="Qualify as opportunity">
      <p class="small muted">
        A quotation needs the confirmed demand, the number of seats and the correct company name.
      </p>
      <label>
        Confirmed demand
        <input
          type="text"
          value={demand}
          onInput={(e) => setDemand(e.currentTarget.value)}
          placeholder="e.g. CRM for the sales team"
        />
      </label>
      <div class="row2 short-first">
        <label>
          Seats
          <input
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            value={seats}
            onInput={(e) => setSeats(e.currentTarget.value)}
          />
        </label>
        <label>
          Company name
          <input type="text" value={company} onInput={(e) => setCompany(e.currentTarget.value)} />
        </label>
      </div>
      <FormError result={result} />
      <button type="submit" class="primary">
        Qualify as opportunity
      </button>
    </form>
  );
}
