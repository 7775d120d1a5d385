import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeLead } from '../../shared/fixtures-gen.ts';
import { AUTHORITY, encodeLead, readLead } from '../../shared/sync-docs.ts';
import { LeadlineDb } from '../store/db.ts';
import { appendUpdates, applyUpdateInPlace, loadDoc, MERGE_LIMIT } from './doc-store.ts';

/** An authority doc of `n` leads, as the server writes it. */
function authorityDoc(n: number, from = 0): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let i = from; i < from + n; i++)
      doc.getMap(AUTHORITY.leads).set(`lead-${i}`, encodeLead(makeLead({ id: `lead-${i}` })));
  });
  return doc;
}

describe('applyUpdateInPlace', () => {
  it('builds the same doc as Y.applyUpdate, with each lead a view into the update, not a copy', () => {
    const update = Y.encodeStateAsUpdate(authorityDoc(50));
    const copied = new Y.Doc();
    Y.applyUpdate(copied, update);
    const inPlace = new Y.Doc();
    applyUpdateInPlace(inPlace, update);
    expect(Y.equalSnapshots(Y.snapshot(inPlace), Y.snapshot(copied))).toBe(true);
    const held = inPlace.getMap(AUTHORITY.leads).get('lead-7') as Uint8Array;
    expect(held.buffer).toBe(update.buffer);
    expect((copied.getMap(AUTHORITY.leads).get('lead-7') as Uint8Array).buffer).not.toBe(update.buffer);
    expect(readLead(held)).toEqual(readLead(copied.getMap(AUTHORITY.leads).get('lead-7')));
  });

  it('loads stored updates, big and small, in place and in the order they were stored', async () => {
    const db = new LeadlineDb(`doc-store-${Math.random().toString(36).slice(2)}`);
    const source = authorityDoc(1000);
    const big = Y.encodeStateAsUpdate(source);
    expect(big.byteLength).toBeGreaterThan(MERGE_LIMIT);
    const before = Y.encodeStateVector(source);
    source.getMap(AUTHORITY.leads).set('lead-3', encodeLead(makeLead({ id: 'lead-3', stage: 'mql' })));
    await appendUpdates(db, 'authority', [big, Y.encodeStateAsUpdate(source, before)]);
    const loaded = new Y.Doc();
    await loadDoc(db, 'authority', loaded);
    expect(loaded.getMap(AUTHORITY.leads).size).toBe(1000);
    expect(readLead(loaded.getMap(AUTHORITY.leads).get('lead-3'))?.stage).toBe('mql');
    expect(Y.equalSnapshots(Y.snapshot(loaded), Y.snapshot(source))).toBe(true);
    db.close();
  });
});
