import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error that becomes a JSON response `{ error, message, ...extra }` with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A Chrome extension's origin: `chrome-extension://` + its 32-letter id (letters a–p). */
const EXTENSION_ORIGIN = /^chrome-extension:\/\/[a-p]{32}$/;

/**
 * CORS for `/api/v1/*`: the origin is echoed (with `Vary: Origin`) when it is a Chrome extension's, or one of
 * `extraOrigins` (CORS_ORIGINS, e.g. a web form's site); any other origin gets no CORS headers, so browsers
 * keep its pages from reading the answers. Authentication is the bearer token, never a cookie, so no
 * credentials mode. With this the extension needs no host permission for the server.
 * Returns null when the request carries no Origin (same-origin, curl, servers): nothing to add.
 */
export function corsHeaders(
  origin: string | undefined,
  extraOrigins: readonly string[],
): Record<string, string> | null {
  if (!origin) return null;
  if (!EXTENSION_ORIGIN.test(origin) && !extraOrigins.includes(origin)) return null;
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/**
 * Answers a CORS preflight (OPTIONS) for an allowed origin: 204 with the methods and headers the API takes.
 * Chrome's Private Network Access preflight (a public page calling a server on localhost or the LAN) is
 * allowed too, for the same origins.
 */
export function sendPreflight(res: ServerResponse, allowPrivateNetwork: boolean): void {
  res.writeHead(204, {
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-max-age': '600',
    ...(allowPrivateNetwork ? { 'access-control-allow-private-network': 'true' } : {}),
  });
  res.end();
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, { error: err.code, message: err.message, ...err.extra });
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'cache-control': 'no-store',
  });
  res.end(html);
}

/** Reads a JSON body of at most `limit` bytes; 413 beyond it, 400 when it does not parse. */
export function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      req.resume();
      return reject(new HttpError(413, 'BODY_TOO_LARGE', `The body is larger than ${limit} bytes.`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new HttpError(413, 'BODY_TOO_LARGE', `The body is larger than ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (err) => {
      if (!failed) reject(new HttpError(400, 'BAD_REQUEST', `The body could not be read: ${err.message}`));
      failed = true;
    });
    req.on('end', () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return reject(new HttpError(400, 'INVALID_JSON', 'The body is empty; send JSON.'));
      try {
        resolve(JSON.parse(text));
      } catch (err) {
        reject(new HttpError(400, 'INVALID_JSON', `The body is not valid JSON: ${(err as Error).message}`));
      }
    });
  });
}
