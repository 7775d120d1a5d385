import { useState } from 'preact/hooks';
import type { LeadDraft } from '../../../shared/contact/draft.ts';
import type { Source } from '../../../shared/lead.ts';
import { useApp } from '../app-context.ts';
import { type CaptureResult, captureFromFields } from './capture-lead.ts';
import { type DraftFields, fieldsOf } from './page-draft.ts';

const FIELDS: [keyof DraftFields, string, string?][] = [
  ['name', 'Name'],
  ['company', 'Company'],
  ['title', 'Title'],
  ['email', 'Email', 'email'],
  ['phone', 'Phone', 'tel'],
];

/**
 * A lead draft read from the page, to confirm in one click or edit first. Never focuses itself: it renders
 * beside a page the user is working in (the in-page panel must not steal the caret from the host page).
 */
export function DraftForm({
  id,
  draft,
  source,
  sourceUrl,
  title,
  openFields = false,
  notes = [],
  onCaptured,
  onCancel,
}: {
  /** Prefix for the field ids (two forms may be on one page). */
  id: string;
  draft: LeadDraft;
  source: Source;
  sourceUrl?: string;
  title: string;
  /** Show the fields at once (a selection or manual capture) rather than a summary with an Edit button. */
  openFields?: boolean;
  /** Short lines about what the draft left out (e.g. a number that is already on another lead). */
  notes?: readonly string[];
  onCaptured?: (leadId: string) => void;
  /** Shows a Cancel button (a form opened on request, e.g. "Capture as a new lead"). */
  onCancel?: () => void;
}) {
  const app = useApp();
  const [f, setF] = useState<DraftFields>(() => fieldsOf(draft));
  const [editing, setEditing] = useState(openFields);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CaptureResult | null>(null);
  const summary = [f.name, f.title, f.company, f.email, f.phone].filter((s) => s.trim());

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await captureFromFields(app, f, source, sourceUrl);
    setBusy(false);
    setResult(r);
    if (r.ok) onCaptured?.(r.leadId);
    else setEditing(true);
  }

  return (
    <form class="draft" id={`${id}-form`} onSubmit={submit} aria-label={title}>
      <h3 class="sub-h">{title}</h3>
      {editing ? (
        <div class="draft-fields">
          {FIELDS.map(([k, label, type]) => (
            <label key={k} for={`${id}-${k}`}>
              {label}
              <input
                id={`${id}-${k}`}
                type={type === 'tel' ? 'tel' : 'text'}
                inputMode={type === 'email' ? 'email' : undefined}
                value={f[k]}
                onInput={(e) => setF({ ...f, [k]: e.currentTarget.value })}
              />
            </label>
          ))}
          <label for={`${id}-note`}>
            Note
            <textarea
              id={`${id}-note`}
              rows={2}
              value={f.note}
              onInput={(e) => setF({ ...f, note: e.currentTarget.value })}
            />
          </label>
        </div>
      ) : (
        <ul class="draft-summary" aria-label="Will be captured as">
          {summary.length ? (
            summary.map((s) => <li key={s}>{s}</li>)
          ) : (
            <li class="muted">Nothing read yet.</li>
          )}
        </ul>
      )}
      {notes.map((n) => (
        <p key={n} class="warn-note small">
          {n}
        </p>
      ))}
      {draft.warnings?.map((w) => (
        <p key={w.code + w.message} class="warn-note small">
          {w.message}
        </p>
      ))}
      {result && !result.ok && (
        <div class="error" role="alert">
          <p>{result.message}</p>
          {result.hint && <p class="small">{result.hint}</p>}
          {result.existing && (
            <button type="button" class="small" onClick={() => app.open(result.existing!)}>
              Open the existing lead
            </button>
          )}
        </div>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          Capture lead
        </button>
        {!editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit first
          </button>
        )}
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
