import { decide } from '../../../shared/decide.ts';
import type { Contact, Source } from '../../../shared/lead.ts';
import { stateForCapture } from '../../store/decision-state.ts';
import { type AppContext, act } from '../app-context.ts';
import { parseEmailList, parsePhoneList } from '../card/phones.ts';
import type { DraftFields } from './page-draft.ts';

export type CaptureResult =
  | { ok: true; leadId: string }
  | { ok: false; message: string; hint?: string; existing?: string };

/**
 * The reviewed draft → a `capture` command, checked with the shared rules against the local leads first (a
 * duplicate is explained at once, with the existing lead to open), then saved to the outbox.
 */
export async function captureFromFields(
  app: AppContext,
  f: DraftFields,
  source: Source,
  sourceUrl?: string,
): Promise<CaptureResult> {
  const phones = parsePhoneList(f.phone, app.settings.defaultPhoneRegion);
  if (!phones.ok) return { ok: false, message: phones.message };
  const emails = parseEmailList(f.email);
  if (!emails.ok) return { ok: false, message: emails.message };
  const text = (s: string) => s.trim().slice(0, 200);
  const contact: Contact = {
    ...(text(f.name) ? { name: text(f.name) } : {}),
    ...(text(f.company) ? { company: text(f.company) } : {}),
    ...(text(f.title) ? { title: text(f.title) } : {}),
    emails: emails.emails,
    phones: phones.phones,
  };
  const leadId = crypto.randomUUID();
  const input = {
    type: 'capture' as const,
    leadId,
    contact,
    source,
    ...(sourceUrl ? { sourceUrl: sourceUrl.slice(0, 2000) } : {}),
    ...(f.note.trim() ? { note: f.note.trim() } : {}),
  };
  const state = await stateForCapture(app.db, contact, app);
  const d = decide(state, { ...input, id: 'check-0000' }, app.actor, Date.now());
  if (!d.ok) {
    const existing = d.rejection.details?.existingLeadId;
    return {
      ok: false,
      message: d.rejection.message,
      ...(d.rejection.hint ? { hint: d.rejection.hint } : {}),
      ...(typeof existing === 'string' ? { existing } : {}),
    };
  }
  const r = await act(app, input);
  return r.ok ? { ok: true, leadId } : { ok: false, message: r.message };
}
