/**
 * The baseline for bench/server-relay.ts: the reference y-websocket server (@y/websocket-server 0.1.1,
 * `setupWSConnection`), no rules, no persistence, on the same `ws` and yjs as Leadline. Rooms are the path
 * after `/sync/` (so clients use the same URLs as against Leadline); the token parameter is ignored.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const server = http.createServer((_req, res) => {
  res.writeHead(404);
  res.end();
});
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 10 * 1024 * 1024 });
server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const docName = url.pathname.replace(/^\/sync\//, '');
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  console.log(JSON.stringify({ msg: 'relay listening', port: (server.address() as AddressInfo).port }));
});
for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => process.exit(0));
