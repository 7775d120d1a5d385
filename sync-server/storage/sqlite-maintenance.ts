import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite housekeeping off the event loop: a worker thread with its own connection to the same file that
 * (1) checkpoints the WAL and (2) merges a doc's stored updates for compaction. Both used to run inline on the commit
 * path — an automatic checkpoint (with its fsyncs) inside whichever commit crossed 1000 WAL pages, and a
 * Y.mergeUpdates pass every `compactAfter` rows — and showed up as 5–150 ms stalls of every room.
 *
 * The worker never writes: it reads (WAL readers never block the writer, nor a PASSIVE checkpoint) and
 * hands the merge back; the main connection swaps the rows in (one DELETE + one INSERT). A write from the
 * worker's connection could hold the lock while the main thread waits in SQLite's busy handler — and fail
 * the main thread's commit with SQLITE_BUSY when the disk is slow.
 *
 * The worker is plain CommonJS evaluated from a string (requiring better-sqlite3 and yjs by resolved path),
 * so it runs the same under tsx, vitest and plain node.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const Y = require(workerData.yjs);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const load = db.prepare('SELECT seq, data FROM doc_updates WHERE team_id = ? AND doc = ? ORDER BY seq');
function merge(teamId, doc) {
  // Usually only the small rows after the first (the base) are merged, so a pass costs O(recent) rather
  // than O(document); the base is folded in once the recent rows outweigh it (amortized O(size)).
  // Y.mergeUpdates keeps pending structs that a state encoding of the doc would drop.
  const rows = load.all(teamId, doc);
  let tail = 0;
  for (let i = 1; i < rows.length; i++) tail += rows[i].data.byteLength;
  const from = rows.length > 2 && tail < rows[0].data.byteLength ? 1 : 0;
  if (rows.length - from <= 1) return { remaining: rows.length };
  const merged = Y.mergeUpdates(rows.slice(from).map((r) => new Uint8Array(r.data)));
  return { remaining: from + 1, merged, fromSeq: rows[from].seq, toSeq: rows[rows.length - 1].seq };
}
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage({ log: String(err) }); }
};
setInterval(checkpoint, workerData.checkpointMs);
parentPort.on('message', (m) => {
  if (m.close) {
    try { db.close(); } finally {
      Atomics.store(workerData.closed, 0, 1);
      Atomics.notify(workerData.closed, 0);
      process.exit(0);
    }
  }
  try { parentPort.postMessage({ id: m.id, ...merge(m.teamId, m.doc) }); }
  catch (err) { parentPort.postMessage({ id: m.id, error: String(err && err.stack || err) }); }
});
`;

export type MergedRows = { remaining: number; merged?: Uint8Array; fromSeq?: number; toSeq?: number };

export type Maintenance = {
  /** Merges a doc's stored rows (read-only): the merge and the seq range it replaces, if any. */
  merge(teamId: string, doc: string): Promise<MergedRows>;
  close(): void;
};

export function startMaintenance(
  file: string,
  opts: { checkpointMs?: number; log?: (msg: string, extra?: Record<string, unknown>) => void } = {},
): Maintenance {
  const require = createRequire(import.meta.url);
  const closedFlag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      closed: closedFlag,
      file,
      sqlite: require.resolve('better-sqlite3'),
      yjs: require.resolve('yjs'),
      checkpointMs: opts.checkpointMs ?? 1000,
    },
  });
  worker.unref();
  let next = 1;
  const pending = new Map<number, { resolve: (r: MergedRows) => void; reject: (err: Error) => void }>();
  worker.on('message', (m: MergedRows & { id?: number; error?: string; log?: string }) => {
    if (m.log) opts.log?.('sqlite maintenance', { error: m.log });
    if (m.id === undefined) return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(m.error));
    else p?.resolve(m);
  });
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', (err) => {
    opts.log?.('sqlite maintenance worker failed', { error: String(err) });
    failAll(err);
  });
  worker.on('exit', () => {
    Atomics.store(closedFlag, 0, 1); // nothing left to wait for in close()
    failAll(new Error('maintenance worker exited'));
  });
  let closed = false;
  return {
    merge(teamId, doc) {
      if (closed) return Promise.reject(new Error('storage closed'));
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, teamId, doc });
      });
    },
    /** Closes the worker's connection before returning (so the caller may close or delete the files). */
    close() {
      if (closed) return;
      closed = true;
      worker.postMessage({ close: true });
      // Synchronous on purpose: Storage.close() is synchronous. A compaction in progress finishes first.
      Atomics.wait(closedFlag, 0, 0, 10_000);
    },
  };
}
