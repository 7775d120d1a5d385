import { createHash } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocKind, Storage } from '../storage/storage.ts';
import {
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncMessage,
  encodeSyncStep1,
  MSG,
  ProtocolError,
  SYNC,
} from './protocol.ts';
import { splitUpdate } from './split-update.ts';

const STEP2_CACHE_ENTRIES = 8;
const STEP2_CACHE_MAX_SINCE = 200;
const NOOP_CACHE_MIN_BYTES = 1024;
const NOOP_CACHE_ENTRIES = 64;
/**
 * No sync message carries more than about this much of an update: a bigger one (a first sync, a big
 * import decided at once) goes in parts (split-update.ts), every part an `update` message but the last,
 * which has the original type — a step-2 answer still ends with a step 2, so `synced` means all of it.
 */
export const SYNC_PART_BYTES = 256 * 1024;

/** The sync messages carrying `update`: one, or its parts in order. */
function syncMessages(sub: number, update: Uint8Array): Uint8Array[] {
  let parts = [update];
  try {
    parts = splitUpdate(update, SYNC_PART_BYTES);
  } catch {
    // Only updates Yjs encoded get here; one it cannot read goes whole, as before.
  }
  return parts.map((p, i) => encodeSyncMessage(i === parts.length - 1 ? sub : SYNC.update, p));
}

const hash = (u: Uint8Array): string => createHash('sha1').update(u).digest('base64');

/** One client connection as a room sees it. Also the transaction origin of that client's writes. */
export interface Peer {
  readonly userId: string;
  readonly awarenessIds: Set<number>;
  send(msg: Uint8Array): void;
}

/** Transaction origins of the server's own writes (a client's writes carry its Peer). */
export const ORIGIN = { authority: 'authority', persistence: 'persistence' } as const;

export type DocRoomOptions = {
  teamId: string;
  kind: DocKind;
  storage: Storage;
  compactAfter: number;
  log: (msg: string, extra?: Record<string, unknown>) => void;
  /**
   * The doc holds updates not yet on disk: the owner commits them (`saveUnsaved` inside its transaction,
   * then `committed`) soon, or before returning when `now` (a step-2 answer must not include them).
   */
  onDirty: (now: boolean) => void;
};

/**
 * One Yjs document shared by the connections of one team: persistence of every update, fan-out, awareness.
 * Updates are applied in memory at once but sent to no one before the team's next group commit stored them
 * (`saveUnsaved` + `committed`, driven by the Authority): no client ever sees a change the server could lose.
 * A read-only room (the authority doc) never applies a client update: it answers permission-denied when
 * the update holds anything the server does not already have (empty step-2 replies are normal).
 */
export class DocRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  readonly readOnly: boolean;
  /** Updates applied in memory since the last commit: stored, then sent, by the next one. */
  private unsaved: { update: Uint8Array; origin: unknown }[] = [];
  private saving: { n: number; update: Uint8Array; origin: unknown } | null = null;
  private rows = 0;
  private compacting = false;
  private snapshot: Y.Snapshot | null = null;
  /** Counts doc updates: tells whether applying a client update changed anything. */
  private version = 0;
  /**
   * Sync step 2 answers by state vector, plus the updates applied since they were computed (appended to a
   * cached answer, so it stays exact). In a reconnect storm every up-to-date client sends the same state
   * vector: one `encodeStateAsUpdate` (O(document): it re-encodes the whole delete set) serves them all.
   */
  private step2Cache = new Map<string, Uint8Array[]>();
  private sinceCache: Uint8Array[] = [];
  private sinceMsgs: Uint8Array[] | null = null;
  /**
   * Hashes of big client updates known to change nothing (a synced client's step 2 carries its whole delete
   * set). Monotonic: once an update is contained in the doc it stays contained, so these never go stale.
   */
  private readonly knownNoop = new Set<string>();
  private awarenessDirty = new Set<number>();

  constructor(private readonly opts: DocRoomOptions) {
    this.readOnly = opts.kind === 'authority';
    this.awareness.setLocalState(null);
    const stored = opts.storage.loadDocUpdates(opts.teamId, opts.kind);
    this.rows = stored.length;
    if (stored.length) Y.applyUpdate(this.doc, Y.mergeUpdates(stored.map((r) => r.data)), ORIGIN.persistence);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on('update', (changes: Record<string, number[]>, origin: unknown) =>
      this.onAwareness(changes, origin),
    );
  }

  join(peer: Peer): void {
    this.peers.add(peer);
    peer.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length) peer.send(encodeAwareness(this.awareness, states));
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    if (peer.awarenessIds.size)
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
  }

  /** Reads one y-websocket frame from `peer`. Throws ProtocolError for anything it cannot read. */
  receive(peer: Peer, frame: Uint8Array): void {
    try {
      const d = decoding.createDecoder(frame);
      const type = decoding.readVarUint(d);
      if (type === MSG.sync) {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (sub === SYNC.step1) this.answerStep1(peer, payload);
        else if (sub === SYNC.step2 || sub === SYNC.update) {
          this.receiveUpdate(peer, payload);
        } else throw new ProtocolError(`unknown sync message ${sub}`);
      } else if (type === MSG.awareness) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), peer);
      } else if (type === MSG.queryAwareness) {
        peer.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
      } else throw new ProtocolError(`unknown message type ${type}`);
    } catch (err) {
      if (err instanceof ProtocolError) throw err;
      throw new ProtocolError(`malformed frame: ${(err as Error).message}`);
    }
  }

  private answerStep1(peer: Peer, sv: Uint8Array): void {
    if (this.unsaved.length) this.opts.onDirty(true);
    const key = Buffer.from(sv.buffer, sv.byteOffset, sv.byteLength).toString('latin1');
    let msgs = this.step2Cache.get(key);
    if (!msgs) {
      if (this.sinceCache.length || this.step2Cache.size >= STEP2_CACHE_ENTRIES) this.clearStep2Cache();
      msgs = syncMessages(SYNC.step2, Y.encodeStateAsUpdate(this.doc, sv));
      this.step2Cache.set(key, msgs);
      for (const m of msgs) peer.send(m);
      return;
    }
    for (const m of msgs) peer.send(m);
    if (this.sinceCache.length) {
      this.sinceMsgs ??= syncMessages(SYNC.update, Y.mergeUpdates(this.sinceCache));
      for (const m of this.sinceMsgs) peer.send(m);
    }
  }

  private clearStep2Cache(): void {
    this.step2Cache.clear();
    this.sinceCache = [];
    this.sinceMsgs = null;
  }

  private receiveUpdate(peer: Peer, update: Uint8Array): void {
    const key = update.byteLength >= NOOP_CACHE_MIN_BYTES ? hash(update) : null;
    if (key && this.knownNoop.has(key)) return;
    if (this.readOnly) {
      this.snapshot ??= Y.snapshot(this.doc);
      if (!Y.snapshotContainsUpdate(this.snapshot, update)) {
        peer.send(encodePermissionDenied('The authority document is written only by the server.'));
      } else if (key) this.rememberNoop(key);
      return;
    }
    const before = this.version;
    // A malformed update may throw after Yjs integrated part of it; that part is stored and sent all the
    // same (its own re-encoding is), so memory, disk and peers never disagree.
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (err) {
      throw new ProtocolError(`malformed update: ${(err as Error).message}`);
    }
    const { pendingStructs, pendingDs } = this.doc.store;
    if (key && this.version === before && !pendingStructs && !pendingDs) this.rememberNoop(key);
  }

  private rememberNoop(key: string): void {
    if (this.knownNoop.size >= NOOP_CACHE_ENTRIES) this.knownNoop.clear();
    this.knownNoop.add(key);
  }

  /** A server write (origin 'authority'): one doc transaction, stored and sent by the next commit. */
  write(fn: () => void): void {
    this.doc.transact(fn, ORIGIN.authority);
  }

  get dirty(): boolean {
    return this.unsaved.length > 0;
  }

  /**
   * Appends the unsaved updates to storage as one row (merged once, and the same bytes are sent after
   * the commit); the caller holds the transaction and calls `committed` once it succeeded.
   */
  saveUnsaved(): void {
    this.saving = null; // what a failed commit left behind is saved again, with anything newer
    if (!this.unsaved.length) return;
    const { storage, teamId, kind } = this.opts;
    const n = this.unsaved.length;
    const update = n === 1 ? this.unsaved[0].update : Y.mergeUpdates(this.unsaved.map((u) => u.update));
    const origin = this.unsaved.every((u) => u.origin === this.unsaved[0].origin)
      ? this.unsaved[0].origin
      : null;
    storage.appendDocUpdate(teamId, kind, update);
    this.saving = { n, update, origin };
  }

  /** The transaction holding `saveUnsaved`'s row committed: sends it (a failed commit keeps the updates). */
  committed(): void {
    const saved = this.saving;
    this.saving = null;
    if (!saved) return;
    this.unsaved = this.unsaved.slice(saved.n);
    if (++this.rows > this.opts.compactAfter && !this.compacting) this.compact();
    // One message per peer; a peer gets back its own updates only inside a message that also carries
    // others' (Yjs ignores what it already has): leaving them out would cost one merge per peer.
    const msgs = syncMessages(SYNC.update, saved.update);
    for (const p of this.peers) if (p !== saved.origin) for (const m of msgs) p.send(m);
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    this.version++;
    this.snapshot = null;
    if (this.step2Cache.size) {
      this.sinceCache.push(update);
      this.sinceMsgs = null;
      if (this.sinceCache.length > STEP2_CACHE_MAX_SINCE) this.clearStep2Cache();
    }
    if (origin === ORIGIN.persistence) return;
    this.unsaved.push({ update, origin });
    this.opts.onDirty(false);
  }

  /**
   * Awareness changes are relayed once per event-loop turn, all changed clients in one message: when 500
   * clients reconnect at once that is O(clients) messages per turn instead of O(clients²).
   */
  private onAwareness(changes: Record<string, number[]>, origin: unknown): void {
    if (origin && typeof origin === 'object' && 'awarenessIds' in origin) {
      const ids = (origin as Peer).awarenessIds;
      for (const id of [...changes.added, ...changes.updated]) ids.add(id);
      for (const id of changes.removed) ids.delete(id);
    }
    const first = this.awarenessDirty.size === 0;
    for (const id of [...changes.added, ...changes.updated, ...changes.removed]) this.awarenessDirty.add(id);
    if (first && this.awarenessDirty.size) setImmediate(() => this.flushAwareness());
  }

  private flushAwareness(): void {
    const changed = [...this.awarenessDirty];
    this.awarenessDirty = new Set();
    if (!changed.length || !this.peers.size) return;
    const msg = encodeAwareness(this.awareness, changed);
    for (const p of this.peers) p.send(msg);
  }

  /** Merges stored rows in the storage's background worker: never on the path of an update. */
  private compact(): void {
    const { storage, teamId, kind, log } = this.opts;
    this.compacting = true;
    const seen = this.rows;
    storage.compactDocUpdates(teamId, kind).then(
      (remaining) => {
        this.rows = remaining + (this.rows - seen);
        this.compacting = false;
      },
      (err) => {
        log('compaction failed', { teamId, error: String(err) });
        // Retried after another compactAfter rows, not on every update.
        this.rows = 0;
        this.compacting = false;
      },
    );
  }

  destroy(): void {
    this.clearStep2Cache();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
