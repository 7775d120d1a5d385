import type { LeadDraft } from '../../../shared/contact/draft.ts';
import { emailKey } from '../../../shared/lead.ts';
import type { LeadlineDb, LeadRow } from '../../store/db.ts';
import { formatPhone } from '../card/phones.ts';

/** The page's lookup keys (`lookupKeys` in page-draft.ts): email keys and E.164 numbers without extension. */
export type LookupKeys = { emails: string[]; phones: string[] };

/** A lead the page matched, and the keys it shares with the page: why it matched. */
export type LeadMatch = { row: LeadRow; emails: string[]; phones: string[] };

/**
 * The leads a page's sender or number belongs to: by email first (exact, any case), then by any phone
 * (E.164 without extension, the same key the server checks duplicates with). Index lookups only.
 */
export async function matchingLeads(db: LeadlineDb, keys: LookupKeys): Promise<LeadMatch[]> {
  const found = new Map<string, LeadRow>();
  if (keys.emails.length)
    for (const r of await db.leads.where('emails').anyOf(keys.emails).toArray()) found.set(r.id, r);
  if (keys.phones.length)
    for (const r of await db.leads.where('phones').anyOf(keys.phones).toArray())
      if (!found.has(r.id)) found.set(r.id, r);
  return [...found.values()].map((row) => matchOf(row, keys));
}

/** The keys a lead shares with the page, read from its index keys (the ones it was found by). */
export function matchOf(row: LeadRow, keys: LookupKeys): LeadMatch {
  return {
    row,
    emails: keys.emails.filter((e) => row.emails.includes(e)),
    phones: keys.phones.filter((p) => row.phones.includes(p)),
  };
}

/** Why the page matched this lead: the email it shares, or else the numbers (as the card writes them). */
export function matchReason(match: Pick<LeadMatch, 'emails' | 'phones'>): string {
  if (match.emails.length) return 'Same email';
  return `Same phone: ${match.phones.map(formatPhone).join(', ')}`;
}

const nameKey = (s: string | undefined) =>
  s
    ?.normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim() || undefined;

/**
 * A match by phone alone may be someone else: a company's switchboard is in every signature of its staff.
 * Say so when the page names a person the lead is not (both have names, and they differ), or, a name missing,
 * when the page's email is not among the lead's (both have emails, none shared: it matched by phone only).
 * A bare number (a call) names nobody, so it is never flagged.
 */
export function possiblyAnotherPerson(match: LeadMatch, draft: LeadDraft): boolean {
  if (match.emails.length || !match.phones.length) return false;
  const page = nameKey(draft.name);
  const lead = nameKey(match.row.contact.name);
  if (page && lead) return page !== lead;
  return draft.emails.length > 0 && match.row.contact.emails.length > 0;
}

/**
 * The page's person first: an email match, then a lead of the same name, then the rest (colleagues sharing
 * the switchboard). The card shows the first; the order among equals is kept.
 */
export function mostLikelyFirst(matches: LeadMatch[], draft: LeadDraft): LeadMatch[] {
  const rank = (m: LeadMatch) => (m.emails.length ? 0 : possiblyAnotherPerson(m, draft) ? 2 : 1);
  return [...matches].sort((a, b) => rank(a) - rank(b));
}

/**
 * The page's draft without the emails and numbers that already belong to a lead: the server refuses a capture
 * that shares any of them (DUPLICATE_LEAD). `leftOut` says, per key, which lead holds it, for the user to read.
 */
export function draftApartFrom(
  draft: LeadDraft,
  matches: readonly LeadMatch[],
  show: { phone: (e164: string) => string; name: (row: LeadRow) => string },
): { draft: LeadDraft; leftOut: string[] } {
  const holderOf = new Map<string, LeadRow>();
  for (const m of matches) {
    for (const e of m.emails) if (!holderOf.has(`e:${e}`)) holderOf.set(`e:${e}`, m.row);
    for (const p of m.phones) if (!holderOf.has(`p:${p}`)) holderOf.set(`p:${p}`, m.row);
  }
  const leftOut: string[] = [];
  const keep = (key: string, shown: string) => {
    const row = holderOf.get(key);
    if (!row) return true;
    const line = `${shown} is already on ${show.name(row)}: left out`;
    if (!leftOut.includes(line)) leftOut.push(line);
    return false;
  };
  return {
    draft: {
      ...draft,
      emails: draft.emails.filter((e) => keep(`e:${emailKey(e)}`, e)),
      phones: draft.phones.filter((p) => keep(`p:${p.e164}`, show.phone(p.e164))),
    },
    leftOut,
  };
}
