import { isRegion, parsePhone } from '../../shared/contact/phone.ts';
import type { LeadlineDb, LeadRow } from './db.ts';
import { reversedDigits, wordsOf } from './search-keys.ts';

const PHONE_LIKE = /^[\d\s()+.\-/]+$/;

/**
 * Leads matching a free query: an email (exact, any case), a phone in any format (parsed to E.164 with the
 * team's default region, or matched by its trailing digits), or words of name / company / email (prefixes).
 * Every branch is an index lookup: no scan of the table.
 */
export async function searchLeads(
  db: LeadlineDb,
  query: string,
  region = 'US',
  limit = 50,
): Promise<LeadRow[]> {
  const q = query.trim();
  if (!q) return [];
  const found = new Map<string, LeadRow>();
  const add = (rows: LeadRow[]) => {
    for (const r of rows) if (found.size < limit) found.set(r.id, r);
  };

  if (q.includes('@') && !q.includes(' '))
    add(await db.leads.where('emails').equals(q.toLowerCase()).toArray());

  const digits = q.replace(/\D/g, '');
  if (PHONE_LIKE.test(q) && digits.length >= 3) {
    const parsed = parsePhone(q, isRegion(region) ? region : undefined);
    if (!('error' in parsed)) add(await db.leads.where('phones').equals(parsed.e164).toArray());
    if (digits.length >= 4)
      add(
        await db.leads.where('phoneRev').startsWith(reversedDigits(digits)).distinct().limit(limit).toArray(),
      );
    return [...found.values()];
  }

  const words = wordsOf(q);
  if (words.length && found.size < limit) {
    // Look up by the longest word (most selective), then check the others on the few rows found.
    const [first, ...rest] = [...words].sort((a, b) => b.length - a.length);
    const rows = await db.leads
      .where('words')
      .startsWith(first)
      .distinct()
      .filter((r) => rest.every((w) => r.words.some((x) => x.startsWith(w))))
      .limit(limit)
      .toArray();
    add(rows);
  }
  return [...found.values()];
}
