import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { decide } from '../../shared/decide.ts';
import { commandIdOf, IMPORT_COMMAND_PREFIX } from '../../shared/import/ids.ts';
import { AUTHORITY, encodeLead, type Verdict, WORK } from '../../shared/sync-docs.ts';
import { applyEvents } from '../../shared/team.ts';
import { actor, leadAt, REP_A, T0, team } from '../../shared/testing.ts';
import { eventually } from '../../test/integration/helpers/retry.ts';
import { importCommands, importStatus } from '../background/import-commands.ts';
import type { LeadlineDb } from '../store/db.ts';
import { getMeta, setMeta } from '../store/meta.ts';
import { submitCommand } from '../store/outbox.ts';
import { testDb } from '../store/test-helpers.ts';
import { ROWS_PER_TRANSACTION, SyncClient } from './client.ts';

/** Plays the server on the client's own docs: decides every command in the work doc, as the authority would. */
function serve(client: SyncClient, state = team(), now = T0 + 60_000) {
  const commands = client.work.getMap<Record<string, unknown>>(WORK.commands);
  const ids = [...commands.keys()];
  for (const id of ids) {
    const cmd = commands.get(id)!;
    const d = decide(state, cmd, actor(REP_A), now);
    const changed = d.ok ? applyEvents(state, d.events) : [];
    const verdict: Verdict = {
      commandId: id,
      leadId: String(cmd.leadId),
      type: String(cmd.type),
      by: REP_A,
      decidedAt: now,
      status: d.ok ? 'accepted' : 'rejected',
      ...(d.ok ? {} : { code: d.rejection.code, message: d.rejection.message, hint: d.rejection.hint }),
    };
    client.authority.transact(() => {
      for (const lead of changed) client.authority.getMap(AUTHORITY.leads).set(lead.id, encodeLead(lead));
      client.authority.getMap(AUTHORITY.verdicts).set(id, verdict);
    }, 'server');
    client.work.transact(() => commands.delete(id), 'server');
  }
  return state;
}

async function startClient(db: LeadlineDb) {
  const session = (await getMeta(db, 'session'))!;
  const client = new SyncClient({ db, session, offline: true });
  await client.start();
  return client;
}

const commandKeys = (doc: Y.Doc) => [...doc.getMap(WORK.commands).keys()];

describe('SyncClient (server played locally)', () => {
  it('puts a submitted command into the work doc; the verdict settles it and the row shows the decided lead', async () => {
    const db = await testDb(REP_A);
    const client = await startClient(db);
    const leadId = crypto.randomUUID();
    const r = await submitCommand(db, {
      type: 'capture',
      leadId,
      contact: { name: 'Li Wei', emails: ['li@acme.example'], phones: [] },
      source: 'manual',
    });
    if (!r.ok) throw new Error(r.message);
    await client.pushOutbox();
    expect(commandKeys(client.work)).toEqual([r.id]);
    serve(client);
    await client.settled();
    const row = (await db.leads.get(leadId))!;
    expect(row.authority?.stage).toBe('new');
    expect(row.pending).toEqual([]);
    expect((await db.outbox.get(r.id))?.status).toBe('accepted');
    await client.stop();
  });

  it('sends the commands of one lead one at a time, the next after the previous verdict', async () => {
    const db = await testDb(REP_A);
    const client = await startClient(db);
    const leadId = crypto.randomUUID();
    const a = await submitCommand(
      db,
      { type: 'capture', leadId, contact: { name: 'Ana', emails: [], phones: [] }, source: 'manual' },
      T0,
    );
    const b = await submitCommand(db, { type: 'logCall', leadId, outcome: 'interested' }, T0 + 1);
    if (!a.ok || !b.ok) throw new Error('submit failed');
    expect((await db.leads.get(leadId))?.pending).toEqual(['capture', 'logCall']);
    await client.pushOutbox();
    expect(commandKeys(client.work)).toEqual([a.id]);
    const state = serve(client);
    await client.settled();
    expect(commandKeys(client.work)).toEqual([b.id]);
    serve(client, state);
    await client.settled();
    const row = (await db.leads.get(leadId))!;
    expect(row.authority?.calls).toHaveLength(1);
    expect(row.pending).toEqual([]);
    await client.stop();
  });

  it('keeps a rejected command with its reason, and the lead as the server decided it', async () => {
    const db = await testDb(REP_A);
    const client = await startClient(db);
    const leadId = crypto.randomUUID();
    await submitCommand(
      db,
      { type: 'capture', leadId, contact: { name: 'Ben', emails: [], phones: [] }, source: 'manual' },
      T0,
    );
    await client.pushOutbox();
    const state = serve(client);
    await client.settled();
    const t = await submitCommand(db, { type: 'transfer', leadId, toRep: REP_A }, T0 + 2);
    if (!t.ok) throw new Error(t.message);
    expect((await db.leads.get(leadId))?.predicted[0]?.code).toBe('NOT_QUALIFIED');
    await client.pushOutbox();
    serve(client, state);
    await client.settled();
    expect(await db.outbox.get(t.id)).toMatchObject({
      status: 'rejected',
      verdict: { code: 'NOT_QUALIFIED' },
    });
    expect((await db.leads.get(leadId))?.view.stage).toBe('new');
    await client.stop();
  });

  it('field edits and notes reach the row and survive a restart; a pending command is put again after one', async () => {
    const db = await testDb(REP_A);
    let client = await startClient(db);
    const leadId = crypto.randomUUID();
    await submitCommand(db, {
      type: 'capture',
      leadId,
      contact: { name: 'Li', emails: [], phones: [] },
      source: 'manual',
    });
    await client.pushOutbox();
    serve(client);
    await client.settled();
    await client.editField(leadId, 'company', 'Acme GmbH');
    await client.editNotes(leadId, 'Call back on Monday');
    await client.editNotes(leadId, 'Call back on Monday morning');
    expect(await db.leads.get(leadId)).toMatchObject({
      contact: { name: 'Li', company: 'Acme GmbH' },
      notes: 'Call back on Monday morning',
    });
    const r = await submitCommand(db, { type: 'logCall', leadId, outcome: 'no_answer' });
    if (!r.ok) throw new Error(r.message);
    await client.stop(); // the command never reached the doc: the worker "died" before the kick
    client = await startClient(db);
    expect(client.work.getText(`notes/${leadId}`).toString()).toBe('Call back on Monday morning');
    expect(commandKeys(client.work)).toEqual([r.id]);
    expect((await db.leads.get(leadId))?.pending).toEqual(['logCall']);
    await client.stop();
  });

  it('an imported row whose key the server drops before its verdict arrives stays handed over, and its rejection is kept', async () => {
    const db = await testDb(REP_A);
    await setMeta(db, 'sync', { state: 'offline', lastSyncAt: T0 }); // not a first sync: imports' rejections count
    const client = await startClient(db);
    const id = commandIdOf('row-0001');
    const command = {
      id,
      type: 'capture',
      leadId: 'lead-row-0001',
      contact: { name: 'First20 Last20', emails: ['person20@company20.example'], phones: [] },
      source: 'csv',
    };
    expect(await importCommands(client, [command])).toEqual({ ok: true });
    const suffix = id.slice(IMPORT_COMMAND_PREFIX.length);
    expect(importStatus(client, IMPORT_COMMAND_PREFIX, [suffix]).queued).toEqual([suffix]);

    // The work doc syncs first: the server already decided and dropped the key; the verdict is still on the way.
    client.work.transact(() => client.work.getMap(WORK.commands).delete(id), 'server');
    expect(importStatus(client, IMPORT_COMMAND_PREFIX, [suffix]).queued).toEqual([suffix]);

    const verdict: Verdict = {
      commandId: id,
      leadId: 'lead-row-0001',
      type: 'capture',
      by: REP_A,
      decidedAt: T0 + 60_000,
      status: 'rejected',
      code: 'DUPLICATE_LEAD',
      message: 'A lead with this email already exists.',
    };
    client.authority.transact(() => client.authority.getMap(AUTHORITY.verdicts).set(id, verdict), 'server');
    await client.settled();
    const row = await db.outbox.get(id);
    expect(row).toMatchObject({ status: 'rejected', command: { contact: { name: 'First20 Last20' } } });
    expect(importStatus(client, IMPORT_COMMAND_PREFIX, [suffix])).toMatchObject({ decided: 1, rejected: 1 });
    expect(client.isDroppedImport(id)).toBe(false); // recorded: nothing kept any more
    await client.stop();
  });

  it('a flush that fails gives its work back and is tried again: no row is left behind the stored docs', async () => {
    const db = await testDb(REP_A);
    let client = await startClient(db);
    await client.settled();
    // The next quiet row transaction fails once (a transaction aborted, storage full).
    const backend = db.backendDB.bind(db);
    let failNext = true;
    db.backendDB = () => {
      if (failNext) {
        failNext = false;
        throw new Error('simulated: the transaction could not start');
      }
      return backend();
    };
    const state = team();
    const ids = Array.from({ length: ROWS_PER_TRANSACTION + 150 }, (_, i) => leadAt(state, 'pool', T0 - i));
    client.authority.transact(() => {
      for (const id of ids)
        client.authority.getMap(AUTHORITY.leads).set(id, encodeLead(state.leads.get(id)!));
    }, 'server');
    // A small change right after: its flush must not clear what the failed one left undone.
    const one = leadAt(state, 'sql', T0);
    client.authority.getMap(AUTHORITY.leads).set(one, encodeLead(state.leads.get(one)!));
    await eventually(async () => (await db.leads.count()) === ids.length + 1, { timeout: 10_000 });
    expect(failNext).toBe(false);
    await client.settled();
    expect(await db.docs.where('doc').equals('rows-behind').count()).toBe(0);
    await client.stop();
    client = await startClient(db);
    await client.settled();
    expect(await db.leads.count()).toBe(ids.length + 1);
    await client.stop();
  });
});
