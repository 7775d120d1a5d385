import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { AUTHORITY, roomName } from '../../shared/sync-docs.ts';
import { SYNC_PART_BYTES } from '../../sync-server/rooms/doc-room.ts';
import { encodeSyncStep1, MSG, SYNC } from '../../sync-server/rooms/protocol.ts';
import { TestClient } from './helpers/clients.ts';
import { eventually } from './helpers/retry.ts';
import { seedTeam, startTestServer, type TestTeam } from './helpers/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let team: TestTeam;
beforeEach(async () => {
  server = await startTestServer();
  team = seedTeam(server, 'Big', { tina: 'telemarketer' });
});
afterEach(async () => {
  await server.teardown();
});

/** About 2.5 MB of leads, written by the server in one transaction (like a big import decided at once). */
function writeManyLeads(): Y.Doc {
  const room = server.authority.teams.get(team.id)!.authority;
  room.write(() => {
    const leads = room.doc.getMap(AUTHORITY.leads);
    for (let i = 0; i < 5000; i++)
      leads.set(`lead-big-${i}`, {
        id: `lead-big-${i}`,
        stage: 'lead',
        contact: { name: `Lead ${i}` },
        pad: 'x'.repeat(400),
      });
  });
  return room.doc;
}

type Received = { sub: number; bytes: number };

/** A bare client of the authority room: sends an empty step 1 and applies what comes until the step 2. */
function firstSync(): Promise<{ doc: Y.Doc; received: Received[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(
      `${server.wsUrl}/${roomName(team.id, 'authority')}?token=${team.users.tina.token}`,
    );
    const doc = new Y.Doc();
    const received: Received[] = [];
    ws.on('open', () => ws.send(encodeSyncStep1(new Y.Doc())));
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== MSG.sync) return;
      const sub = decoding.readVarUint(d);
      if (sub === SYNC.step1) return;
      const update = decoding.readVarUint8Array(d);
      received.push({ sub, bytes: data.byteLength });
      Y.applyUpdate(doc, update);
      expect(doc.store.pendingStructs).toBeNull();
      if (sub === SYNC.step2) {
        ws.close();
        resolve({ doc, received });
      }
    });
  });
}

describe('big updates go in parts', () => {
  it('a first sync of a big doc: updates of at most ~256 KB, then a step 2, the same doc', async () => {
    const source = writeManyLeads();
    await eventually(() => !server.authority.teams.get(team.id)!.authority.dirty);
    const { doc, received } = await firstSync();
    expect(received.length).toBeGreaterThan(5);
    expect(received.slice(0, -1).every((r) => r.sub === SYNC.update)).toBe(true);
    expect(received.at(-1)!.sub).toBe(SYNC.step2);
    for (const r of received) expect(r.bytes).toBeLessThan(SYNC_PART_BYTES + 4096);
    expect(doc.getMap(AUTHORITY.leads).toJSON()).toEqual(source.getMap(AUTHORITY.leads).toJSON());
    expect(Y.equalSnapshots(Y.snapshot(doc), Y.snapshot(source))).toBe(true);

    // The cached answer serves the next client the same way.
    const again = await firstSync();
    expect(again.received.map((r) => r.bytes)).toEqual(received.map((r) => r.bytes));
  });

  it('a connected client gets a big server write in parts, and syncs it whole', async () => {
    const tina = new TestClient(server, team.id, team.users.tina.token);
    try {
      await tina.synced();
      const sizes: number[] = [];
      tina.authorityProvider.ws!.addEventListener('message', (e: { data: unknown }) =>
        sizes.push((e.data as ArrayBuffer).byteLength),
      );
      writeManyLeads();
      await eventually(() => tina.leads.size === 5000);
      expect(sizes.filter((n) => n > 100_000).length).toBeGreaterThan(5);
      expect(Math.max(...sizes)).toBeLessThan(SYNC_PART_BYTES + 4096);
      expect(tina.leads.get('lead-big-4999')?.contact.name).toBe('Lead 4999');
    } finally {
      tina.destroy();
    }
  });
});
