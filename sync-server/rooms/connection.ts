import type { WebSocket } from 'ws';
import { CLOSE } from '../close-codes.ts';
import type { Principal } from '../storage/storage.ts';
import type { DocRoom, Peer } from './doc-room.ts';
import { ProtocolError } from './protocol.ts';
import { TokenBucket } from './rate-limit.ts';

type Log = (msg: string, extra?: Record<string, unknown>) => void;

/**
 * One authenticated WebSocket in one room. Every failure is local to it: a bad frame closes this socket
 * with a named code and leaves the room and every other peer untouched. A flood is throttled, not closed:
 * over the rate limit the server stops reading the socket until the token bucket refills, so TCP
 * backpressure slows the sender down and nothing it sent is lost. (Closing with a 44xx code would stop
 * y-websocket's reconnects for good; the extension would silently stay offline.)
 */
export class Connection implements Peer {
  readonly awarenessIds = new Set<number>();
  readonly userId: string;
  private readonly bucket: TokenBucket;
  private closed = false;
  private throttled: NodeJS.Timeout | null = null;
  private backlog: { data: Buffer; isBinary: boolean }[] = [];
  private loggedThrottle = -Infinity;

  constructor(
    private readonly ws: WebSocket,
    readonly principal: Principal,
    readonly room: DocRoom,
    rate: { burst: number; perSecond: number },
    private readonly log: Log,
  ) {
    this.userId = principal.user.id;
    this.bucket = new TokenBucket(rate.burst, rate.perSecond);
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    ws.on('close', () => this.onClosed());
    ws.on('error', (err) => this.log('websocket error', { user: this.userId, error: err.message }));
    room.join(this);
  }

  send(msg: Uint8Array): void {
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
      this.room.receive(this, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (err) {
      const reason = err instanceof ProtocolError ? err.message : 'internal error';
      this.log('closing connection after a bad frame', { user: this.userId, reason: (err as Error).message });
      // Close reasons are limited to 123 bytes.
      this.close(CLOSE.MALFORMED, reason.slice(0, 120));
    }
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
    this.room.leave(this);
  }
}
