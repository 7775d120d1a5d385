import type { Contact, Lead } from '../../shared/lead.ts';
import { emailKey, pendingExtension, phoneKey } from '../../shared/lead.ts';

/** Digits of a phone, reversed: a suffix search ("555 0199") becomes a prefix search on this index. */
export function reversedDigits(text: string): string {
  return text.replace(/\D/g, '').split('').reverse().join('');
}

/**
 * Lower-case words of names, companies and email addresses, for prefix search, without accents: the same
 * function reads the query, so "lassig" finds "Lässig" and "muller" finds "Müller" (NFC after the marks are
 * dropped puts Hangul syllables back together).
 */
export function wordsOf(...texts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    for (const w of t
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .normalize('NFC')
      .split(/[^\p{L}\p{N}]+/u))
      if (w) out.add(w);
  }
  return [...out];
}

/** The index keys of a lead row: what search, lists and the badge query by. */
export function searchKeys(lead: Lead, contact: Contact) {
  const emails = [...new Set(contact.emails.map(emailKey))];
  const phones = [...new Set(contact.phones.map(phoneKey))];
  return {
    stage: lead.stage,
    ...(lead.owner ? { owner: lead.owner } : {}),
    ...(lead.stage === 'sql' && lead.sqlDeadline !== null ? { sqlDeadline: lead.sqlDeadline } : {}),
    emails,
    phones,
    phoneRev: phones.map(reversedDigits),
    words: wordsOf(contact.name, contact.company, lead.companyName, ...emails),
    flags: [
      ...(lead.stage === 'sql' && pendingExtension(lead) ? ['extPending'] : []),
      ...(lead.stage === 'pool' && lead.recallDue ? ['recallDue'] : []),
    ],
  };
}
