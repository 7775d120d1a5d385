/**
 * WebSocket close codes the server sends (documented in PROTOCOL.md). The 4400–4499 range mirrors HTTP 4xx:
 * y-websocket's client treats it as final and stops reconnecting, which is right for every one of these
 * (a client that sent garbage would only repeat it). A flood is not closed but throttled (connection.ts):
 * a close would stop the client for good, and a burst of offline edits is normal. Auth failures before the upgrade are plain
 * HTTP 401/403 responses; these codes are for connections that were already open.
 */
export const CLOSE = {
  /** A frame that does not decode as a y-websocket message, or an unknown message type. */
  MALFORMED: 4400,
  /** The token was revoked or its user deactivated while connected. */
  UNAUTHORIZED: 4401,
  /** The user no longer belongs to this room's team. */
  FORBIDDEN: 4403,
  /** The server is shutting down (standard "going away"); clients reconnect. */
  GOING_AWAY: 1001,
  /** A frame over MAX_FRAME_BYTES: closed by `ws` itself with the standard "message too big". */
  TOO_BIG: 1009,
} as const;
