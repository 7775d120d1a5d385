import { WebSocket } from 'ws';

/** A bare WebSocket to a room, for sending frames no well-behaved client would. */
export function rawSocket(wsUrl: string, room: string, token: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}/${room}?token=${token}`);
    const sock: RawSocket = { ws, closed: null, received: 0 };
    ws.on('message', () => sock.received++);
    ws.on('close', (code, reason) => {
      sock.closed = { code, reason: reason.toString() };
    });
    ws.on('error', () => {});
    ws.once('open', () => resolve(sock));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

export type RawSocket = { ws: WebSocket; closed: { code: number; reason: string } | null; received: number };
