/**
 * The server's cost of sending a big first sync in parts (`sync-server/rooms/split-update.ts`): the time to
 * split the whole-doc update into ~256 KB parts, against Yjs reading the same update into a doc (the
 * baseline, run in the same process), for two shapes of doc:
 *   - `team`: 20,000 leads written by a few clients (a big team's authority doc);
 *   - `clients`: 3,000 clients × 30 rounds of edits that build on each other (a work doc after months of
 *     browser starts, each a new client id), each appending after the one before: a dependency chain through
 *     every client, the shape that made a pass-per-step ordering quadratic.
 * Every part set is applied to a fresh doc and checked against the source, so a wrong split fails the run.
 * Env: RUNS (3). Run: npx tsx bench/split-update.ts
 */
import { pathToFileURL } from 'node:url';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { splitUpdate } from '../sync-server/rooms/split-update.ts';
import { median, round } from './_harness.ts';

const RUNS = Number(process.env.RUNS ?? 3);
const PART = 256 * 1024;

function teamDoc(): Y.Doc {
  const doc = new Y.Doc();
  const leads = doc.getMap('leads');
  for (let i = 0; i < 20_000; i++) {
    doc.clientID = 1 + (i % 4);
    leads.set(`lead-${i}`, {
      name: `Lead ${i}`,
      company: `Company ${i % 900}`,
      email: `lead${i}@example.com`,
      phone: `+4930${1_000_000 + i}`,
      stage: ['lead', 'mql', 'sql'][i % 3],
      notes: 'Called, asked for a follow-up next week about the seats they need.',
    });
  }
  return doc;
}

/**
 * Written as bytes (the v1 format split-update.ts reads): Yjs itself takes minutes to build this history
 * through transactions, each of which walks every client of the doc. Round r of client c is the string
 * item (c, r) of the root array `list`, inserted right after the item before it in the chain.
 */
function clientsDoc(): Y.Doc {
  const CLIENTS = 3000;
  const ROUNDS = 30;
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, CLIENTS);
  for (let c = CLIENTS - 1; c >= 0; c--) {
    encoding.writeVarUint(e, ROUNDS); // structs
    encoding.writeVarUint(e, 10_000 + c); // client
    encoding.writeVarUint(e, 0); // first clock
    for (let r = 0; r < ROUNDS; r++) {
      if (r === 0 && c === 0) {
        encoding.writeUint8(e, 4); // a string, no origin: its parent follows
        encoding.writeVarUint(e, 1); // the parent is a root type, by name
        encoding.writeVarString(e, 'list');
      } else {
        encoding.writeUint8(e, 0x80 | 4); // a string with a left origin
        encoding.writeVarUint(e, 10_000 + (c === 0 ? CLIENTS - 1 : c - 1));
        encoding.writeVarUint(e, c === 0 ? r - 1 : r);
      }
      encoding.writeVarString(e, 'x');
    }
  }
  encoding.writeVarUint(e, 0); // no deletions
  const doc = new Y.Doc();
  Y.applyUpdate(doc, encoding.toUint8Array(e));
  if (doc.store.pendingStructs || doc.getArray('list').length !== CLIENTS * ROUNDS)
    throw new Error('clients doc: the hand-written update did not apply whole');
  return doc;
}

function measure(name: string, doc: Y.Doc): Record<string, string | number> {
  const update = Y.encodeStateAsUpdate(doc);
  const splitMs: number[] = [];
  const yjsMs: number[] = [];
  let parts: Uint8Array[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    parts = splitUpdate(update, PART);
    splitMs.push(performance.now() - t);
    t = performance.now();
    Y.applyUpdate(new Y.Doc(), update);
    yjsMs.push(performance.now() - t);
  }
  const rebuilt = new Y.Doc();
  for (const p of parts) {
    Y.applyUpdate(rebuilt, p);
    if (rebuilt.store.pendingStructs) throw new Error(`${name}: a part was left pending`);
  }
  if (!Y.equalSnapshots(Y.snapshot(rebuilt), Y.snapshot(doc))) throw new Error(`${name}: parts differ`);
  const split = median(splitMs);
  const yjs = median(yjsMs);
  return {
    [`${name}: update MB`]: round(update.byteLength / 2 ** 20, 1),
    [`${name}: clients`]: doc.store.clients.size,
    [`${name}: parts`]: parts.length,
    [`${name}: split ms`]: round(split, 1),
    [`${name}: Yjs apply ms (baseline)`]: round(yjs, 1),
    [`${name}: split / Yjs apply`]: round(split / yjs, 2),
  };
}

export async function run(): Promise<Record<string, string | number>> {
  return { ...measure('team', teamDoc()), ...measure('clients', clientsDoc()) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [k, v] of Object.entries(await run())) console.log(`${k.padEnd(40)} ${v}`);
}
