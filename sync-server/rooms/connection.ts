import type { WebSocket } from 'ws';
import { MUX_OP, muxData, readMux } from '../../shared/mux.ts';
import { CLOSE } from '../close-codes.ts';
import type { Principal } from '../storage/storage.ts';
import type { DocRoom, Peer } from './doc-room.ts';
import { ProtocolError } from './protocol.ts';
import { TokenBucket } from './rate-limit.ts';

type Log = (msg: string, extra?: Record<string, unknown>) => void;

/** One room as seen through one connection: the Peer the room sends to, and the origin of its writes. */
class Channel implements Peer {
  readonly awarenessIds = new Set<number>();
  constructor(
    readonly userId: string,
    readonly room: DocRoom,
    readonly send: (msg: Uint8Array) => void,
  ) {}
}

/**
 * The rooms a connection reaches: one (`/sync/<team>/<room>`, the stock y-websocket provider) or, for a
 * multiplexed connection (`/sync/<team>`, the extension), each room it opens (shared/mux.ts).
 */
export type Rooms = { single: DocRoom } | { mux: readonly DocRoom[] };

/**
 * One authenticated WebSocket. Every failure is local to it: a bad frame closes this socket with a named
 * code and leaves the rooms and every other peer untouched. A flood is throttled, not closed: over the rate
 * limit the server stops reading the socket until the token bucket refills, so TCP backpressure slows the
 * sender down and nothing it sent is lost. (Closing with a 44xx code would stop y-websocket's reconnects
 * for good; the extension would silently stay offline.)
 */
export class Connection {
  readonly userId: string;
  private readonly bucket: TokenBucket;
  /** Open rooms by mux index (a single-room connection uses index 0). */
  private readonly channels = new Map<number, Channel>();
  /** A framed copy per message and room: a commit's one message goes to every mux peer of a room. */
  private static readonly framed = [
    new WeakMap<Uint8Array, Uint8Array>(),
    new WeakMap<Uint8Array, Uint8Array>(),
  ];
  private closed = false;
  private throttled: NodeJS.Timeout | null = null;
  private backlog: { data: Buffer; isBinary: boolean }[] = [];
  private loggedThrottle = -Infinity;

  constructor(
    private readonly ws: WebSocket,
    readonly principal: Principal,
    private readonly rooms: Rooms,
    rate: { burst: number; perSecond: number },
    private readonly log: Log,
  ) {
    this.userId = principal.user.id;
    this.bucket = new TokenBucket(rate.burst, rate.perSecond);
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    ws.on('close', () => this.onClosed());
    ws.on('error', (err) => this.log('websocket error', { user: this.userId, error: err.message }));
    if ('single' in rooms) this.open(0, rooms.single, (msg) => this.send(msg));
  }

  private open(index: number, room: DocRoom, send: (msg: Uint8Array) => void): void {
    const channel = new Channel(this.userId, room, send);
    this.channels.set(index, channel);
    room.join(channel);
  }

  /** A message for room `index` of a multiplexed connection. */
  private sendMux(index: number, msg: Uint8Array): void {
    const cache = Connection.framed[index];
    let framed = cache.get(msg);
    if (!framed) {
      framed = muxData(index, msg);
      cache.set(msg, framed);
    }
    this.send(framed);
  }

  private send(msg: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(msg, (err) => {
      if (err) this.close(CLOSE.GOING_AWAY, 'send failed');
    });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.onClosed();
    this.ws.resume(); // a throttled socket must read the client's close frame
    this.ws.close(code, reason);
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (this.backlog.length || !this.bucket.take()) {
      // Frames already read when the socket was paused wait here: at most one read's worth.
      this.backlog.push({ data, isBinary });
      this.throttle();
      return;
    }
    this.handle(data, isBinary);
  }

  private handle(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary) {
      this.close(CLOSE.MALFORMED, 'text frames are not part of the protocol');
      return;
    }
    try {
      const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if ('single' in this.rooms) this.channels.get(0)?.room.receive(this.channels.get(0)!, frame);
      else this.receiveMux(frame, this.rooms.mux);
    } catch (err) {
      const reason = err instanceof ProtocolError ? err.message : 'internal error';
      this.log('closing connection after a bad frame', { user: this.userId, reason: (err as Error).message });
      // Close reasons are limited to 123 bytes.
      this.close(CLOSE.MALFORMED, reason.slice(0, 120));
    }
  }

  private receiveMux(frame: Uint8Array, rooms: readonly DocRoom[]): void {
    const m = readMux(frame);
    if (!m) throw new ProtocolError('not a multiplexed frame (see PROTOCOL.md)');
    const channel = this.channels.get(m.room);
    if (m.op === MUX_OP.open) {
      if (channel) throw new ProtocolError(`room ${m.room} is already open`);
      this.open(m.room, rooms[m.room], (msg) => this.sendMux(m.room, msg));
    } else if (m.op === MUX_OP.close) {
      this.channels.delete(m.room);
      if (channel) channel.room.leave(channel);
    } else if (channel) channel.room.receive(channel, m.message);
    // else: a message sent before the client's own close of that room; the room was left, nothing to do.
  }

  /** Stops reading this socket until the bucket allows a message again. */
  private throttle(): void {
    if (this.throttled) return;
    const now = performance.now();
    if (now - this.loggedThrottle > 60_000) {
      this.loggedThrottle = now;
      this.log('rate limited: throttling', { user: this.userId });
    }
    this.ws.pause();
    this.throttled = setTimeout(
      () => {
        this.throttled = null;
        while (!this.closed && this.backlog.length && this.bucket.take()) {
          const { data, isBinary } = this.backlog.shift()!;
          this.handle(data, isBinary);
        }
        if (this.closed) return;
        if (this.backlog.length) this.throttle();
        else this.ws.resume();
      },
      Math.max(1, this.bucket.waitMs()),
    );
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.throttled) clearTimeout(this.throttled);
    this.throttled = null;
    this.backlog = [];
    for (const c of this.channels.values()) c.room.leave(c);
    this.channels.clear();
  }
}
