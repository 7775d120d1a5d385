import type { LeadlineDb, LeadRow, OutboxRow } from './db.ts';
import { buildRow, type ProjectionContext } from './projection.ts';

/** Newer inputs for a lead from the docs; what is absent is kept from the stored row. */
export type FreshInputs = Partial<Pick<LeadRow, 'authority' | 'edits' | 'notes'>>;

/**
 * Rebuilds the rows of `ids` from the stored row, the outbox and optionally fresher doc values, in bulk
 * (one read of each table, one write): a first sync of 20,000 leads is a handful of IndexedDB requests.
 * When `fresh` gives every input of every lead (the sync client reading its docs), the stored rows are not
 * read at all. `added`: outbox rows this transaction adds, written together with the lead rows (a user action:
 * one round of reads, one round of writes). Call inside a transaction covering `leads` and `outbox`.
 */
export async function recomputeRows(
  db: LeadlineDb,
  ids: readonly string[],
  ctx: ProjectionContext,
  now: number,
  fresh: (id: string) => FreshInputs = () => ({}),
  added: readonly OutboxRow[] = [],
): Promise<LeadRow[]> {
  if (!ids.length) return [];
  const inputs = ids.map(fresh);
  const complete = inputs.every((f) => 'authority' in f && f.edits !== undefined && f.notes !== undefined);
  const [existing, outbox] = await Promise.all([
    complete ? [] : db.leads.bulkGet(ids as string[]),
    // The outbox holds this user's recent commands only: reading all pending ones is cheaper than N lookups.
    // One lead (a user action): `equals` is a single getAll request; `anyOf` would walk a cursor.
    ids.length === 1
      ? db.outbox.where('leadId').equals(ids[0]).toArray()
      : ids.length > 20
        ? db.outbox.where('status').equals('pending').toArray()
        : db.outbox
            .where('leadId')
            .anyOf(ids as string[])
            .toArray(),
  ]);
  const byLead = new Map<string, OutboxRow[]>();
  for (const r of [...outbox, ...added]) {
    const list = byLead.get(r.leadId) ?? [];
    list.push(r);
    byLead.set(r.leadId, list);
  }
  const put: LeadRow[] = [];
  const del: string[] = [];
  ids.forEach((id, i) => {
    const old = existing[i];
    const f = inputs[i];
    const row = buildRow(
      {
        id,
        authority: 'authority' in f ? (f.authority ?? null) : (old?.authority ?? null),
        outbox: byLead.get(id) ?? [],
        edits: f.edits ?? old?.edits ?? {},
        notes: f.notes ?? old?.notes ?? '',
      },
      ctx,
      now,
    );
    if (row) put.push(row);
    else if (old || complete) del.push(id);
  });
  await Promise.all([
    added.length ? db.outbox.bulkAdd(added as OutboxRow[]) : undefined,
    ...slices(put, OBSERVED_PUTS).map((rows) => db.leads.bulkPut(rows)),
    del.length ? db.leads.bulkDelete(del) : undefined,
  ]);
  return put;
}

/**
 * Dexie tells live queries which keys a write touched only for puts of fewer than 50 values; a bigger
 * bulkPut counts as touching every key of every index, so each chunk of a first sync re-ran every live query
 * of every page (Today's was aborted and restarted chunk after chunk, and sometimes painted only after the
 * last one: 7–11 s instead of 2 s). The same requests, in slices Dexie can track.
 */
const OBSERVED_PUTS = 49;

function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
