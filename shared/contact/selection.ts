// Lead drafts from what a content script can hand over: a text selection, or a webmail sender with the
// signature text of their message. Both reuse parseContactBlock; the text is data, never HTML.

import type { LeadDraft } from './draft.ts';
import { ROLE_MAILBOXES, vocabulary } from './labels.ts';
import { asName } from './person.ts';
import type { Region } from './phone.ts';
import { parseContactBlock } from './signature.ts';

/** Longer selections are cut: a contact block is short, and parsing must stay cheap on huge pages. */
export const MAX_SELECTION_CHARS = 10_000;

const ROLE_MAILBOX = vocabulary(ROLE_MAILBOXES, '^');

/**
 * A lead draft from any text selected on a web page. A one-line selection copied from a table or a
 * directory ('Jane Doe | CFO | Acme Inc. | +1 415 555 0123') is read as one field per cell.
 */
export function draftFromSelection(text: string, region?: Region | null): LeadDraft {
  let t = text.slice(0, MAX_SELECTION_CHARS).trim();
  if (!t.includes('\n')) t = t.split(/\t|\s+\|\s+|;\s+|\s+·\s+/u).join('\n');
  return parseContactBlock(t, { defaultRegion: region ?? null });
}

export interface Sender {
  displayName?: string;
  email: string;
}

/** 'Ortega, Dana' → 'Dana Ortega'; '"Dana Ortega (Sales)"' → 'Dana Ortega'; a team or brand name → nothing. */
export function nameFromDisplayName(displayName: string | undefined, email: string): string | undefined {
  const d = (displayName ?? '')
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .replace(/\s*[([].*[)\]]$/, '')
    .trim();
  if (!d || d.toLowerCase() === email.toLowerCase()) return undefined;
  const lastFirst = /^([^,]+),\s*([^,]+)$/.exec(d);
  return asName(lastFirst ? `${lastFirst[2]} ${lastFirst[1]}` : d);
}

/** 'lachandra.okafor@…' → 'Lachandra Okafor': only the first.last shape, never a role mailbox or a handle. */
export function nameFromEmail(email: string): string | undefined {
  const local = email.split('@')[0] ?? '';
  const parts = /^(\p{L}{2,})[._](\p{L}{2,})$/u.exec(local);
  if (!parts || ROLE_MAILBOX.test(local)) return undefined;
  return parts
    .slice(1)
    .map((p) => p[0].toUpperCase() + p.slice(1).toLowerCase())
    .join(' ');
}

/**
 * A lead draft for the sender of a webmail message. The sender's own header wins over the signature for the
 * name (a signature may be an assistant's); the signature adds title, company, phones and other addresses.
 */
export function draftFromSender(sender: Sender, signatureText?: string, region?: Region | null): LeadDraft {
  const email = sender.email.trim();
  const block: LeadDraft = signatureText
    ? parseContactBlock(signatureText, { defaultRegion: region ?? null, senderEmail: email })
    : { emails: [], phones: [] };
  const name = nameFromDisplayName(sender.displayName, email) ?? block.name ?? nameFromEmail(email);
  const emails = [email, ...block.emails.filter((e) => e.toLowerCase() !== email.toLowerCase())];
  const { warnings: blockWarnings, ...fields } = block;
  const warnings = blockWarnings?.filter((w) => w.code !== 'NO_CONTACT_DATA') ?? [];
  return { ...fields, ...(name ? { name } : {}), emails, ...(warnings.length ? { warnings } : {}) };
}
