import type { WebSocket } from 'ws';
import { CLOSE } from '../close-codes.ts';
import type { Principal } from '../storage/storage.ts';
import type { DocRoom, Peer } from './doc-room.ts';
import { ProtocolError } from './protocol.ts';
import { TokenBucket } from './rate-limit.ts';

type Log = (msg: string, extra?: Record<string, unknown>) => void;

/**
 * One authenticated WebSocket in one room. Every failure is local to it: a bad frame or a flood closes
 * this socket with a named code and leaves the room and every other peer untouched.
 */
export class Connection implements Peer {
  readonly awarenessIds = new Set<number>();
  readonly userId: string;
  private readonly bucket: TokenBucket;
  private closed = false;

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
    this.ws.close(code, reason);
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.bucket.take()) {
      this.log('rate limited', { user: this.userId });
      this.close(CLOSE.RATE_LIMITED, 'rate limit exceeded');
      return;
    }
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

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.room.leave(this);
  }
}
