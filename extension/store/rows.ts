import { Dexie, RangeSet } from 'dexie';
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

/**
 * Rebuilds the rows of `ids` from complete doc inputs (`fresh` gives every lead's authority, edits and notes,
 * as the sync client's does) in one IndexedDB transaction of its own, under Dexie rather than through it: no
 * change tracking. The background chunks of a first sync (20,000 rows) written through Dexie made it record
 * every index key of every row, post them to every open page, where each live query kept them all until it
 * next ran: ~40 MB of the extension's peak memory, for queries that mostly do not read those rows. The
 * caller tells the pages once in a while instead (`announceLeadsChanged`). The outbox is read in the same
 * transaction, so a user's action is never overwritten by a row built without it.
 */
export function rebuildRowsQuietly(
  db: LeadlineDb,
  ids: readonly string[],
  ctx: ProjectionContext,
  now: number,
  fresh: (id: string) => Required<FreshInputs>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const tx = db.backendDB().transaction([db.leads.name, db.outbox.name], 'readwrite');
    tx.oncomplete = () => resolve();
    // The first to fire wins: the failed request's own error, or the reason the transaction was aborted.
    tx.onerror = (e) => reject((e.target as IDBRequest | null)?.error ?? tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('rebuilding rows: transaction aborted'));
    const pendingReq = tx.objectStore(db.outbox.name).index('status').getAll('pending');
    pendingReq.onsuccess = () => {
      try {
        const byLead = new Map<string, OutboxRow[]>();
        for (const r of pendingReq.result as OutboxRow[]) {
          const list = byLead.get(r.leadId);
          if (list) list.push(r);
          else byLead.set(r.leadId, [r]);
        }
        const leads = tx.objectStore(db.leads.name);
        for (const id of ids) {
          const f = fresh(id);
          const row = buildRow({ id, ...f, outbox: byLead.get(id) ?? [] }, ctx, now);
          if (row) leads.put(row);
          else leads.delete(id);
        }
      } catch (e) {
        // A row that cannot be built or stored (put throws DataCloneError at once): nothing of this chunk is
        // written, and the caller hears why rather than a bare abort.
        reject(e);
        tx.abort();
      }
    };
  });
}

/** Tells every live query reading `leads`, in every page, that any row may have changed (Dexie's own notice). */
export function announceLeadsChanged(db: LeadlineDb): void {
  const everything = () => new RangeSet(Number.NEGATIVE_INFINITY, [[[]]]);
  const prefix = `idb://${db.name}/${db.leads.name}/`;
  const parts: Record<string, RangeSet> = { [prefix]: everything(), [`${prefix}:dels`]: everything() };
  for (const idx of db.leads.schema.indexes) parts[prefix + idx.name] = everything();
  Dexie.on.storagemutated.fire(parts);
}
