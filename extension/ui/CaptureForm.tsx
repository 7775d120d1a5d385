import { useEffect, useRef, useState } from 'preact/hooks';
import { decide } from '../../shared/decide.ts';
import type { Contact } from '../../shared/lead.ts';
import { stateForCapture } from '../store/decision-state.ts';
import { act, useApp } from './app-context.ts';
import { parseEmailList, parsePhoneList } from './card/phones.ts';

/** Manual capture (content scripts will prefill it from the page later). */
export function CaptureForm({ onDone }: { onDone: (leadId: string) => void }) {
  const app = useApp();
  const [f, setF] = useState({ name: '', company: '', title: '', email: '', phone: '', note: '' });
  const [error, setError] = useState<{ message: string; hint?: string; existing?: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; phone?: string }>({});
  const first = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // After a refused submit, the cursor goes to the first wrong field (once it is marked).
  const focusError = useRef(false);
  useEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    formRef.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  }, [fieldErrors]);
  // The form opens on the user's request: put the cursor in its first field.
  useEffect(() => first.current?.focus(), []);
  const set = (k: keyof typeof f) => (e: Event) => {
    setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
    // Typing in a field with an error takes the error off; the next submit checks it again.
    if (fieldErrors[k as 'email' | 'phone']) setFieldErrors({ ...fieldErrors, [k]: undefined });
  };

  async function submit(e: Event) {
    e.preventDefault();
    // Every field's problem at once, beside its field: not one per submit.
    const phones = parsePhoneList(f.phone, app.settings.defaultPhoneRegion);
    const emails = parseEmailList(f.email);
    const wrong = {
      ...(emails.ok ? {} : { email: emails.message }),
      ...(phones.ok ? {} : { phone: phones.message }),
    };
    setFieldErrors(wrong);
    if (!phones.ok || !emails.ok) {
      setError(null);
      focusError.current = true;
      return;
    }
    const contact: Contact = {
      ...(f.name.trim() ? { name: f.name.trim() } : {}),
      ...(f.company.trim() ? { company: f.company.trim() } : {}),
      ...(f.title.trim() ? { title: f.title.trim() } : {}),
      emails: emails.emails,
      phones: phones.phones,
    };
    const leadId = crypto.randomUUID();
    const input = {
      type: 'capture' as const,
      leadId,
      contact,
      source: 'manual' as const,
      ...(f.note.trim() ? { note: f.note.trim() } : {}),
    };
    const state = await stateForCapture(app.db, contact, app);
    const d = decide(state, { ...input, id: 'check-0000' }, app.actor, Date.now());
    if (!d.ok) {
      const existing = d.rejection.details?.existingLeadId;
      return setError({
        message: d.rejection.message,
        hint: d.rejection.hint,
        ...(typeof existing === 'string' ? { existing } : {}),
      });
    }
    const r = await act(app, input);
    if (!r.ok) return setError({ message: r.message });
    onDone(leadId);
  }

  return (
    <form ref={formRef} class="card capture" onSubmit={submit} aria-labelledby="cap-h">
      <h2 id="cap-h">New lead</h2>
      <label>
        Name
        <input type="text" value={f.name} onInput={set('name')} ref={first} />
      </label>
      <label>
        Company
        <input type="text" value={f.company} onInput={set('company')} />
      </label>
      <label>
        Title
        <input type="text" value={f.title} onInput={set('title')} />
      </label>
      <label>
        Email
        <input
          type="text"
          inputMode="email"
          value={f.email}
          onInput={set('email')}
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={fieldErrors.email ? 'cap-email-err' : undefined}
        />
      </label>
      {/* Outside the label: the error must not become part of the field's name. */}
      {fieldErrors.email && (
        <span id="cap-email-err" class="field-error" role="alert">
          {fieldErrors.email}
        </span>
      )}
      <label>
        Phone
        <input
          type="tel"
          value={f.phone}
          onInput={set('phone')}
          placeholder={`any format; region ${app.settings.defaultPhoneRegion}`}
          aria-invalid={fieldErrors.phone ? true : undefined}
          aria-describedby={fieldErrors.phone ? 'cap-phone-err' : undefined}
        />
      </label>
      {fieldErrors.phone && (
        <span id="cap-phone-err" class="field-error" role="alert">
          {fieldErrors.phone}
        </span>
      )}
      <label>
        Note
        <textarea rows={2} value={f.note} onInput={set('note')} />
      </label>
      {error && (
        <div class="error" role="alert">
          <p>{error.message}</p>
          {error.hint && <p class="small">{error.hint}</p>}
          {error.existing && (
            <button type="button" class="small" onClick={() => app.open(error.existing!)}>
              Open the existing lead
            </button>
          )}
        </div>
      )}
      <button type="submit" class="primary">
        Capture lead
      </button>
    </form>
  );
}
