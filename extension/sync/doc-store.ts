import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { DocUpdateRow, LeadlineDb } from '../store/db.ts';

export type DocName = Exclude<DocUpdateRow['doc'], 'rows-behind'>;

/** Past this many stored updates, loading rewrites them as one (the doc's own encoding, garbage collected). */
export const COMPACT_AFTER = 200;

/**
 * Updates bigger than this are stored and replayed as they are, never merged: merging re-encodes every
 * struct, and the first sync of a 20,000-lead authority doc is one 19 MB update (a second of CPU to merge
 * for nothing; applying it twice as big updates costs the same as applying it merged).
 */
export const MERGE_LIMIT = 256 * 1024;

/**
 * Yjs's v1 decoder copies every binary it reads into a buffer of its own: 20,000 leads (bytes: encodeLead)
 * became 20,000 small ArrayBuffers, 22 MB allocated on top of the update that carried them. This one
 * returns views into the update instead, so a lead's bytes stay where they arrived (the update's buffer
 * lives as long as one of its leads does; a worker start reloads the doc compacted). The update must not be
 * written to afterwards: received messages and IndexedDB reads never are.
 */
class ViewingDecoderV1 extends Y.UpdateDecoderV1 {
  override readBuf(): Uint8Array {
    return decoding.readVarUint8Array(this.restDecoder);
  }
}

/** Y.applyUpdate, with the binaries of `update` read in place (ViewingDecoderV1). */
export function applyUpdateInPlace(doc: Y.Doc, update: Uint8Array, origin?: unknown): void {
  Y.applyUpdateV2(doc, update, origin, ViewingDecoderV1);
}

/** Transaction origin of updates replayed from IndexedDB: they are neither persisted again nor observed. */
export const ORIGIN_LOAD = 'leadline:load';

/**
 * Replays a doc's persisted updates into `doc` in one transaction and compacts them when they pile up. Runs
 * of small ones are merged (one decode for hundreds of rows); the big ones are applied as they are. The
 * order they were stored in is kept: the parts of a first sync build on each other, and a part applied
 * before the one it needs is held pending by Yjs and integrated again later (4× slower on 20,000 leads).
 */
export async function loadDoc(db: LeadlineDb, name: DocName, doc: Y.Doc): Promise<number> {
  // Equal keys of an index come in primary-key order: the order the rows were stored in.
  const rows = await db.docs.where('doc').equals(name).toArray();
  if (rows.length) {
    doc.transact(() => {
      let small: Uint8Array[] = [];
      const applySmall = () => {
        if (small.length) applyUpdateInPlace(doc, small.length === 1 ? small[0] : Y.mergeUpdates(small));
        small = [];
      };
      for (const { update } of rows) {
        if (update.length <= MERGE_LIMIT) small.push(update);
        else {
          applySmall();
          applyUpdateInPlace(doc, update);
        }
      }
      applySmall();
    }, ORIGIN_LOAD);
  }
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

/**
 * Appends updates: small ones merged into one row, big ones (MERGE_LIMIT) in rows of their own. Call inside
 * the flush transaction that writes the rows they produce.
 */
export async function appendUpdates(db: LeadlineDb, name: DocName, updates: Uint8Array[]): Promise<void> {
  if (!updates.length) return;
  const big = updates.filter((u) => u.length > MERGE_LIMIT);
  const small = updates.filter((u) => u.length <= MERGE_LIMIT);
  const rows = big.map((update) => ({ doc: name, update }));
  if (small.length) rows.push({ doc: name, update: small.length === 1 ? small[0] : Y.mergeUpdates(small) });
  await db.docs.bulkAdd(rows);
}
