import { useEffect, useState } from 'preact/hooks';
import type { EditableField } from '../../../shared/sync-docs.ts';
import type { LeadRow } from '../../store/db.ts';
import { useApp } from '../app-context.ts';
import { toBackground } from '../background-link.ts';
import { formatPhone, parseEmailList, parsePhoneList } from './phones.ts';

const FIELDS: { field: EditableField; label: string; type?: string }[] = [
  { field: 'name', label: 'Name' },
  { field: 'company', label: 'Company' },
  { field: 'title', label: 'Title' },
  { field: 'emails', label: 'Emails', type: 'email' },
  { field: 'phones', label: 'Phones', type: 'tel' },
  { field: 'website', label: 'Website', type: 'url' },
];

const asText = (v: unknown, field?: EditableField): string =>
  Array.isArray(v)
    ? (field === 'phones' ? v.map((p) => formatPhone(String(p))) : v).join(', ')
    : typeof v === 'string'
      ? v
      : '';

/**
 * Free contact fields, edited in place and saved on blur or Enter into the work doc (per-field
 * last-writer-wins: two people editing different fields offline both keep their edit).
 */
export function ContactFields({ row }: { row: LeadRow }) {
  return (
    <section class="contact" aria-label="Contact">
      {FIELDS.map((f) => (
        <FieldInput key={f.field} row={row} {...f} />
      ))}
    </section>
  );
}

function FieldInput({
  row,
  field,
  label,
  type,
}: {
  row: LeadRow;
  field: EditableField;
  label: string;
  type?: string;
}) {
  const { settings } = useApp();
  const stored = asText(row.contact[field], field);
  const [value, setValue] = useState(stored);
  const [focused, setFocused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<'no' | 'saving' | 'saved'>('no');
  // A refused value stays in the field (with its error) until the user fixes it or presses Escape.
  useEffect(() => {
    if (!focused && !error && saving !== 'saving') setValue(stored);
  }, [stored, focused, error, saving]);

  async function save() {
    if (value.trim() === stored) return setError(null);
    let out: unknown = value.trim();
    if (field === 'phones') {
      const p = parsePhoneList(value, settings.defaultPhoneRegion);
      if (!p.ok) return setError(p.message);
      out = p.phones;
    } else if (field === 'emails') {
      const p = parseEmailList(value);
      if (!p.ok) return setError(p.message);
      out = p.emails;
    }
    setError(null);
    setSaving('saving');
    const r = await toBackground({ type: 'leadline/edit-field', leadId: row.id, field, value: out });
    setSaving(r.ok ? 'saved' : 'no');
    if (!r.ok) setError(`Not saved: ${r.message}`); // the typed text stays in the field (the effect above)
  }

  const id = `f-${field}`;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input
        id={id}
        type={type === 'email' ? 'text' : (type ?? 'text')}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onFocus={() => {
          setFocused(true);
          setSaving('no');
        }}
        onInput={(e) => setValue(e.currentTarget.value)}
        onBlur={() => {
          setFocused(false);
          void save();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            setValue(stored);
            setError(null);
          }
        }}
      />
      {saving !== 'no' && (
        <span class="saving muted small" aria-live="polite">
          {saving === 'saving' ? 'saving…' : 'saved'}
        </span>
      )}
      {error && (
        <span id={`${id}-err`} class="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
