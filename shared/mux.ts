import { AUTHORITY_ROOM, WORK_ROOM } from './sync-docs.ts';

/**
 * One WebSocket for both of a team's rooms (`/sync/<teamId>`, what the extension uses): every frame starts
 * with two bytes, the operation and the room, and a data frame then carries one ordinary y-websocket
 * message. The per-room URLs (`/sync/<teamId>/<room>`) stay for the stock y-websocket provider.
 *
 *   open  [0, room]             client → server: join the room (the server answers with sync step 1)
 *   data  [1, room, …message]   both ways
 *   close [2, room]             client → server: leave the room
 * Rooms are indexes into MUX_ROOMS. Rights and close codes are the socket's: every member may read both
 * rooms, the authority room stays read-only, and the server closes the whole socket (PROTOCOL.md codes).
 */
export const MUX_ROOMS = [WORK_ROOM, AUTHORITY_ROOM] as const;
export type MuxRoom = (typeof MUX_ROOMS)[number];
export const MUX_OP = { open: 0, data: 1, close: 2 } as const;
export type MuxOp = (typeof MUX_OP)[keyof typeof MUX_OP];

export type MuxFrame =
  | { op: typeof MUX_OP.open; room: number }
  | { op: typeof MUX_OP.data; room: number; message: Uint8Array }
  | { op: typeof MUX_OP.close; room: number };

export function muxData(room: number, message: Uint8Array): Uint8Array {
  const out = new Uint8Array(message.byteLength + 2);
  out[0] = MUX_OP.data;
  out[1] = room;
  out.set(message, 2);
  return out;
}

export function muxOpen(room: number): Uint8Array {
  return Uint8Array.of(MUX_OP.open, room);
}

export function muxClose(room: number): Uint8Array {
  return Uint8Array.of(MUX_OP.close, room);
}

/** Reads a frame's header; null when it is not a mux frame of a known room. */
export function readMux(frame: Uint8Array): MuxFrame | null {
  if (frame.byteLength < 2 || frame[1] >= MUX_ROOMS.length) return null;
  const room = frame[1];
  if (frame[0] === MUX_OP.open && frame.byteLength === 2) return { op: MUX_OP.open, room };
  if (frame[0] === MUX_OP.data && frame.byteLength > 2)
    return { op: MUX_OP.data, room, message: frame.subarray(2) };
  if (frame[0] === MUX_OP.close && frame.byteLength === 2) return { op: MUX_OP.close, room };
  return null;
}
