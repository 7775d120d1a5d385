import * as Y from 'yjs';
import type { DocUpdateRow, LeadlineDb } from '../store/db.ts';

export type DocName = DocUpdateRow['doc'];

/** Past this many stored updates, loading rewrites them as one (the doc's own encoding, garbage collected). */
export const COMPACT_AFTER = 200;

/** Transaction origin of updates replayed from IndexedDB: they are neither persisted again nor observed. */
export const ORIGIN_LOAD = 'leadline:load';

/**
 * Replays a doc's persisted updates into `doc` and compacts them when they pile up. One merged apply, so a
 * 20,000-lead authority doc costs one decode, not one per stored row.
 */
export async function loadDoc(db: LeadlineDb, name: DocName, doc: Y.Doc): Promise<number> {
  const rows = await db.docs.where('doc').equals(name).toArray();
  if (rows.length) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => r.update)), ORIGIN_LOAD);
  if (rows.length > COMPACT_AFTER) await compactDoc(db, name, doc);
  return rows.length;
}

/** Replaces every stored update of `name` by the doc's current state, atomically. */
export async function compactDoc(db: LeadlineDb, name: DocName, doc: Y.Doc): Promise<void> {
  const state = Y.encodeStateAsUpdate(doc);
  await db.transaction('rw', db.docs, async () => {
    await db.docs.where('doc').equals(name).delete();
    await db.docs.add({ doc: name, update: state });
  });
}

/** Appends updates (merged into one row). Call inside the flush transaction that writes the rows they produce. */
export async function appendUpdates(db: LeadlineDb, name: DocName, updates: Uint8Array[]): Promise<void> {
  if (!updates.length) return;
  await db.docs.add({ doc: name, update: updates.length === 1 ? updates[0] : Y.mergeUpdates(updates) });
}
