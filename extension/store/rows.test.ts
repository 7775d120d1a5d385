import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../shared/lead.ts';
import { leadAt, REP_A, T0, team } from '../../shared/testing.ts';
import type { LeadlineDb } from './db.ts';
import { getMeta, teamContext } from './meta.ts';
import { projectionContext, submitCommand } from './outbox.ts';
import { announceLeadsChanged, rebuildRowsQuietly, recomputeRows } from './rows.ts';
import { testDb } from './test-helpers.ts';

async function context(db: LeadlineDb) {
  return projectionContext((await getMeta(db, 'session'))!, await teamContext(db));
}

const inputs = (leads: Map<string, Lead | null>) => (id: string) => ({
  authority: leads.get(id) ?? null,
  edits: {},
  notes: '',
});

describe('rebuildRowsQuietly', () => {
  it('writes the rows recomputeRows writes, with pending commands applied, and deletes rows with nothing left', async () => {
    const s = team();
    const ids = [leadAt(s, 'sql', T0), leadAt(s, 'mql', T0), leadAt(s, 'new', T0)];
    const leads = new Map<string, Lead | null>(ids.map((id) => [id, s.leads.get(id)!]));
    const quiet = await testDb(REP_A);
    const tracked = await testDb(REP_A);
    for (const db of [quiet, tracked]) {
      // A row that will have nothing left to show, and a pending action on the SQL.
      const ctx = await context(db);
      await db.transaction('rw', db.leads, db.outbox, () =>
        recomputeRows(db, ['gone'], ctx, T0, () => ({ authority: s.leads.get(ids[2])! })),
      );
      const r = await submitCommand(
        db,
        { type: 'qualify', leadId: ids[0], demand: 'CRM', seats: 5, companyName: 'Acme' },
        T0 + 1000,
      );
      expect(r.ok).toBe(true);
    }
    leads.set('gone', null);
    const all = [...ids, 'gone'];

    await rebuildRowsQuietly(quiet, all, await context(quiet), T0 + 2000, inputs(leads));
    const trackedCtx = await context(tracked);
    await tracked.transaction('rw', tracked.leads, tracked.outbox, () =>
      recomputeRows(tracked, all, trackedCtx, T0 + 2000, inputs(leads)),
    );

    const rows = await quiet.leads.bulkGet(all);
    expect(rows).toEqual(await tracked.leads.bulkGet(all));
    expect(rows[0]?.view.stage).toBe('opportunity'); // the pending qualify, applied
    expect(rows[0]?.pending).toEqual(['qualify']);
    expect(rows[3]).toBeUndefined();
  });

  it('is not seen by live queries until announced; then every leads query runs again', async () => {
    const db = await testDb(REP_A);
    const s = team();
    const id = leadAt(s, 'sql', T0);
    const seen: number[] = [];
    const sub = liveQuery(() => db.leads.where('owner').equals(REP_A).count()).subscribe((n) => seen.push(n));
    try {
      await waitFor(() => seen.length === 1);
      await rebuildRowsQuietly(db, [id], await context(db), T0, inputs(new Map([[id, s.leads.get(id)!]])));
      // A tracked write elsewhere, after it: once its notice was handled, the quiet one has had its chance.
      await db.meta.put({ key: 'probe', value: 1 });
      await new Promise((r) => setTimeout(r, 20));
      expect(seen).toEqual([0]);
      announceLeadsChanged(db);
      await waitFor(() => seen.length === 2);
      expect(seen).toEqual([0, 1]);
    } finally {
      sub.unsubscribe();
    }
  });

  it('fails, writing nothing, when a row cannot be stored', async () => {
    const db = await testDb(REP_A);
    const s = team();
    const id = leadAt(s, 'sql', T0);
    const bad = () => ({
      authority: { ...s.leads.get(id)!, unclonable: () => 1 } as unknown as Lead,
      edits: {},
      notes: '',
    });
    await expect(
      rebuildRowsQuietly(db, [leadAt(s, 'mql', T0), id], await context(db), T0, bad),
    ).rejects.toMatchObject({ name: 'DataCloneError' });
    expect(await db.leads.count()).toBe(0);
  });
});

async function waitFor(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
}
