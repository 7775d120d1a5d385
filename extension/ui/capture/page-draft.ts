import type { LeadDraft } from '../../../shared/contact/draft.ts';
import { isRegion, parsePhone } from '../../../shared/contact/phone.ts';
import { draftFromSelection, draftFromSender } from '../../../shared/contact/selection.ts';
import { emailKey, type Source } from '../../../shared/lead.ts';
import type { PageContext } from '../../page-context.ts';
import { formatPhone } from '../card/phones.ts';

/**
 * What the sidebar makes of the host page's context (pure: the parsing runs here, in the extension, never in
 * the content script). The order says what the user is doing now: a selection they asked to capture, then a
 * call, then the open message, then a page we cannot read.
 */
export type PageView =
  | { kind: 'none' }
  | { kind: 'unreadable'; problem?: string; source: Source; sourceUrl?: string }
  | { kind: 'selection'; text: string; draft: LeadDraft; source: Source; sourceUrl?: string }
  | {
      kind: 'call';
      /** The number as the page wrote it. */
      number: string;
      callState?: PageContext['callState'];
      draft: LeadDraft;
      /** Why the number is not a phone, when it is not one. */
      phoneProblem?: string;
      source: Source;
      sourceUrl?: string;
    }
  | {
      kind: 'sender';
      sender: { name?: string; email: string };
      subject?: string;
      draft: LeadDraft;
      source: Source;
      sourceUrl?: string;
    };

const SOURCE: Record<PageContext['host'], Source> = {
  gmail: 'gmail',
  outlook: 'outlook',
  aircall: 'dialer',
  dialpad: 'dialer',
  ringcentral: 'dialer',
  googlevoice: 'dialer',
  page: 'web',
};

export const HOST_LABEL: Record<PageContext['host'], string> = {
  gmail: 'Gmail',
  outlook: 'Outlook',
  aircall: 'Aircall',
  dialpad: 'Dialpad',
  ringcentral: 'RingCentral',
  googlevoice: 'Google Voice',
  page: 'this page',
};

export function pageView(ctx: PageContext | undefined, region: string): PageView {
  if (!ctx) return { kind: 'none' };
  const r = isRegion(region) ? region : null;
  const source = SOURCE[ctx.host];
  const sourceUrl = ctx.url || undefined;
  const at = sourceUrl ? { sourceUrl } : {};
  if (ctx.selection?.trim()) {
    return {
      kind: 'selection',
      text: ctx.selection,
      draft: draftFromSelection(ctx.selection, r),
      source,
      ...at,
    };
  }
  if (ctx.phone?.trim()) {
    const parsed = parsePhone(ctx.phone, r);
    const draft: LeadDraft =
      'error' in parsed
        ? { emails: [], phones: [] }
        : {
            emails: [],
            phones: [{ e164: parsed.e164, ...(parsed.extension ? { extension: parsed.extension } : {}) }],
          };
    return {
      kind: 'call',
      number: ctx.phone,
      ...(ctx.callState ? { callState: ctx.callState } : {}),
      draft,
      ...('error' in parsed ? { phoneProblem: parsed.error.message } : {}),
      source,
      ...at,
    };
  }
  if (ctx.status === 'ok' && ctx.sender?.email) {
    const sender = { ...(ctx.sender.name ? { name: ctx.sender.name } : {}), email: ctx.sender.email };
    const draft = draftFromSender(
      { email: sender.email, ...(sender.name ? { displayName: sender.name } : {}) },
      ctx.signatureText,
      r,
    );
    return { kind: 'sender', sender, ...(ctx.subject ? { subject: ctx.subject } : {}), draft, source, ...at };
  }
  if (ctx.status === 'unreadable') {
    return { kind: 'unreadable', ...(ctx.problem ? { problem: ctx.problem } : {}), source, ...at };
  }
  return { kind: 'none' };
}

/** The index keys to look the draft up by: emails first (exact), then every phone found (E.164, no extension). */
export function lookupKeys(draft: LeadDraft): { emails: string[]; phones: string[] } {
  return {
    emails: [...new Set(draft.emails.map(emailKey))],
    phones: [...new Set(draft.phones.map((p) => p.e164))],
  };
}

/** A stable identity for "the same thing on the page": a form keyed by it resets when the user moves on. */
export function viewKey(view: PageView): string {
  switch (view.kind) {
    case 'none':
      return 'none';
    case 'unreadable':
      return `unreadable|${view.sourceUrl ?? ''}`;
    case 'selection':
      return `selection|${view.text}`;
    case 'call':
      return `call|${view.number}`;
    case 'sender':
      return `sender|${view.sender.email}|${view.subject ?? ''}|${view.sourceUrl ?? ''}`;
  }
}

/** The draft as the capture form's text fields. */
export type DraftFields = {
  name: string;
  company: string;
  title: string;
  email: string;
  phone: string;
  note: string;
};

export function fieldsOf(draft: LeadDraft, note = ''): DraftFields {
  return {
    name: draft.name ?? '',
    company: draft.company ?? '',
    title: draft.title ?? '',
    email: draft.emails.join(', '),
    phone: draft.phones
      .map((p) => formatPhone(p.extension ? `${p.e164};ext=${p.extension}` : p.e164))
      .join(', '),
    note,
  };
}
