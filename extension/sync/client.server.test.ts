import 'fake-indexeddb/auto';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { makeLead } from '../../shared/fixtures-gen.ts';
import { AUTHORITY, encodeLead, fieldKey, WORK } from '../../shared/sync-docs.ts';
import { eventually } from '../../test/integration/helpers/retry.ts';
import { seedTeam, startTestServer, tempDataDir } from '../../test/integration/helpers/server.ts';
import { LeadlineDb } from '../store/db.ts';
import { type Session, type SyncStatus, setMeta } from '../store/meta.ts';
import { submitCommand } from '../store/outbox.ts';
import { fetchMe } from './api.ts';
import { READ_MODEL_VERSION, SyncClient, type SyncClientOptions } from './client.ts';
import { loadDoc } from './doc-store.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup() {
  const server = await startTestServer();
  cleanups.push(() => server.teardown());
  const team = seedTeam(server, 'Acme Sales', { Ana: 'rep', Mia: 'manager' });
  return { server, team };
}

async function signedIn(serverUrl: string, token: string) {
  const me = await fetchMe(serverUrl, token);
  if (!me.ok) throw new Error(me.message);
  const db = new LeadlineDb(`leadline-it-${Math.random().toString(36).slice(2)}`);
  const session: Session = { serverUrl, token, ...me.me, signedInAt: Date.now() };
  await setMeta(db, 'session', session);
  const client = await connected(db, session);
  return { db, client, session };
}

/** A client on `db` that talks to the real server (as the worker does when it starts), stopped after the test. */
async function connected(
  db: LeadlineDb,
  session: Session,
  opts: Pick<SyncClientOptions, 'onFlushed'> = {},
): Promise<SyncClient> {
  const client = new SyncClient({
    db,
    session,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    ...opts,
  });
  await client.start();
  cleanups.push(() => client.stop());
  return client;
}

describe('SyncClient against the real sync server', () => {
  it('signs in, syncs members and settings, and gets a capture accepted', async () => {
    const { server, team } = await setup();
    const { db, client } = await signedIn(server.httpUrl, team.users.Ana.token);
    await eventually(async () => (await db.meta.get('members')) !== undefined);
    const leadId = crypto.randomUUID();
    const r = await submitCommand(db, {
      type: 'capture',
      leadId,
      contact: { name: 'Li Wei', emails: ['li@acme.example'], phones: [] },
      source: 'manual',
    });
    if (!r.ok) throw new Error(r.message);
    await client.pushOutbox();
    await eventually(async () => (await db.outbox.get(r.id))?.status === 'accepted');
    const row = (await db.leads.get(leadId))!;
    expect(row.authority).toMatchObject({ stage: 'new', owner: team.users.Ana.id });
    expect(row.pending).toEqual([]);
    await eventually(
      async () =>
        (await db.meta.get('sync'))?.value &&
        ((await db.meta.get('sync'))!.value as { state: string }).state === 'online',
    );
    expect(server.connections()).toBe(1); // both docs, one socket
  });

  it('runs a chain of commands on one lead written offline, in order, once connected', async () => {
    const { server, team } = await setup();
    const leadId = crypto.randomUUID();
    const ana = team.users.Ana.id;
    const steps = [
      {
        type: 'capture',
        leadId,
        contact: { name: 'Ben', emails: [], phones: ['+12125550100'] },
        source: 'manual',
      },
      { type: 'logCall', leadId, outcome: 'interested' },
      { type: 'transfer', leadId, toRep: ana },
      { type: 'acceptMql', leadId },
      { type: 'qualify', leadId, demand: 'CRM', seats: 12, companyName: 'Ben GmbH' },
    ] as const;
    // Signed in once (members and settings synced), then written with no client running: offline.
    const { db, client, session } = await signedIn(server.httpUrl, team.users.Ana.token);
    await eventually(async () => (await db.meta.get('members')) !== undefined);
    await client.stop();
    for (const s of steps) {
      const r = await submitCommand(db, s as never);
      if (!r.ok) throw new Error(r.message);
    }
    expect((await db.leads.get(leadId))?.view.stage).toBe('opportunity');
    // The next client puts the first in the work doc as it starts; the verdict of each step frees the next.
    await connected(db, session);
    await eventually(
      async () => (await db.outbox.where('status').equals('accepted').count()) === steps.length,
      { timeout: 10_000 },
    );
    expect((await db.leads.get(leadId))?.authority?.stage).toBe('opportunity');
  });

  it('counts contact edits made offline until they reach the server, across a restart of the client', async () => {
    const dataDir = tempDataDir();
    let server = await startTestServer({ dataDir });
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const port = server.port;
    const team = seedTeam(server, 'Acme Sales', { Ana: 'rep' });
    const { db, client, session } = await signedIn(server.httpUrl, team.users.Ana.token);
    const status = async () => (await db.meta.get('sync'))?.value as SyncStatus | undefined;
    await eventually(async () => (await status())?.state === 'online');
    const leadId = crypto.randomUUID();

    await client.editField(leadId, 'title', 'CTO'); // online: sent at once, not counted
    expect((await status())?.unsyncedEdits ?? 0).toBe(0);

    await server.close();
    await eventually(async () => (await status())?.state === 'offline');
    await client.editField(leadId, 'company', 'Acme GmbH');
    await client.editNotes(leadId, 'Call back after the fair');
    expect((await status())?.unsyncedEdits).toBe(2);

    // The worker dies and starts again (still offline): the count survives with the edits.
    await client.stop();
    await connected(db, session);
    expect((await status())?.unsyncedEdits).toBe(2);

    server = await startTestServer({ dataDir, port });
    cleanups.push(() => server.close());
    await eventually(async () => (await status())?.state === 'online', { timeout: 20_000 });
    expect((await status())?.unsyncedEdits ?? 0).toBe(0);
    expect(server.connections()).toBe(1); // after a restart too: one socket for both docs
    const serverWork = server.authority.teams.get(team.id)!.work.doc;
    await eventually(() => serverWork.getMap(WORK.fields).get(fieldKey(leadId, 'company')) === 'Acme GmbH');
    expect(serverWork.getMap(WORK.fields).get(fieldKey(leadId, 'title'))).toBe('CTO');
  });

  it('a first sync sent in parts stores each part as it comes and ends with every row built', async () => {
    const { server, team } = await setup();
    const mia = team.users.Mia.id;
    // About 1.5 MB of leads: the server sends them in parts of ~256 KB (split-update.ts).
    const room = server.authority.teams.get(team.id)!.authority;
    const N = 3000;
    room.write(() => {
      const leads = room.doc.getMap(AUTHORITY.leads);
      for (let i = 0; i < N; i++) {
        const id = `lead-part-${String(i).padStart(5, '0')}`;
        leads.set(
          id,
          encodeLead(
            makeLead({
              id,
              stage: 'sql',
              owner: mia,
              contact: {
                name: `Contact ${i}`,
                company: `Company ${i}`,
                emails: [`c${i}@example.test`],
                phones: [],
                notes: 'n'.repeat(300),
              } as never,
            }),
          ),
        );
      }
    });
    await eventually(() => !room.dirty);

    const me = await fetchMe(server.httpUrl, team.users.Mia.token);
    if (!me.ok) throw new Error(me.message);
    const db = new LeadlineDb(`leadline-it-${Math.random().toString(36).slice(2)}`);
    let behindMarks = 0;
    db.docs.hook('creating', (_k, row) => {
      if (row.doc === 'rows-behind') behindMarks++;
    });
    const session: Session = {
      serverUrl: server.httpUrl,
      token: team.users.Mia.token,
      ...me.me,
      signedInAt: Date.now(),
    };
    await setMeta(db, 'session', session);
    const flushes: { leads: number; initial: boolean }[] = [];
    const client = await connected(db, session, {
      onFlushed: (changes, initial) => flushes.push({ leads: changes.length, initial }),
    });

    await eventually(async () => (await db.leads.count()) === N, { timeout: 20_000 });
    await client.settled();
    // Every part is the first sync, also those flushed after it completed: none is news to notify about
    // (and none is kept as a change to compare).
    expect(flushes.length).toBeGreaterThan(1);
    expect(flushes).toEqual(flushes.map(() => ({ leads: 0, initial: true })));
    // Parts that came while a flush ran were stored ahead of their rows, with the marker; the last flush
    // cleared it.
    expect(behindMarks).toBeGreaterThan(0);
    expect(await db.docs.where('doc').equals('rows-behind').count()).toBe(0);
    expect((await db.meta.get('readModelVersion'))?.value).toBe(READ_MODEL_VERSION);
    // Stored in the order they came: each part applies at once, none is held pending for a later one.
    const rows = await db.docs.where('doc').equals('authority').toArray();
    expect(rows.length).toBeGreaterThan(2);
    const inOrder = new Y.Doc();
    for (const row of rows) {
      Y.applyUpdate(inOrder, row.update);
      expect(inOrder.store.pendingStructs).toBeNull();
    }
    const stored = new Y.Doc();
    await loadDoc(db, 'authority', stored);
    expect(stored.getMap(AUTHORITY.leads).size).toBe(N);
    expect((await db.leads.get('lead-part-02999'))?.view.contact.name).toBe('Contact 2999');

    // What changes after it is news.
    room.write(() => {
      const id = 'lead-part-00000';
      room.doc.getMap(AUTHORITY.leads).set(id, encodeLead(makeLead({ id, stage: 'pool', owner: null })));
    });
    await eventually(() => flushes.length > 0 && !flushes[flushes.length - 1].initial);
    expect(flushes[flushes.length - 1]).toEqual({ leads: 1, initial: false });
  });

  it('a worker stopped while stored updates were ahead of their rows rebuilds every row at its next start', async () => {
    const { server, team } = await setup();
    const { db, client, session } = await signedIn(server.httpUrl, team.users.Ana.token);
    const leadId = crypto.randomUUID();
    const r = await submitCommand(db, {
      type: 'capture',
      leadId,
      contact: { name: 'Li Wei', emails: ['li@acme.example'], phones: [] },
      source: 'manual',
    });
    if (!r.ok) throw new Error(r.message);
    await client.pushOutbox();
    await eventually(async () => (await db.outbox.get(r.id))?.status === 'accepted');
    await client.stop();
    // What a worker killed between storeReceived and the flush of those rows leaves behind.
    await db.docs.add({ doc: 'rows-behind', update: new Uint8Array(0) });
    await db.leads.clear();

    const again = new SyncClient({ db, session, offline: true });
    await again.start();
    cleanups.push(() => again.stop());
    await again.settled();
    expect((await db.leads.get(leadId))?.authority).toMatchObject({ stage: 'new', owner: team.users.Ana.id });
    expect((await db.meta.get('readModelVersion'))?.value).toBe(READ_MODEL_VERSION);
    expect(await db.docs.where('doc').equals('rows-behind').count()).toBe(0);
  });

  it('reports a revoked or wrong token as unauthorized', async () => {
    const { server } = await setup();
    const me = await fetchMe(server.httpUrl, 'x'.repeat(40));
    expect(me).toMatchObject({ ok: false, problem: 'UNAUTHORIZED' });
  });
});
