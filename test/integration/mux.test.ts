import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MUX_OP, muxData, muxOpen } from '../../shared/mux.ts';
import { AUTHORITY, fieldKey, WORK } from '../../shared/sync-docs.ts';
import { CLOSE } from '../../sync-server/close-codes.ts';
import { encodeSyncStep1 } from '../../sync-server/rooms/protocol.ts';
import { TestClient } from './helpers/clients.ts';
import { rawSocket } from './helpers/raw-socket.ts';
import { eventually } from './helpers/retry.ts';
import { seedTeam, startTestServer, type TestTeam } from './helpers/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let team: TestTeam;
const clients: TestClient[] = [];
const client = (user: string, mux: boolean) => {
  const c = new TestClient(server, team.id, team.users[user].token, true, mux);
  clients.push(c);
  return c;
};

beforeEach(async () => {
  server = await startTestServer();
  team = seedTeam(server, 'Acme', { tina: 'telemarketer', alex: 'rep' });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.teardown();
});

describe('both rooms on one socket (/sync/<team>)', () => {
  it('syncs both docs over one connection, with the same rights as two', async () => {
    const tina = client('tina', true);
    const alex = client('alex', false); // the stock provider, a socket per room
    await Promise.all([tina.synced(), alex.synced()]);
    expect(server.connections()).toBe(3);

    tina.work.getMap(WORK.fields).set(fieldKey('lead-mux-1', 'name'), 'Mux Lead');
    await eventually(() => alex.work.getMap(WORK.fields).get(fieldKey('lead-mux-1', 'name')) === 'Mux Lead');
    const id = tina.send({ type: 'capture', leadId: 'lead-mux-1', contact: { name: 'M' }, source: 'manual' });
    expect((await tina.verdict(id)).status).toBe('accepted');
    expect(tina.leads.get('lead-mux-1')?.owner).toBe(team.users.tina.id);

    // The authority room stays read-only through the multiplexed socket, and the socket stays up.
    tina.authority.getMap(AUTHORITY.verdicts).set('forged', { status: 'accepted' });
    await eventually(() => tina.denied.length > 0);
    expect(server.authority.teams.get(team.id)!.authority.doc.getMap(AUTHORITY.verdicts).has('forged')).toBe(
      false,
    );
    const next = tina.send({
      type: 'capture',
      leadId: 'lead-mux-2',
      contact: { name: 'N' },
      source: 'manual',
    });
    expect((await tina.verdict(next)).status).toBe('accepted');
  });

  it('a room left and joined again keeps the other room and the socket', async () => {
    const tina = client('tina', true);
    await tina.synced();
    tina.workProvider.disconnect();
    await eventually(() => !tina.workProvider.wsconnected);
    expect(tina.authorityProvider.wsconnected).toBe(true);
    tina.work.getMap(WORK.fields).set(fieldKey('lead-mux-3', 'title'), 'CFO'); // offline edit
    tina.workProvider.connect();
    await tina.synced();
    const serverWork = server.authority.teams.get(team.id)!.work.doc;
    await eventually(() => serverWork.getMap(WORK.fields).get(fieldKey('lead-mux-3', 'title')) === 'CFO');
    expect(server.connections()).toBe(1);
  });

  it('a token revoked while connected closes the one socket, and both rooms see the code', async () => {
    const tina = client('tina', true);
    await tina.synced();
    const codes: number[] = [];
    for (const p of [tina.workProvider, tina.authorityProvider])
      p.on('connection-close', (e) => codes.push(e?.code ?? 0));
    server.storage.revokeTokens({ userId: team.users.tina.id }, Date.now());
    server.reload();
    await eventually(() => codes.length === 2);
    expect(codes).toEqual([CLOSE.UNAUTHORIZED, CLOSE.UNAUTHORIZED]);
  });

  it('closes the socket (4400) on a frame that is not multiplexed, and ignores data for a room not open', async () => {
    const sock = await rawSocket(server.wsUrl, team.id, team.users.alex.token);
    const doc = new Y.Doc();
    sock.ws.send(muxData(0, encodeSyncStep1(doc))); // room 0 not opened: ignored
    sock.ws.send(muxOpen(1));
    await eventually(() => sock.received > 0); // the authority room's step 1
    sock.ws.send(Uint8Array.of(MUX_OP.open, 7)); // no room 7
    await eventually(() => sock.closed !== null);
    expect(sock.closed?.code).toBe(CLOSE.MALFORMED);
    const again = await rawSocket(server.wsUrl, team.id, team.users.alex.token);
    again.ws.send(muxOpen(0));
    again.ws.send(muxOpen(0)); // opened twice
    await eventually(() => again.closed !== null);
    expect(again.closed?.code).toBe(CLOSE.MALFORMED);
  });
});
