import { useRef, useState } from 'preact/hooks';
import type { LeadRow } from '../../store/db.ts';
import { useApp } from '../app-context.ts';
import { FormError } from './FormError.tsx';
import { type TryResult, tryAct } from './try-act.ts';

type Field = 'demand' | 'seats' | 'company';
const MISSING: Record<Field, string> = {
  demand: 'the confirmed demand',
  seats: 'the number of seats (a whole number, 1 or more)',
  company: 'the company name',
};

/** sql → opportunity. A quotation needs all three: confirmed demand, seats, the correct company name. */
export function QualifyForm({ row, onDone }: { row: LeadRow; onDone: () => void }) {
  const app = useApp();
  const [demand, setDemand] = useState('');
  const [seats, setSeats] = useState('');
  const [company, setCompany] = useState(row.contact.company ?? '');
  const [result, setResult] = useState<TryResult | null>(null);
  const [invalid, setInvalid] = useState<Set<Field>>(new Set());
  const form = useRef<HTMLFormElement>(null);
  /** Typing in a marked field takes its mark off (the message stays until the next submit). */
  const fixed = (f: Field) => {
    if (invalid.has(f)) setInvalid(new Set([...invalid].filter((x) => x !== f)));
  };
  async function submit(e: Event) {
    e.preventDefault();
    const n = seats.trim() === '' ? undefined : Number(seats);
    // Each missing field is named and marked, not only the rule repeated (the shared rule still decides).
    const bad = new Set<Field>();
    if (!demand.trim()) bad.add('demand');
    if (n === undefined || !Number.isInteger(n) || n < 1) bad.add('seats');
    if (!company.trim()) bad.add('company');
    setInvalid(bad);
    if (bad.size) {
      form.current?.querySelector<HTMLInputElement>(`[name="${[...bad][0]}"]`)?.focus();
      return setResult({
        ok: false,
        message: `Still missing: ${[...bad].map((f) => MISSING[f]).join(', ')}.`,
        hint: 'Confirm them with the contact, then qualify.',
      });
    }
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
    <form ref={form} class="form" noValidate onSubmit={submit} aria-label="Qualify as opportunity">
      <p class="small muted">
        A quotation needs the confirmed demand, the number of seats and the correct company name.
      </p>
      <label>
        Confirmed demand
        <input
          type="text"
          name="demand"
          aria-invalid={invalid.has('demand') || undefined}
          aria-describedby={invalid.has('demand') ? 'qualify-err' : undefined}
          value={demand}
          onInput={(e) => {
            setDemand(e.currentTarget.value);
            fixed('demand');
          }}
          placeholder="e.g. CRM for the sales team"
        />
      </label>
      <div class="row2 short-first">
        <label>
          Seats
          <input
            type="number"
            name="seats"
            aria-invalid={invalid.has('seats') || undefined}
            aria-describedby={invalid.has('seats') ? 'qualify-err' : undefined}
            min={1}
            step={1}
            inputMode="numeric"
            value={seats}
            onInput={(e) => {
              setSeats(e.currentTarget.value);
              fixed('seats');
            }}
          />
        </label>
        <label>
          Company name
          <input
            type="text"
            name="company"
            aria-invalid={invalid.has('company') || undefined}
            aria-describedby={invalid.has('company') ? 'qualify-err' : undefined}
            value={company}
            onInput={(e) => {
              setCompany(e.currentTarget.value);
              fixed('company');
            }}
          />
        </label>
      </div>
      {/* The invalid fields point here (aria-describedby): a screen reader reads why with the field. */}
      <div id="qualify-err">
        <FormError result={result} />
      </div>
      <button type="submit" class="primary">
        Qualify as opportunity
      </button>
    </form>
  );
}
