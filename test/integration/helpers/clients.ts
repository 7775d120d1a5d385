import { randomUUID } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createSocketMux } from '../../../extension/sync/socket-mux.ts';
import type { Lead } from '../../../shared/lead.ts';
import { AUTHORITY, readLead, roomName, type Verdict, WORK } from '../../../shared/sync-docs.ts';
import type { SyncServer } from '../../../sync-server/server.ts';
import { eventually } from './retry.ts';

/**
 * One user's two docs, connected with stock y-websocket providers (no BroadcastChannel): a socket per room,
 * or with `mux` one socket for both, as the extension connects (extension/sync/socket-mux.ts).
 */
export class TestClient {
  readonly work = new Y.Doc();
  readonly authority = new Y.Doc();
  readonly workProvider: WebsocketProvider;
  readonly authorityProvider: WebsocketProvider;
  readonly denied: string[] = [];

  constructor(server: Pick<SyncServer, 'wsUrl'>, teamId: string, token: string, connect = true, mux = false) {
    const base = WebSocket as unknown as typeof globalThis.WebSocket;
    const opts = {
      params: { token },
      WebSocketPolyfill: mux ? createSocketMux(base) : base,
      disableBc: true,
      connect,
    };
    this.workProvider = new WebsocketProvider(server.wsUrl, roomName(teamId, 'work'), this.work, opts);
    this.authorityProvider = new WebsocketProvider(
      server.wsUrl,
      roomName(teamId, 'authority'),
      this.authority,
      opts,
    );
    // y-websocket only console.warns permission-denied; record it so tests can see the client was told.
    for (const p of [this.workProvider, this.authorityProvider]) {
      p.messageHandlers[2] = (_enc, dec) => {
        if (decoding.readVarUint(dec) === 0) this.denied.push(decoding.readVarString(dec));
      };
    }
  }

  get commands(): Y.Map<unknown> {
    return this.work.getMap(WORK.commands);
  }
  /** The authority doc's leads, read as a client reads them (readLead); `map` is the raw Y.Map. */
  get leads() {
    const map = this.authority.getMap(AUTHORITY.leads);
    return {
      map,
      get size() {
        return map.size;
      },
      has: (id: string) => map.has(id),
      get: (id: string): Lead | undefined => readLead(map.get(id)),
      toJSON: (): Record<string, Lead | undefined> =>
        Object.fromEntries([...map.entries()].map(([id, v]) => [id, readLead(v)])),
    };
  }
  get verdicts(): Y.Map<Verdict> {
    return this.authority.getMap(AUTHORITY.verdicts) as Y.Map<Verdict>;
  }

  async synced(): Promise<void> {
    await eventually(() => this.workProvider.synced && this.authorityProvider.synced);
  }

  /** Writes a command into the work doc (as the extension does); returns its id. */
  send(cmd: Record<string, unknown>): string {
    const id = (cmd.id as string | undefined) ?? randomUUID();
    this.commands.set(id, { ...cmd, id });
    return id;
  }

  async verdict(id: string, timeout = 5000): Promise<Verdict> {
    return eventually(() => this.verdicts.get(id), { timeout });
  }

  connect(): void {
    this.workProvider.connect();
    this.authorityProvider.connect();
  }
  disconnect(): void {
    this.workProvider.disconnect();
    this.authorityProvider.disconnect();
  }
  destroy(): void {
    this.workProvider.destroy();
    this.authorityProvider.destroy();
  }
}
