import { MUX_OP, MUX_ROOMS, muxClose, muxData, muxOpen, readMux } from '../../shared/mux.ts';

type Handler<E> = ((event: E) => void) | null;
type CloseLike = { code: number; reason: string; wasClean: boolean };

/**
 * One WebSocket for both documents. The sync client keeps a y-websocket provider per document (work and
 * authority: separate rooms with separate rights on the server), and gives both this class as their
 * `WebSocketPolyfill`. Each provider's "socket" is a room on one shared connection to `/sync/<teamId>`
 * (framing: shared/mux.ts); the real socket opens with the first room and closes with the last, and its
 * open, error and close reach both rooms, so the providers' reconnect logic works unchanged.
 */
export function createSocketMux(Base: typeof WebSocket): typeof WebSocket {
  let real: WebSocket | null = null;
  const rooms = new Map<number, RoomSocket>();

  function connect(url: string): WebSocket {
    const ws = new Base(url);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      for (const r of rooms.values()) r.opened();
    };
    ws.onmessage = (event: MessageEvent) => {
      const frame = readMux(new Uint8Array(event.data as ArrayBuffer));
      if (frame?.op === MUX_OP.data)
        rooms.get(frame.room)?.onmessage?.({ data: frame.message } as MessageEvent);
    };
    ws.onerror = (event: Event) => {
      if (real !== ws) return;
      for (const r of rooms.values()) r.onerror?.(event);
    };
    ws.onclose = (event: CloseEvent) => {
      if (real !== ws) return;
      real = null;
      const closing = [...rooms.values()];
      rooms.clear();
      for (const r of closing) r.closed({ code: event.code, reason: event.reason, wasClean: event.wasClean });
    };
    return ws;
  }

  class RoomSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSING = 2;
    readonly CLOSED = 3;
    readyState = 0;
    binaryType = 'arraybuffer';
    onopen: Handler<Event> = null;
    onmessage: Handler<MessageEvent> = null;
    onerror: Handler<Event> = null;
    onclose: Handler<CloseLike> = null;
    private readonly room: number;

    /** `url` is what y-websocket builds: `<server>/sync/<teamId>/<room>?token=…`. */
    constructor(readonly url: string) {
      const u = new URL(url);
      const parts = u.pathname.split('/');
      this.room = MUX_ROOMS.indexOf(parts.pop() as (typeof MUX_ROOMS)[number]);
      if (this.room < 0) throw new Error(`not a room URL: ${u.pathname}`);
      u.pathname = parts.join('/');
      rooms.get(this.room)?.closed({ code: 1000, reason: 'replaced', wasClean: true });
      rooms.set(this.room, this);
      if (!real || real.readyState >= Base.CLOSING) real = connect(u.toString());
      else if (real.readyState === Base.OPEN) queueMicrotask(() => this.opened());
    }

    /** The real socket is open: joins the room on it. */
    opened(): void {
      if (this.readyState !== this.CONNECTING || rooms.get(this.room) !== this) return;
      real?.send(muxOpen(this.room));
      this.readyState = this.OPEN;
      this.onopen?.(new Event('open'));
    }

    /** The real socket closed (or this room was replaced): this room is closed with its code. */
    closed(event: CloseLike): void {
      if (this.readyState === this.CLOSED) return;
      this.readyState = this.CLOSED;
      if (rooms.get(this.room) === this) rooms.delete(this.room);
      this.onclose?.(event);
    }

    send(data: ArrayBufferLike | ArrayBufferView): void {
      if (this.readyState !== this.OPEN || real?.readyState !== Base.OPEN) return;
      const bytes = ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : new Uint8Array(data);
      real.send(muxData(this.room, bytes));
    }

    /** Leaves the room; the last room to leave closes the real socket. onclose follows, as on a socket. */
    close(): void {
      if (this.readyState === this.CLOSED) return;
      const wasOpen = this.readyState === this.OPEN;
      this.readyState = this.CLOSING;
      if (rooms.get(this.room) === this) rooms.delete(this.room);
      if (real?.readyState === Base.OPEN && wasOpen) real.send(muxClose(this.room));
      if (!rooms.size && real) {
        const ws = real;
        real = null;
        ws.close(1000);
      }
      setTimeout(() => this.closed({ code: 1000, reason: '', wasClean: true }), 0);
    }
  }
  return RoomSocket as unknown as typeof WebSocket;
}
