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
};

/**
 * One Yjs document shared by the connections of one team: persistence of every update, fan-out, awareness.
 * An update is appended to storage inside the writer's transaction and broadcast in a microtask, i.e.
 * after that transaction committed: no client ever sees a change the server could lose.
 * A read-only room (the authority doc) never applies a client update: it answers permission-denied when
 * the update holds anything the server does not already have (empty step-2 replies are normal).
 */
export class DocRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  readonly readOnly: boolean;
  private outbox: { msg: Uint8Array; origin: unknown }[] = [];
  private rows = 0;
  private compacting = false;
  private snapshot: Y.Snapshot | null = null;

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
        if (sub === SYNC.step1) {
          peer.send(encodeSyncMessage(SYNC.step2, Y.encodeStateAsUpdate(this.doc, payload)));
        } else if (sub === SYNC.step2 || sub === SYNC.update) {
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

  private receiveUpdate(peer: Peer, update: Uint8Array): void {
    if (this.readOnly) {
      this.snapshot ??= Y.snapshot(this.doc);
      if (!Y.snapshotContainsUpdate(this.snapshot, update)) {
        peer.send(encodePermissionDenied('The authority document is written only by the server.'));
      }
      return;
    }
    // One transaction: the update row and whatever the observers record (received commands) commit together.
    // A malformed update may throw after Yjs integrated part of it; that part is committed all the same
    // (its own re-encoding is what gets stored and broadcast), so memory, disk and peers never disagree.
    let failure: unknown = null;
    this.opts.storage.transaction(() => {
      try {
        Y.applyUpdate(this.doc, update, peer);
      } catch (err) {
        failure = err;
      }
    });
    if (failure) throw new ProtocolError(`malformed update: ${(failure as Error).message}`);
  }

  /** Runs a server write (origin 'authority') in one storage transaction. */
  write(fn: () => void): void {
    this.opts.storage.transaction(() => this.doc.transact(fn, ORIGIN.authority));
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    this.snapshot = null;
    if (origin === ORIGIN.persistence) return;
    this.opts.storage.appendDocUpdate(this.opts.teamId, this.opts.kind, update);
    if (++this.rows > this.opts.compactAfter && !this.compacting) {
      this.compacting = true;
      setImmediate(() => this.compact());
    }
    this.outbox.push({ msg: encodeSyncMessage(SYNC.update, update), origin });
    if (this.outbox.length === 1) queueMicrotask(() => this.flush());
  }

  private flush(): void {
    const out = this.outbox;
    this.outbox = [];
    for (const { msg, origin } of out) for (const p of this.peers) if (p !== origin) p.send(msg);
  }

  private onAwareness(changes: Record<string, number[]>, origin: unknown): void {
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (origin && typeof origin === 'object' && 'awarenessIds' in origin) {
      const ids = (origin as Peer).awarenessIds;
      for (const id of [...changes.added, ...changes.updated]) ids.add(id);
      for (const id of changes.removed) ids.delete(id);
    }
    const msg = encodeAwareness(this.awareness, changed);
    for (const p of this.peers) p.send(msg);
  }

  /**
   * Merges stored rows with Y.mergeUpdates (which keeps pending structs that a state encoding would drop).
   * Usually only the small rows after the first (the base) are merged, so a pass costs O(recent) rather
   * than O(document); the base is folded in once the recent rows outweigh it (amortized O(size)).
   */
  private compact(): void {
    try {
      const { storage, teamId, kind } = this.opts;
      const rows = storage.loadDocUpdates(teamId, kind);
      const tailBytes = rows.slice(1).reduce((n, r) => n + r.data.byteLength, 0);
      const from = rows.length > 2 && tailBytes < (rows[0]?.data.byteLength ?? 0) ? 1 : 0;
      if (rows.length - from > 1) {
        const merged = Y.mergeUpdates(rows.slice(from).map((r) => r.data));
        const range = { fromSeq: rows[from].seq, toSeq: rows[rows.length - 1].seq };
        storage.replaceDocUpdates(teamId, kind, range, merged);
      }
      this.rows = from + 1;
    } catch (err) {
      this.opts.log('compaction failed', { teamId: this.opts.teamId, error: String(err) });
    } finally {
      this.compacting = false;
    }
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
