import type { LeadlineDb, LeadRow } from '../../store/db.ts';

/**
 * The leads a page's sender or number belongs to: by email first (exact, any case), then by any phone
 * (E.164 without extension, the same key the server checks duplicates with). Index lookups only.
 */
export async function matchingLeads(
  db: LeadlineDb,
  keys: { emails: string[]; phones: string[] },
): Promise<LeadRow[]> {
  const found = new Map<string, LeadRow>();
  if (keys.emails.length)
    for (const r of await db.leads.where('emails').anyOf(keys.emails).toArray()) found.set(r.id, r);
  if (keys.phones.length)
    for (const r of await db.leads.where('phones').anyOf(keys.phones).toArray())
      if (!found.has(r.id)) found.set(r.id, r);
  return [...found.values()];
}
