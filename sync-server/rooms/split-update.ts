import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Splits a Yjs (v1) update into updates of about `maxBytes` each that, applied in the order given, build
 * exactly what the whole update builds. A first sync of a big team is a 16 MB update: sent whole, a browser
 * holds it several times over at once (the socket's buffers, the message, the copy put into IndexedDB)
 * and builds every row from it in one go; in parts, each is received, applied and stored on its own.
 *
 * Cuts fall between structs only, and structs go out in causal order across clients (an item never comes
 * before the items it was inserted next to or into), so the receiver integrates every part at once instead
 * of holding it as pending. The delete set, which may name items of any part, comes with the last one.
 *
 * The update is read, not decoded: each struct's extent and the IDs it depends on are found by skipping over
 * its content, and every part copies runs of the original bytes (Yjs's own decode and re-encode took a
 * second for 16 MB; this takes a few tens of ms). The format: yjs/src/utils/encoding.js (v1, stable since
 * Yjs 13). A small update comes back as it is.
 */
export function splitUpdate(update: Uint8Array, maxBytes: number): Uint8Array[] {
  if (update.byteLength <= maxBytes) return [update];
  const { clients, deleteSet } = readStructs(update);
  const index = new Map(clients.map((c, ci) => [c.client, ci])); // client id → its index in `clients`
  // Per client, the clock up to which the receiver has it: what it had before (everything below the first
  // clock here) plus what the parts so far carry. A client not in the update counts as complete.
  const sent = clients.map((c) => c.structs[0]?.clock ?? 0);
  const next = clients.map(() => 0);
  // A client whose next struct needs (client, clock) that is not sent yet waits on that client until it
  // is; each client waits on one thing at a time, so the work is linear in structs plus dependencies
  // instead of a pass over every client per step (thousands of clients: a work doc is a new client each
  // time a browser starts).
  const waiters = clients.map((): { ci: number; clock: number }[] => []);
  const runnable: number[] = clients.map((_, ci) => ci);

  const parts: Uint8Array[] = [];
  let part = new Part(update);
  let left = clients.reduce((n, c) => n + c.structs.length, 0);
  const take = (ci: number) => {
    const c = clients[ci];
    const s = c.structs[next[ci]++];
    part.add(c.client, s);
    sent[ci] = s.clock + s.length;
    left--;
    if (part.bytes >= maxBytes && left > 0) {
      parts.push(part.encode(null));
      part = new Part(update);
    }
  };
  /** The first dependency of the client's next struct that is not sent yet, as [client index, clock]. */
  const missing = (ci: number): [number, number] | null => {
    const d = clients[ci].structs[next[ci]].deps;
    for (let i = 0; i < d.length; i += 2) {
      const di = index.get(d[i]);
      if (di !== undefined && d[i + 1] >= sent[di]) return [di, d[i + 1]];
    }
    return null;
  };
  /** Takes the client's structs for as long as they are ready; wakes those waiting on what it sent. */
  const advance = (ci: number) => {
    const c = clients[ci];
    const before = next[ci];
    while (next[ci] < c.structs.length) {
      const need = missing(ci);
      if (need) {
        waiters[need[0]].push({ ci, clock: need[1] });
        break;
      }
      take(ci);
    }
    if (next[ci] === before || waiters[ci].length === 0) return;
    const still: { ci: number; clock: number }[] = [];
    for (const w of waiters[ci]) {
      if (w.clock < sent[ci]) runnable.push(w.ci);
      else still.push(w);
    }
    waiters[ci] = still;
  };

  let firstLeft = 0;
  while (left > 0) {
    while (runnable.length > 0) advance(runnable.pop() as number);
    if (left === 0) break;
    // Nothing is ready, yet structs are left: not expected from an update Yjs wrote (a dependency it does
    // not carry). Send the next one anyway; the receiver keeps what it cannot place pending.
    while (next[firstLeft] === clients[firstLeft].structs.length) firstLeft++;
    for (const ws of waiters) ws.length = 0;
    take(firstLeft);
    for (let ci = 0; ci < clients.length; ci++) if (next[ci] < clients[ci].structs.length) runnable.push(ci);
  }
  parts.push(part.encode(deleteSet));
  return parts;
}

type StructInfo = { start: number; end: number; clock: number; length: number; deps: number[] };
type ClientStructs = { client: number; structs: StructInfo[] };

/** One part being filled: per client (in first-use order) a run of consecutive structs' bytes. */
class Part {
  private readonly runs = new Map<number, { clock: number; count: number; start: number; end: number }>();
  bytes = 0;

  constructor(private readonly update: Uint8Array) {}

  add(client: number, s: StructInfo): void {
    const run = this.runs.get(client);
    if (run) {
      // Consecutive structs of a client are consecutive bytes of the update.
      run.count++;
      run.end = s.end;
    } else this.runs.set(client, { clock: s.clock, count: 1, start: s.start, end: s.end });
    this.bytes += s.end - s.start;
  }

  /** The part as an update, with `deleteSet` (raw bytes) or an empty one. */
  encode(deleteSet: Uint8Array | null): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, this.runs.size);
    for (const [client, run] of this.runs) {
      encoding.writeVarUint(e, run.count);
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, run.clock);
      encoding.writeUint8Array(e, this.update.subarray(run.start, run.end));
    }
    if (deleteSet) encoding.writeUint8Array(e, deleteSet);
    else encoding.writeVarUint(e, 0);
    return encoding.toUint8Array(e);
  }
}

// Bits of a struct's info byte (yjs/src/structs/Item.js `write`).
const HAS_ORIGIN = 0x80;
const HAS_RIGHT_ORIGIN = 0x40;
const HAS_PARENT_SUB = 0x20;
const CONTENT_REF = 0x1f;

/** Where each struct starts and ends, its clock range and the IDs it needs; then the raw delete set. */
function readStructs(update: Uint8Array): { clients: ClientStructs[]; deleteSet: Uint8Array } {
  const d = decoding.createDecoder(update);
  const clients: ClientStructs[] = [];
  const numClients = decoding.readVarUint(d);
  for (let i = 0; i < numClients; i++) {
    const numStructs = decoding.readVarUint(d);
    const client = decoding.readVarUint(d);
    let clock = decoding.readVarUint(d);
    const structs: StructInfo[] = new Array(numStructs);
    for (let j = 0; j < numStructs; j++) {
      const start = d.pos;
      const info = decoding.readUint8(d);
      const ref = info & CONTENT_REF;
      const deps: number[] = [];
      let length: number;
      if (ref === 0 || ref === 10) {
        length = decoding.readVarUint(d); // GC, Skip
      } else {
        if (info & HAS_ORIGIN) deps.push(decoding.readVarUint(d), decoding.readVarUint(d));
        if (info & HAS_RIGHT_ORIGIN) deps.push(decoding.readVarUint(d), decoding.readVarUint(d));
        if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
          if (decoding.readVarUint(d) === 1)
            skipString(d); // parent is a root type, by name
          else deps.push(decoding.readVarUint(d), decoding.readVarUint(d)); // parent is an item
          if (info & HAS_PARENT_SUB) skipString(d);
        }
        length = skipContent(d, ref);
      }
      structs[j] = { start, end: d.pos, clock, length, deps };
      clock += length;
    }
    clients.push({ client, structs });
  }
  return { clients, deleteSet: update.subarray(d.pos) };
}

/** Skips an item's content (yjs/src/structs/Content*.js, v1); returns its length in clock ticks. */
function skipContent(d: decoding.Decoder, ref: number): number {
  switch (ref) {
    case 1: // deleted
      return decoding.readVarUint(d);
    case 2: {
      // JSON: strings
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) skipString(d);
      return n;
    }
    case 3: // binary
      skipString(d);
      return 1;
    case 4: // string: its length counts UTF-16 code units
      return utf16Length(readStringBytes(d));
    case 5: // embed
      skipString(d);
      return 1;
    case 6: // format: key and value
      skipString(d);
      skipString(d);
      return 1;
    case 7: {
      // type: an XML element or hook also has a name
      const typeRef = decoding.readVarUint(d);
      if (typeRef === 3 || typeRef === 5) skipString(d);
      return 1;
    }
    case 8: {
      // any: values
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) skipAny(d);
      return n;
    }
    case 9: // subdocument: guid and options
      skipString(d);
      skipAny(d);
      return 1;
    default:
      throw new Error(`splitUpdate: unknown content type ${ref}`);
  }
}

function readStringBytes(d: decoding.Decoder): Uint8Array {
  const n = decoding.readVarUint(d);
  return decoding.readUint8Array(d, n);
}

/** A var-length string or byte array: a length, then that many bytes. */
function skipString(d: decoding.Decoder): void {
  const n = decoding.readVarUint(d);
  if (d.pos + n > d.arr.length) throw new Error('splitUpdate: unexpected end of update');
  d.pos += n;
}

function skipVarInt(d: decoding.Decoder): void {
  while (decoding.readUint8(d) & 0x80) {}
}

/** Skips one lib0 `writeAny` value (lib0/encoding.js). */
function skipAny(d: decoding.Decoder): void {
  const type = decoding.readUint8(d);
  switch (type) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125: // integer
      skipVarInt(d);
      return;
    case 124: // float32
      d.pos += 4;
      return;
    case 123: // float64
    case 122: // bigint64
      d.pos += 8;
      return;
    case 119: // string
    case 116: // Uint8Array
      skipString(d);
      return;
    case 118: {
      // object
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) {
        skipString(d);
        skipAny(d);
      }
      return;
    }
    case 117: {
      // array
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) skipAny(d);
      return;
    }
    default:
      throw new Error(`splitUpdate: unknown value type ${type}`);
  }
}

/** The UTF-16 length of a UTF-8 string: one unit per character, two for those outside the BMP. */
function utf16Length(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}
