/**
 * A benchmark client worker process (forked by bench/_harness.ts `ClientWorker`): many lightweight clients
 * speaking the y-websocket protocol with raw `ws` + y-protocols encoding, so that hundreds of them fit in
 * one process. They do what a y-websocket provider does on the wire (sync step 1 on open, answer the
 * server's step 1 with a step 2, an awareness state) without holding the documents: a client's state
 * vector and step-2 reply are computed once by the bench from a real, synced doc and passed in.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { roomName, WORK } from '../shared/sync-docs.ts';

type Room = 'work' | 'authority';
type Sock = {
  ws: WebSocket;
  room: Room;
  client: number;
  syncedAt: number | null;
  messages: number;
  bytes: number;
  onData?: (buf: Buffer) => void;
};

const socks: Sock[] = [];
const b64 = (s: string | undefined) => (s ? new Uint8Array(Buffer.from(s, 'base64')) : null);

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}
const syncFrame = (sub: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
  });
/** An awareness update with one client's state, as y-websocket sends it when its local state is non-null. */
const awarenessFrame = (clientId: number, state: unknown) =>
  frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(
      e,
      frame((a) => {
        encoding.writeVarUint(a, 1);
        encoding.writeVarUint(a, clientId);
        encoding.writeVarUint(a, 1);
        encoding.writeVarString(a, JSON.stringify(state));
      }),
    );
  });

type OpenArgs = {
  wsUrl: string;
  teamId: string;
  tokens: string[];
  rooms: Room[];
  /** base64 per room: the state vector sent in step 1 (default: empty) and the step-2 answer to the server. */
  sv?: Partial<Record<Room, string>>;
  reply?: Partial<Record<Room, string>>;
  awareness?: boolean;
  timeoutMs?: number;
};

/** Opens every (token × room) socket at once; resolves when each received its step 2 (or on timeout). */
async function open(a: OpenArgs) {
  const start = performance.now();
  const empty = Y.encodeStateVector(new Y.Doc());
  const emptyReply = Y.encodeStateAsUpdate(new Y.Doc());
  const opened: Sock[] = [];
  let failed = 0;
  const waits: Promise<void>[] = [];
  a.tokens.forEach((token, client) => {
    const clientId = Math.floor(Math.random() * 2 ** 31);
    for (const room of a.rooms) {
      const ws = new WebSocket(`${a.wsUrl}/${roomName(a.teamId, room)}?token=${token}`, {
        perMessageDeflate: false,
      });
      const s: Sock = { ws, room, client, syncedAt: null, messages: 0, bytes: 0 };
      const step1 = syncFrame(0, b64(a.sv?.[room]) ?? empty);
      const step2 = syncFrame(1, b64(a.reply?.[room]) ?? emptyReply);
      waits.push(
        new Promise<void>((resolve) => {
          ws.on('open', () => {
            ws.send(step1);
            if (a.awareness)
              ws.send(awarenessFrame(clientId, { user: { id: `u${client}`, name: `User ${client}` } }));
          });
          ws.on('message', (data: Buffer) => {
            s.messages++;
            s.bytes += data.byteLength;
            if (s.syncedAt === null && data[0] === 0) {
              const d = decoding.createDecoder(data);
              decoding.readVarUint(d);
              const sub = decoding.readVarUint(d);
              if (sub === 0) ws.send(step2);
              else if (sub === 1) {
                s.syncedAt = performance.now() - start;
                resolve();
              }
            }
            s.onData?.(data);
          });
          ws.on('error', () => {});
          ws.on('close', () => resolve());
          ws.on('unexpected-response', () => {
            failed++;
            resolve();
          });
        }),
      );
      socks.push(s);
      opened.push(s);
    }
  });
  const timeout = new Promise<void>((r) => setTimeout(r, a.timeoutMs ?? 60_000).unref());
  await Promise.race([Promise.all(waits), timeout]);
  const times = opened.map((s) => s.syncedAt).filter((t): t is number => t !== null);
  return { sockets: opened.length, synced: times.length, failed, syncMs: times };
}

async function closeAll() {
  const all = socks.splice(0);
  await Promise.all(
    all.map(
      (s) =>
        new Promise<void>((r) => {
          if (s.ws.readyState === s.ws.CLOSED) return r();
          s.ws.once('close', () => r());
          s.ws.close();
          setTimeout(() => {
            s.ws.terminate();
            r();
          }, 2000).unref();
        }),
    ),
  );
  return { closed: all.length };
}

function stats() {
  let messages = 0;
  let bytes = 0;
  for (const s of socks) {
    messages += s.messages;
    bytes += s.bytes;
  }
  return { sockets: socks.length, messages, bytes };
}

/**
 * (a) Closed loop: every client of this worker writes a capture into the work doc, waits until its verdict
 * arrives in the authority room, writes the next, until `seconds` pass (or `maxPerClient`). The verdict is
 * recognised by its command id in the authority update's bytes (the id is the map key and a JSON string),
 * so no client decodes the whole doc.
 */
async function loop(a: { seconds: number; maxPerClient: number }) {
  const byClient = new Map<number, { work?: Sock; authority?: Sock }>();
  for (const s of socks) {
    const c = byClient.get(s.client) ?? {};
    c[s.room] = s;
    byClient.set(s.client, c);
  }
  const end = performance.now() + a.seconds * 1000;
  const lat: number[] = [];
  let decided = 0;
  let timedOut = 0;
  await Promise.all(
    [...byClient.values()].map(async ({ work, authority }) => {
      if (!work || !authority) return;
      const doc = new Y.Doc();
      const commands = doc.getMap(WORK.commands);
      doc.on('update', (u: Uint8Array) => work.ws.send(syncFrame(2, u)));
      let waiting: { id: Buffer; done: () => void } | null = null;
      authority.onData = (buf) => {
        if (waiting && buf.includes(waiting.id)) waiting.done();
      };
      for (let i = 0; i < a.maxPerClient && performance.now() < end; i++) {
        const id = `b${process.pid}-${work.client}-${i}-${Math.random().toString(36).slice(2, 10)}`;
        const leadId = `lead-${id}`;
        const t0 = performance.now();
        const got = new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), 10_000);
          waiting = {
            id: Buffer.from(id),
            done: () => {
              clearTimeout(timer);
              resolve(true);
            },
          };
        });
        commands.set(id, {
          id,
          type: 'capture',
          leadId,
          source: 'gmail',
          contact: { name: `Contact ${id}`, emails: [`${id}@example.com`] },
        });
        if (!(await got)) {
          timedOut++;
          break;
        }
        waiting = null;
        lat.push(performance.now() - t0);
        decided++;
      }
      authority.onData = undefined;
      doc.destroy();
    }),
  );
  return { decided, timedOut, lat };
}

/**
 * (d) Sends a prepared update stream: `updates[i]` (base64) from this worker's client i's work socket, paced
 * at `perSecond` per client. Resolves when everything was handed to the sockets.
 */
async function stream(a: { updates: string[][]; perSecond: number }) {
  const work = socks.filter((s) => s.room === 'work');
  const start = performance.now();
  let sent = 0;
  await Promise.all(
    a.updates.map(async (list, i) => {
      const s = work[i];
      if (!s) return;
      for (let k = 0; k < list.length; k++) {
        const due = start + (k * 1000) / a.perSecond;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        s.ws.send(syncFrame(2, new Uint8Array(Buffer.from(list[k], 'base64'))));
        sent++;
      }
    }),
  );
  return { sent, ms: performance.now() - start };
}

const ops: Record<string, (a: never) => Promise<unknown> | unknown> = { open, closeAll, stats, loop, stream };
process.on('message', async (m: { id: number; op: string }) => {
  try {
    const fn = ops[m.op];
    if (!fn) throw new Error(`unknown op ${m.op}`);
    const result = await fn(m as never);
    process.send?.({ id: m.id, ok: true, result });
  } catch (err) {
    process.send?.({ id: m.id, ok: false, error: err instanceof Error ? err.stack : String(err) });
  }
});
process.on('SIGTERM', () => process.exit(0));
process.on('disconnect', () => process.exit(0));
