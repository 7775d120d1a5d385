import fs from 'node:fs';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Lead } from '../../shared/lead.ts';
import { AUTHORITY, encodeLead, readLead, roomName, type Verdict } from '../../shared/sync-docs.ts';
import { addUser, createTeam } from '../../sync-server/admin/ops.ts';
import { CLOSE } from '../../sync-server/close-codes.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { api } from './helpers/api.ts';
import { type ChildServer, spawnServer } from './helpers/child.ts';
import { TestClient } from './helpers/clients.ts';
import { makeSql } from './helpers/flow.ts';
import { rawSocket } from './helpers/raw-socket.ts';
import { eventually } from './helpers/retry.ts';
import { tempDataDir } from './helpers/server.ts';

/**
 * Fault: a malicious insider. A rep of team A, with a valid token, uses a raw WebSocket and a hand-driven Y.Doc to
 * write forged leads and verdicts into the authority doc, forge commands in the work doc (other people's actions,
 * a key that is not the id, rule fields), open team B's rooms, send a frame over the size limit, garbage, text and
 * a flood. Everyone else — team A's honest clients and team B — sees nothing change, and the server process
 * (a real child process) stays up and keeps serving.
 */
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function seed(dataDir: string) {
  const storage = openSqliteStorage(dataDir);
  const add = (team: string, name: string, role: 'telemarketer' | 'rep' | 'manager') => {
    const r = addUser(storage, { team, name, role, publicUrl: 'http://x' });
    return { id: r.user.id, token: r.token };
  };
  const a = createTeam(storage, 'Team A');
  const b = createTeam(storage, 'Team B');
  const out = {
    a: { id: a.id, tele: add(a.id, 'Tina', 'telemarketer'), rep: add(a.id, 'Rob', 'rep') },
    mallory: add(a.id, 'Mallory', 'rep'),
    b: { id: b.id, tele: add(b.id, 'Bea', 'telemarketer'), rep: add(b.id, 'Ben', 'rep') },
  };
  storage.close();
  return out;
}

/** Every map of an authority doc as JSON (Y.Doc#toJSON lists only the types already opened). */
function snapshot(c: TestClient): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.values(AUTHORITY).map((name) => [name, c.authority.getMap(name).toJSON()]),
  ) as Record<string, Record<string, unknown>>;
}

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

describe('fault: a malicious client with a valid token', () => {
  it('changes nothing for anyone else and the server stays up', async () => {
    const dataDir = tempDataDir();
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const t = seed(dataDir);
    const server: ChildServer = await spawnServer(dataDir, 0, { MAX_FRAME_BYTES: String(256 * 1024) });
    cleanup.push(() => server.stop());

    // Both teams have data: an SQL each, owned by their honest rep.
    const leadA = await makeSql(api(server, t.a.tele.token), api(server, t.a.rep.token), t.a.rep.id);
    const leadB = await makeSql(api(server, t.b.tele.token), api(server, t.b.rep.token), t.b.rep.id);
    const honestA = new TestClient(server, t.a.id, t.a.rep.token);
    const honestB = new TestClient(server, t.b.id, t.b.rep.token);
    cleanup.push(
      () => honestA.destroy(),
      () => honestB.destroy(),
    );
    await Promise.all([honestA.synced(), honestB.synced()]);
    await eventually(() => honestA.leads.has(leadA) && honestB.leads.has(leadB));
    // A dropped connection of an honest client would be a change for them too.
    let honestDrops = 0;
    for (const p of [
      honestA.workProvider,
      honestA.authorityProvider,
      honestB.workProvider,
      honestB.authorityProvider,
    ])
      p.on('status', (e: { status: string }) => e.status === 'disconnected' && honestDrops++);
    const before = { a: snapshot(honestA), b: snapshot(honestB) };
    const restB = api(server, t.b.tele.token);
    const bLeadsBefore = (await restB.get(`/api/v1/leads/${leadB}`)).body;

    // 1. Forged leads and verdicts written into team A's authority doc, on top of the synced state.
    const mallory = new TestClient(server, t.a.id, t.mallory.token);
    cleanup.push(() => mallory.destroy());
    await mallory.synced();
    const forged: Lead = {
      ...mallory.leads.get(leadA)!,
      owner: t.mallory.id,
      stage: 'won',
      sqlDeadline: null,
    };
    mallory.leads.map.set(leadA, encodeLead(forged));
    mallory.leads.map.set('lead-forged', encodeLead({ ...forged, id: 'lead-forged' }));
    mallory.verdicts.set('cmd-forged', {
      commandId: 'cmd-forged',
      leadId: leadA,
      type: 'closeWon',
      by: t.mallory.id,
      decidedAt: 0,
      status: 'accepted',
    } as Verdict);
    await eventually(() => mallory.denied.length >= 1);
    expect(mallory.denied[0]).toMatch(/written only by the server/);

    // The same through a raw socket: a bare update frame with new structs for the authority doc.
    const rawAuth = await rawSocket(server.wsUrl, roomName(t.a.id, 'authority'), t.mallory.token);
    const evil = new Y.Doc();
    evil.getMap(AUTHORITY.leads).set(leadA, encodeLead(forged));
    evil.getMap(AUTHORITY.verdicts).set('cmd-forged-2', { status: 'accepted' });
    rawAuth.ws.send(
      frame((e) => {
        encoding.writeVarUint(e, 0);
        syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(evil));
      }),
    );

    // 2. Forged commands in the work doc: another role's actions, a key that is not the id, rule fields.
    const transfer = mallory.send({ type: 'transfer', leadId: leadA, toRep: t.mallory.id, by: t.a.tele.id });
    const reassign = mallory.send({ type: 'reassign', leadId: leadA, toRep: t.mallory.id, actor: 'manager' });
    const claim = mallory.send({ type: 'claim', leadId: leadA, sqlDeadline: Date.now() + 1e12 });
    mallory.commands.set('not-the-id', { id: 'other-id', type: 'closeWon', leadId: leadA });
    for (const id of [transfer, reassign, claim]) expect((await mallory.verdict(id)).status).toBe('rejected');
    expect((await mallory.verdict(claim)).code).toBe('ALREADY_CLAIMED');

    // 3. Team B's rooms with team A's token: refused before any document is touched.
    for (const kind of ['work', 'authority'] as const)
      await expect(rawSocket(server.wsUrl, roomName(t.b.id, kind), t.mallory.token)).rejects.toThrow(/403/);
    expect((await api(server, t.mallory.token).get(`/api/v1/leads/${leadB}`)).status).toBe(404);

    // 4. A frame over MAX_FRAME_BYTES, garbage, a text frame, an unknown message type, a truncated update.
    const work = roomName(t.a.id, 'work');
    const attacks: [Uint8Array | string, number][] = [
      [new Uint8Array(300 * 1024).fill(7), CLOSE.TOO_BIG],
      [Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), CLOSE.MALFORMED],
      ['{"type":"capture"}', CLOSE.MALFORMED],
      [Uint8Array.of(9, 1, 2, 3), CLOSE.MALFORMED],
      [Uint8Array.of(0, 2, 200, 1, 5), CLOSE.MALFORMED],
    ];
    for (const [payload, code] of attacks) {
      const s = await rawSocket(server.wsUrl, work, t.mallory.token);
      s.ws.send(payload);
      await eventually(() => s.closed?.code === code, { timeout: 5000 });
    }

    // 5. A flood of 5,000 awareness queries: throttled, and the honest rep's command is still decided promptly.
    const flood = await rawSocket(server.wsUrl, work, t.mallory.token);
    const query = frame((e) => encoding.writeVarUint(e, 3));
    for (let i = 0; i < 5000; i++) flood.ws.send(query);
    const started = Date.now();
    const request = honestA.send({ type: 'requestExtension', leadId: leadA, reason: 'Budget next week' });
    expect((await honestA.verdict(request, 5000)).status).toBe('accepted');
    const honestLatency = Date.now() - started;
    flood.ws.terminate();
    rawAuth.ws.terminate();

    // Nothing changed for anyone else: team A's authority doc differs only by the honest request; team B not at all.
    expect(honestLatency).toBeLessThan(5000);
    const after = snapshot(honestA);
    expect(after[AUTHORITY.verdicts]).toMatchObject(before.a[AUTHORITY.verdicts]);
    expect(Object.keys(after[AUTHORITY.verdicts]).sort()).toEqual(
      [...Object.keys(before.a[AUTHORITY.verdicts]), transfer, reassign, claim, 'not-the-id', request].sort(),
    );
    expect(Object.keys(after[AUTHORITY.leads])).toEqual([leadA]);
    const leadNow = honestA.leads.get(leadA)!;
    expect(leadNow).toMatchObject({
      owner: t.a.rep.id,
      stage: 'sql',
      sqlDeadline: readLead(before.a[AUTHORITY.leads][leadA])?.sqlDeadline,
    });
    expect(leadNow.extensions.map((x) => x.status)).toEqual(['pending']);
    expect(after[AUTHORITY.meta]).toEqual(before.a[AUTHORITY.meta]);
    expect(snapshot(honestB)).toEqual(before.b);
    expect((await restB.get(`/api/v1/leads/${leadB}`)).body).toEqual(bLeadsBefore);
    expect(honestDrops).toBe(0);
    // A key that is not its command's id is rejected as malformed, never decided under either id.
    expect(honestA.verdicts.get('not-the-id')).toMatchObject({ status: 'rejected', code: 'INVALID_COMMAND' });
    expect(honestA.verdicts.has('other-id')).toBe(false);

    // The server process is the same one and serves everyone.
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.httpUrl}/api/v1/health`)).status).toBe(200);
    const lateB = honestB.send({ type: 'requestExtension', leadId: leadB, reason: 'Still fine' });
    expect((await honestB.verdict(lateB)).status).toBe('accepted');
  }, 60_000);
});
