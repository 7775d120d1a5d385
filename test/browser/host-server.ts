import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExtensionLaunchOptions } from './fixtures';

/**
 * A local HTTPS server that answers for the real host names (mail.google.com, outlook.office.com, the dialers)
 * with our test pages, chosen by the `Host` header — Chromium maps those names to it with
 * `--host-resolver-rules` and trusts its throwaway self-signed certificate by SPKI hash (shared/ENVIRONMENT.md).
 * Nothing leaves the machine. Pages: test/pages/*.html (our own), see test/pages/README.md.
 */
const PAGES = path.resolve(import.meta.dirname, '../pages');

export const FIXTURE_HOSTS = [
  'mail.google.com',
  'outlook.office.com',
  'outlook.live.com',
  'outlook.office365.com',
  'phone.aircall.io',
  'dialpad.com',
  'app.ringcentral.com',
  'voice.google.com',
] as const;

/** A test page's HTML as served (read from disk: tests never fetch the real host names from Node). */
export const testPageHtml = (name: string) => readFileSync(path.join(PAGES, name), 'utf8');
const page = testPageHtml;

/** Gmail after a redesign: the class names the adapter relies on are gone (the page still works). */
const redesigned = (html: string) =>
  html
    .replaceAll('class="hP"', 'class="hP-2026"')
    .replaceAll('class="gD"', 'class="gD-2026"')
    .replaceAll('a3s aiL', 'msg-body-2026');

function route(host: string, pathname: string): string | undefined {
  switch (host) {
    case 'mail.google.com':
      if (pathname.startsWith('/mail/u/1/')) return redesigned(page('gmail-thread.html'));
      return pathname.startsWith('/mail/') ? page('gmail-thread.html') : undefined;
    case 'outlook.office.com':
    case 'outlook.live.com':
    case 'outlook.office365.com':
      return pathname.startsWith('/mail/') ? page('outlook-reading-pane.html') : undefined;
    case 'phone.aircall.io':
      return page('aircall.html');
    case 'dialpad.com':
      return pathname.startsWith('/app') ? page('dialpad.html') : undefined;
    case 'app.ringcentral.com':
      return page('ringcentral.html');
    case 'voice.google.com':
      return page('googlevoice.html');
    default:
      return undefined;
  }
}

export interface HostServer {
  port: number;
  /** base64 SHA-256 of the certificate's public key, for `--ignore-certificate-errors-spki-list`. */
  spki: string;
  launchOptions: ExtensionLaunchOptions;
  /** Every request served, as `host/path` (to check what the browser asked for). */
  requests: string[];
  close(): Promise<void>;
}

function makeCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'leadline-cert-'));
  try {
    const san = FIXTURE_HOSTS.map((host) => `DNS:${host}`).join(',');
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
        '2',
        '-subj',
        '/CN=leadline-test-hosts',
        '-addext',
        `subjectAltName=${san}`,
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe' },
    );
    return {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startHostServer(): Promise<HostServer> {
  const { key, cert } = makeCertificate();
  const spkiDer = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  const spki = createHash('sha256').update(spkiDer).digest('base64');
  const requests: string[] = [];
  const server = createServer({ key, cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const pathname = new URL(req.url ?? '/', 'https://x').pathname;
    requests.push(`${host}${pathname}`);
    const body = route(host, pathname);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const hostMap = Object.fromEntries(FIXTURE_HOSTS.map((host) => [host, `127.0.0.1:${port}`]));
  return {
    port,
    spki,
    requests,
    launchOptions: { hostMap, extraArgs: [`--ignore-certificate-errors-spki-list=${spki}`] },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
