import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/** The y-websocket message types (first varuint of every frame). See PROTOCOL.md. */
export const MSG = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SYNC = {
  step1: syncProtocol.messageYjsSyncStep1,
  step2: syncProtocol.messageYjsSyncStep2,
  update: syncProtocol.messageYjsUpdate,
} as const;

/** A frame the server cannot read: the connection is closed with 4400. */
export class ProtocolError extends Error {}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.sync);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

export function encodeSyncMessage(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.sync);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.awareness);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(e);
}

export function encodePermissionDenied(reason: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.auth);
  authProtocol.writePermissionDenied(e, reason);
  return encoding.toUint8Array(e);
}
