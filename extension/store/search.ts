import { isRegion, parsePhone } from '../../shared/contact/phone.ts';
import type { LeadlineDb, LeadRow } from './db.ts';
import { reversedDigits, wordsOf } from './search-keys.ts';

const PHONE_LIKE = /^[\d\s()+.\-/]+$/;

/**
 * Leads matching a free query: an email (exact, any case), a phone in any format (parsed to E.164 with the
 * team's default region, or matched by its trailing digits), or words of name / company / email (prefixes).
 * Every branch is an index lookup: no scan of the table.
 */
/** The most a search returns: a query that matches more should be narrowed. */
export const SEARCH_LIMIT = 50;

export async function searchLeads(
  db: LeadlineDb,
  query: string,
  region = 'US',
  limit = SEARCH_LIMIT,
): Promise<LeadRow[]> {
  const q = query.trim();
  if (!q) return [];
  const found = new Map<string, LeadRow>();
  const add = (rows: LeadRow[]) => {
    for (const r of rows) if (found.size < limit) found.set(r.id, r);
  };

  if (q.includes('@') && !q.includes(' ')) {
    // A whole address is what was asked for: its leads are the answer. A partial one falls through to words.
    add(await db.leads.where('emails').equals(q.toLowerCase()).toArray());
    if (found.size) return [...found.values()];
  }

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
  if (words.length && found.size < limit) add(await byWords(db, words, limit));
  return [...found.values()];
}

/** Past this many keys under one word prefix, the word is too common to drive the lookup. */
const SELECTIVE = 500;

/**
 * Leads having a word starting with each of `words`. The lookup is driven by the most selective word,
 * found by reading keys only (no rows) under each prefix, at most SELECTIVE of them: "c123 acme example"
 * reads the few rows under "c123", not the 20,000 under "example". When every word is common, rows are
 * read under the longest one until `limit` of them match the others.
 */
async function byWords(db: LeadlineDb, words: string[], limit: number): Promise<LeadRow[]> {
  const matchesAll = (r: LeadRow) => words.every((w) => r.words.some((x) => x.startsWith(w)));
  const keys = await Promise.all(
    words.map((w) => db.leads.where('words').startsWith(w).limit(SELECTIVE).primaryKeys()),
  );
  const complete = keys.filter((k) => k.length < SELECTIVE).map((k) => new Set(k));
  if (complete.length) {
    complete.sort((a, b) => a.size - b.size);
    const [smallest, ...others] = complete;
    const ids = [...smallest].filter((id) => others.every((o) => o.has(id)));
    const rows = await db.leads.bulkGet(ids);
    return rows.filter((r): r is LeadRow => !!r && matchesAll(r)).slice(0, limit);
  }
  const [longest] = [...words].sort((a, b) => b.length - a.length);
  return db.leads.where('words').startsWith(longest).distinct().filter(matchesAll).limit(limit).toArray();
}
