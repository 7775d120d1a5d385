import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * The demo's stand-ins for Gmail and a web dialer, served over HTTPS under the real host names.
 *
 * Why real host names: the extension's content scripts match only the real hosts (`https://mail.google.com/*`,
 * `https://phone.aircall.io/*`, …) and its adapters check the hostname, so the demo exercises exactly the code a
 * rep runs, with no demo-only match pattern in the shipped manifest. The demo browser (`demo-browser.sh`, see
 * `browser-script.ts`) maps those two names to this server with `--host-resolver-rules` and trusts its
 * self-signed certificate by public-key hash (`--ignore-certificate-errors-spki-list`), in a profile of its own:
 * the person's everyday browser is untouched. The same approach as the browser tests (`test/browser/host-server.ts`).
 *
 * The certificate is made once with openssl and kept in DATA_DIR/demo-cert, so the hash (and the script) stay
 * the same across restarts.
 */
export const DEMO_HOSTS = ['mail.google.com', 'phone.aircall.io'] as const;
export const GMAIL_DEMO_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmQvAcmeSeatsQ3';
export const DIALER_DEMO_URL = 'https://phone.aircall.io/phone';

const PAGES_DIR = path.join(import.meta.dirname, 'pages');

export type DemoPages = {
  port: number;
  /** base64 SHA-256 of the certificate's public key. */
  spki: string;
  close(): Promise<void>;
};

/** The page for a request, by `Host` header and path; undefined is a 404. */
export function demoPageFor(host: string, pathname: string): string | undefined {
  const file =
    host === 'mail.google.com' && pathname.startsWith('/mail/')
      ? 'gmail.html'
      : host === 'phone.aircall.io'
        ? 'dialer.html'
        : undefined;
  return file && fs.readFileSync(path.join(PAGES_DIR, file), 'utf8');
}

/** DATA_DIR/demo-cert/{key,cert}.pem, made on first use. Throws when openssl is missing. */
export function demoCertificate(dataDir: string): { key: string; cert: string; spki: string } {
  const dir = path.join(dataDir, 'demo-cert');
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  if (!fs.existsSync(keyFile) || !fs.existsSync(certFile)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const san = DEMO_HOSTS.map((h) => `DNS:${h}`).join(',');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '3650',
        '-subj',
        '/CN=leadline-demo-pages',
        '-addext',
        `subjectAltName=${san}`,
        '-keyout',
        `${keyFile}.tmp`,
        '-out',
        `${certFile}.tmp`,
      ],
      { stdio: 'pipe' },
    );
    fs.renameSync(`${keyFile}.tmp`, keyFile);
    fs.renameSync(`${certFile}.tmp`, certFile);
  }
  const key = fs.readFileSync(keyFile, 'utf8');
  const cert = fs.readFileSync(certFile, 'utf8');
  const der = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  return { key, cert, spki: createHash('sha256').update(der).digest('base64') };
}

export async function startDemoPages(dataDir: string, port: number, host = '127.0.0.1'): Promise<DemoPages> {
  const { key, cert, spki } = demoCertificate(dataDir);
  const server = createServer({ key, cert }, (req, res) => {
    const reqHost = (req.headers.host ?? '').replace(/:\d+$/, '');
    const pathname = new URL(req.url ?? '/', 'https://x').pathname;
    if (reqHost === 'mail.google.com' && !pathname.startsWith('/mail/')) {
      res.writeHead(302, { location: '/mail/u/0/' }).end();
      return;
    }
    const body = demoPageFor(reqHost, pathname);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not a Leadline demo page');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    spki,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
