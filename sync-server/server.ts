import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MUX_ROOMS } from '../shared/mux.ts';
import { WORK_ROOM } from '../shared/sync-docs.ts';
import { authenticate } from './auth/tokens.ts';
import { Authority } from './authority/authority.ts';
import { type Clock, systemClock, TestClock } from './clock.ts';
import { CLOSE } from './close-codes.ts';
import { type Config, resolveConfig } from './config.ts';
import { createApi } from './http/api.ts';
import { Connection } from './rooms/connection.ts';
import { openSqliteStorage } from './storage/sqlite.ts';
import type { Storage } from './storage/storage.ts';

export type SyncServer = {
  port: number;
  /** e.g. http://127.0.0.1:1234 */
  httpUrl: string;
  /** The y-websocket server URL: `new WebsocketProvider(wsUrl, roomName(teamId, 'work'), doc, …)`. */
  wsUrl: string;
  config: Config;
  storage: Storage;
  authority: Authority;
  clock: Clock;
  /** Re-reads teams, users, tokens and settings now (the server also polls for admin-CLI changes). */
  reload(): void;
  connections(): number;
  close(): Promise<void>;
};

/** `/sync/<team>/<room>` (one room: the stock y-websocket provider) or `/sync/<team>` (both, multiplexed). */
const ROOM_PATH = /^\/sync\/([A-Za-z0-9_-]{1,64})(?:\/(work|authority))?$/;

/** Refuses an upgrade with a plain HTTP response: nothing about the room or team is revealed. */
function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: code, message });
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Starts the sync server: one HTTP server for the API and the WebSocket upgrades. */
export async function startSyncServer(partial: Partial<Config> = {}): Promise<SyncServer> {
  const config = resolveConfig(partial);
  const { log } = config;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const storage = openSqliteStorage(config.dataDir, {
    synchronous: config.sqliteSync,
    backgroundCheckpoints: true,
  });
  const testClock = config.testClock ? (config.clock ?? new TestClock()) : null;
  const clock = config.clock ?? testClock ?? systemClock;
  const authority = new Authority(storage, clock, {
    compactAfter: config.compactAfter,
    commitWindowMs: config.commitWindowMs,
    log,
  });
  authority.refresh();

  const connections = new Set<Connection>();
  const api = createApi({
    storage,
    authority,
    clock,
    testClock: testClock instanceof TestClock ? testClock : null,
    maxBodyBytes: config.maxHttpBodyBytes,
    corsOrigins: config.corsOrigins,
    log,
  });
  const server = http.createServer(api);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxFrameBytes,
    perMessageDeflate: false,
  });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Authentication first, so an unauthenticated caller learns nothing (not even whether the path exists).
    const p = authenticate(storage, url.searchParams.get('token'));
    if (!p) return refuse(socket, 401, 'UNAUTHORIZED', 'A valid token is required.');
    const m = url.pathname.match(ROOM_PATH);
    if (!m)
      return refuse(socket, 404, 'NOT_FOUND', 'Rooms are /sync/<teamId>/<work|authority> or /sync/<teamId>.');
    if (m[1] !== p.team.id)
      return refuse(socket, 403, 'FORBIDDEN', 'This token does not give access to that room.');
    const team = authority.teams.get(p.team.id);
    if (!team) return refuse(socket, 503, 'UNAVAILABLE', 'The team is loading; retry in a second.');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const byName = (r: string) => (r === WORK_ROOM ? team.work : team.authority);
      const rooms = m[2] ? { single: byName(m[2]) } : { mux: MUX_ROOMS.map(byName) };
      const conn = new Connection(ws, p, rooms, config.rateLimit, log);
      connections.add(conn);
      ws.on('close', () => connections.delete(conn));
    });
  });

  /** Drops connections whose token was revoked or whose user was deactivated or moved. */
  function recheckConnections(): void {
    for (const conn of connections) {
      const now = storage.findToken(conn.principal.tokenHash);
      if (!now) conn.close(CLOSE.UNAUTHORIZED, 'token revoked');
      else if (now.team.id !== conn.principal.team.id) conn.close(CLOSE.FORBIDDEN, 'team changed');
    }
  }
  function reload(): void {
    authority.refresh();
    recheckConnections();
  }

  // Teams, users or tokens changed (the admin CLI, from another process): a trigger-maintained counter.
  let version = storage.adminVersion();
  const poll = setInterval(() => {
    try {
      const v = storage.adminVersion();
      if (v !== version) {
        version = v;
        reload();
      }
    } catch (err) {
      log('reload failed', { error: String(err) });
    }
  }, config.reloadPollMs);
  poll.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  log('sync server listening', { port, dataDir: config.dataDir, testClock: !!testClock });

  let closing: Promise<void> | null = null;
  return {
    port,
    httpUrl: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}/sync`,
    config,
    storage,
    authority,
    clock,
    reload,
    connections: () => connections.size,
    close() {
      closing ??= (async () => {
        clearInterval(poll);
        for (const c of connections) c.close(CLOSE.GOING_AWAY, 'server shutting down');
        wss.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        authority.close();
        storage.close();
      })();
      return closing;
    },
  };
}
