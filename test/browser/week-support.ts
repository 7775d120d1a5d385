import net from 'node:net';
import type { Page } from '@playwright/test';
import type { Lead } from '../../shared/lead.ts';
import { api } from '../integration/helpers/api.ts';
import { localLeads } from './faults-support';
import { type ExtensionBrowser, expect } from './fixtures';
import type { Server } from './leadline';

/** Helpers of week-of-work.spec.ts. */

/**
 * A TCP relay in front of the sync server for one profile: `cut()` drops every open connection and refuses new
 * ones (the profile's network is gone — its WebSocket closes, its HTTP calls fail), `restore()` lets it through
 * again. Only this profile is affected: the others talk to the server directly.
 */
export async function startCuttableRelay(targetPort: number) {
  let up = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      up = false;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore() {
      up = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Moves the server's frozen test clock (admin token); it runs every due timer before answering. */
export async function setClock(server: Server, adminToken: string, at: number): Promise<void> {
  const r = await api(server, adminToken).post('/api/v1/test/clock', { now: new Date(at).toISOString() });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

export async function serverNow(server: Server): Promise<number> {
  const r = await api(server).get('/api/v1/health');
  return Date.parse(r.body.now);
}

/** Every lead of the team as the server's HTTP API returns it. */
export async function allLeads(server: Server, token: string): Promise<Lead[]> {
  const r = await api(server, token).get('/api/v1/leads?limit=500');
  expect(r.status).toBe(200);
  return r.body.leads as Lead[];
}

/** `name:stage:calls`, sorted: the state every profile must agree on. */
export async function serverSummary(server: Server, token: string): Promise<string[]> {
  return (await allLeads(server, token))
    .map((l) => `${l.contact.name}:${l.stage}:${l.calls.length}`)
    .sort((a, b) => a.localeCompare(b));
}

async function localSummary(page: Page): Promise<string[]> {
  return (await localLeads(page))
    .map((l) => `${l.name}:${l.stage}:${l.calls}`)
    .sort((a, b) => a.localeCompare(b));
}

/**
 * Every given profile (its IndexedDB read model, read from its sidebar page) holds exactly the server's leads
 * with the server's stage and call count, and has nothing waiting to sync.
 */
export async function expectConverged(
  server: Server,
  token: string,
  pages: Page[],
  expected: string[],
): Promise<void> {
  await expect.poll(() => serverSummary(server, token), { timeout: 15_000 }).toEqual(expected);
  for (const page of pages) {
    await expect.poll(() => localSummary(page), { timeout: 20_000 }).toEqual(expected);
    await expect(page.locator('footer.statusbar')).toContainText('All actions synced', { timeout: 15_000 });
  }
}

/** The names on the Today tab ("Today's focus"), in order; [] when the empty message shows. */
export async function todayNames(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: "Today's focus" });
  if (!(await list.isVisible())) return [];
  return (await list.getByRole('listitem').allTextContents()).map((t) => t.split('\n')[0].trim());
}

export async function openToday(page: Page): Promise<void> {
  const back = page.getByRole('button', { name: 'Back to the list' });
  if (await back.isVisible()) await back.click();
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^Today/ })
    .click();
}

type ChromeApi = { chrome: { action: { getBadgeText(details: object): Promise<string> } } };

/** Today's list (names in order) and the toolbar badge text, polled until both are as expected. */
export async function expectToday(
  extension: ExtensionBrowser,
  page: Page,
  names: string[],
  badge: string,
  { anyOrder = false } = {},
): Promise<void> {
  await openToday(page);
  if (names.length === 0) await expect(page.getByText('Nothing to push right now.')).toBeVisible();
  await expect
    .poll(async () => {
      const got = (await todayNames(page)).map((n) => names.find((w) => n.startsWith(w)) ?? n);
      return anyOrder ? got.sort() : got;
    })
    .toEqual(anyOrder ? [...names].sort() : names);
  const sw = await extension.serviceWorker();
  await expect
    .poll(() => sw.evaluate(() => (globalThis as unknown as ChromeApi).chrome.action.getBadgeText({})), {
      timeout: 30_000,
    })
    .toBe(badge);
}
