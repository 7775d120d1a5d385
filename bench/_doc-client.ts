/**
 * A full client in the bench process: raw `ws` + a real Y.Doc per room, applying everything it receives.
 * Used where a figure needs the decoded document (the reference state of (c), the observer of (d)).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

export function syncFrame(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export class DocClient {
  readonly doc = new Y.Doc();
  readonly ws: WebSocket;
  synced = false;
  syncedAt = 0;
  bytes = 0;
  private readonly opened: Promise<void>;

  constructor(url: string) {
    const start = performance.now();
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.ws.on('open', () => this.ws.send(syncFrame(0, Y.encodeStateVector(this.doc))));
    this.ws.on('message', (data: Buffer) => {
      this.bytes += data.byteLength;
      const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(d) !== 0) return;
      const sub = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (sub === 0) this.ws.send(syncFrame(1, Y.encodeStateAsUpdate(this.doc, payload)));
      else {
        Y.applyUpdate(this.doc, payload, 'server');
        if (sub === 1 && !this.synced) {
          this.synced = true;
          this.syncedAt = performance.now() - start;
        }
      }
    });
  }

  open(): Promise<void> {
    return this.opened;
  }

  close(): void {
    this.ws.close();
    this.doc.destroy();
  }
}
