import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { muxData, muxOpen } from '../../shared/mux.ts';
import { fieldKey, roomName, WORK } from '../../shared/sync-docs.ts';
import { CLOSE } from '../../sync-server/close-codes.ts';
import { api } from './helpers/api.ts';
import { TestClient } from './helpers/clients.ts';
import { type RawSocket, rawSocket } from './helpers/raw-socket.ts';
import { eventually } from './helpers/retry.ts';
import { seedTeam, startTestServer, type TestTeam } from './helpers/server.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
/** mulberry32: a tiny seeded PRNG so a failing run can be replayed with FUZZ_SEED. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Valid frames a real client sends: sync step 1, an update, awareness, an awareness query. */
function validFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getMap(WORK.fields).set(fieldKey('lead-fuzz-1', 'name'), 'Fuzzy');
  doc.getText('notes/lead-fuzz-1').insert(0, 'hello world');
  doc.getMap(WORK.commands).set('cmd-fuzz-01', { id: 'cmd-fuzz-01', type: 'claim', leadId: 'lead-fuzz-1' });
  const frame = (write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder();
    write(e);
    return encoding.toUint8Array(e);
  };
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: 'fuzz' });
  const frames = [
    frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    }),
    frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
    }),
    frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    }),
    frame((e) => encoding.writeVarUint(e, 3)),
  ];
  awareness.destroy();
  return frames;
}

function mutate(rand: () => number, base: Uint8Array): Uint8Array {
  const b = Array.from(base);
  const pick = (n: number) => Math.floor(rand() * n);
  switch (pick(6)) {
    case 0: // flip bytes
      for (let i = 0, n = 1 + pick(4); i < n; i++) b[pick(b.length)] = pick(256);
      break;
    case 1: // truncate
      b.length = pick(b.length);
      break;
    case 2: // insert random bytes
      b.splice(pick(b.length), 0, ...Array.from({ length: 1 + pick(8) }, () => pick(256)));
      break;
    case 3: // huge varints
      b.splice(1 + pick(Math.max(1, b.length - 1)), 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f);
      break;
    case 4: // an unknown message type
      b[0] = 4 + pick(250);
      break;
    default: // pure noise
      return Uint8Array.from({ length: pick(64) }, () => pick(256));
  }
  return Uint8Array.from(b);
}

let server: Awaited<ReturnType<typeof startTestServer>>;
let team: TestTeam;
beforeEach(async () => {
  server = await startTestServer({ maxFrameBytes: 64 * 1024, rateLimit: { burst: 50, perSecond: 20 } });
  team = seedTeam(server, 'Fuzz', { fred: 'rep', gina: 'rep', tina: 'telemarketer' });
});
afterEach(() => server.teardown());

async function wellBehavedClientsStillSync(): Promise<void> {
  const a = new TestClient(server, team.id, team.users.gina.token);
  const b = new TestClient(server, team.id, team.users.tina.token);
  try {
    await Promise.all([a.synced(), b.synced()]);
    a.work.getMap(WORK.fields).set(fieldKey('lead-ok-1', 'company'), 'Still Works');
    await eventually(
      () => b.work.getMap(WORK.fields).get(fieldKey('lead-ok-1', 'company')) === 'Still Works',
    );
    const id = b.send({
      type: 'capture',
      leadId: `lead-ok-${SEED}`,
      contact: { name: 'Ok' },
      source: 'manual',
    });
    expect((await a.verdict(id)).status).toBe('accepted');
    expect((await api(server).get('/api/v1/health')).status).toBe(200);
  } finally {
    a.destroy();
    b.destroy();
  }
}

describe(`fuzz (FUZZ_SEED=${SEED})`, () => {
  it('random and mutated WebSocket frames only ever close the offender', async () => {
    const rand = prng(SEED);
    const frames = validFrames();
    const bystander = new TestClient(server, team.id, team.users.gina.token);
    await bystander.synced();
    const sockets: RawSocket[] = [];
    let sock: RawSocket | null = null;
    let mux = false;
    for (let i = 0; i < 400; i++) {
      if (!sock || sock.ws.readyState !== sock.ws.OPEN) {
        const roll = rand();
        // Both rooms on one socket (the extension's connection), or one room per socket (stock provider).
        mux = roll < 0.3;
        const room = mux ? team.id : roomName(team.id, roll < 0.8 ? 'work' : 'authority');
        sock = await rawSocket(server.wsUrl, room, team.users.fred.token);
        sockets.push(sock);
        if (mux) for (const r of [0, 1]) sock.ws.send(muxOpen(r));
      }
      const base = frames[Math.floor(rand() * frames.length)];
      const frame = mux ? muxData(rand() < 0.5 ? 0 : 1, base) : base;
      sock.ws.send(rand() < 0.1 ? frame : mutate(rand, frame));
      // A ping round trip: the server has read the frame (and answered or closed) before the next one.
      await new Promise<void>((r) => sock!.ws.ping(undefined, undefined, () => r()));
    }
    sock?.ws.close();
    await eventually(() => sockets.every((s) => s.closed !== null));
    const closes = sockets.filter((s) => s.closed?.code === CLOSE.MALFORMED).length;
    expect(closes).toBeGreaterThan(0);
    expect(bystander.workProvider.wsconnected).toBe(true);
    bystander.destroy();
    await wellBehavedClientsStillSync();
  }, 60_000);

  it('throttles a flood instead of closing it: every message is answered, at the allowed rate', async () => {
    // burst 50, 20/s: 90 awareness queries get 50 answers at once, the other 40 over about two seconds.
    const bystander = new TestClient(server, team.id, team.users.gina.token);
    await bystander.synced();
    const flood = await rawSocket(server.wsUrl, roomName(team.id, 'work'), team.users.fred.token);
    const answers = () => flood.received - 1; // the server's sync step 1 on connect
    const start = Date.now();
    for (let i = 0; i < 90; i++) flood.ws.send(Uint8Array.of(3));
    await eventually(() => answers() >= 50);
    expect(answers()).toBeLessThan(90);
    await eventually(() => answers() >= 90, { timeout: 15_000 });
    expect(Date.now() - start).toBeGreaterThanOrEqual(1500);
    expect(flood.closed).toBeNull();
    expect(bystander.workProvider.wsconnected).toBe(true);
    flood.ws.close();
    bystander.destroy();
    await wellBehavedClientsStillSync();
  });

  it('closes oversized frames (1009), text frames and unknown types (4400)', async () => {
    const room = roomName(team.id, 'work');
    const bystander = new TestClient(server, team.id, team.users.gina.token);
    await bystander.synced();
    const big = await rawSocket(server.wsUrl, room, team.users.fred.token);
    big.ws.send(new Uint8Array(100 * 1024));
    await eventually(() => big.closed?.code === CLOSE.TOO_BIG);
    const text = await rawSocket(server.wsUrl, room, team.users.fred.token);
    text.ws.send('hello');
    await eventually(() => text.closed?.code === CLOSE.MALFORMED);
    const unknown = await rawSocket(server.wsUrl, room, team.users.fred.token);
    unknown.ws.send(Uint8Array.of(9, 1, 2));
    await eventually(() => unknown.closed?.code === CLOSE.MALFORMED);
    expect(unknown.closed?.reason).toMatch(/unknown message type/);
    expect(bystander.workProvider.wsconnected).toBe(true);
    bystander.destroy();
    await wellBehavedClientsStillSync();
  });

  it('random and mutated HTTP bodies never get a 5xx', async () => {
    const rand = prng(SEED + 1);
    const http = api(server, team.users.fred.token);
    const valid = JSON.stringify({ id: 'cmd-http-0001', type: 'claim', leadId: 'lead-http-1' });
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const body =
        rand() < 0.5
          ? String.fromCharCode(...mutate(rand, new TextEncoder().encode(valid)))
          : JSON.stringify(mutateJson(rand));
      const r = await http.postRaw('/api/v1/commands', body);
      statuses.add(r.status);
      expect(r.status, body).toBeLessThan(500);
      expect(typeof r.body.error === 'string' || r.body.status === 'accepted', body).toBe(true);
    }
    for (const path of [
      '/api/v1/leads?limit=-1&stage=%00',
      '/api/v1/leads/%E0%A4%A',
      '/api/v1/../../etc',
      '/sync',
    ]) {
      expect((await http.get(path)).status).toBeLessThan(500);
    }
    expect([...statuses].every((s) => [200, 400, 409].includes(s))).toBe(true);
    await wellBehavedClientsStillSync();
  });
});

function mutateJson(rand: () => number): unknown {
  const values = [null, true, 0, -1, 1e308, 'x', '', 'a'.repeat(300), [], {}, [1, 'a'], { type: 'capture' }];
  const cmd: Record<string, unknown> = {
    id: `cmd-${Math.floor(rand() * 1e9)}`,
    type: ['claim', 'capture', 'qualify', 'fly', 'decideExtension'][Math.floor(rand() * 5)],
    leadId: 'lead-http-1',
  };
  for (const key of ['id', 'type', 'leadId', 'contact', 'seats', 'approve', '__proto__', 'constructor']) {
    if (rand() < 0.3) cmd[key] = values[Math.floor(rand() * values.length)];
  }
  return rand() < 0.1 ? values[Math.floor(rand() * values.length)] : cmd;
}
