import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from '@playwright/test';
import { api } from '../integration/helpers/api.ts';
import { test as base, type ExtensionBrowser, expect } from './fixtures';
import { type HostServer, startHostServer } from './host-server';
import { expectOnline, openSidebar, type Server, serverWithTeam, signIn } from './leadline';

/**
 * Helpers of the capture tests (capture-*.spec.ts): host pages under their real names (host-server.ts), a real
 * sync server with a telemarketer and a rep, and the in-page sidebar (the iframe of sidebar.html).
 */
export const test = base.extend<{ hostServer: HostServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  hostServer: async ({}, use) => {
    const server = await startHostServer();
    try {
      await use(server);
    } finally {
      await server.close();
    }
  },
  extensionOptions: async ({ hostServer }, use) => use(hostServer.launchOptions),
});
export { expect };

/**
 * The in-page sidebar is an extension page framed by the host page: a third-party frame. Debian's Chromium
 * blocks third-party cookies by default and then denies such frames IndexedDB; Chrome's default allows them.
 * Switch the profile to "allow" (Chrome's default) before the in-page tests: close, set the preference, relaunch.
 * The blocked case has its own test.
 */
export async function allowThirdPartyStorage(extension: ExtensionBrowser): Promise<void> {
  await extension.close();
  const file = path.join(extension.userDataDir, 'Default', 'Preferences');
  const prefs = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  prefs.profile = { ...(prefs.profile ?? {}), cookie_controls_mode: 0 };
  writeFileSync(file, JSON.stringify(prefs));
  await extension.relaunch();
}

export const USERS = { 'Tara Tele': 'telemarketer', 'Ana Rep': 'rep', 'Ben Rep': 'rep' } as const;

export type Signed = Awaited<ReturnType<typeof serverWithTeam>> & { sidebar: Page };

/** A server with the team, and the extension signed in as `user` (the sidebar page stays open, online). */
export async function signedIn(extension: ExtensionBrowser, user: keyof typeof USERS): Promise<Signed> {
  const s = await serverWithTeam({ ...USERS });
  const sidebar = await openSidebar(extension, 360);
  await signIn(sidebar, s.server.httpUrl, s.team.users[user].token);
  await expectOnline(sidebar);
  return { ...s, sidebar };
}

/** Opens a host page and its in-page Leadline panel; returns the panel's frame. */
export async function openPanel(
  extension: ExtensionBrowser,
  url: string,
  page?: Page,
): Promise<{ page: Page; frame: FrameLocator; errors: Error[] }> {
  const p = page ?? (await extension.context.newPage());
  const errors: Error[] = [];
  p.on('pageerror', (e) => errors.push(e));
  if (!page) await p.setViewportSize({ width: 1100, height: 800 });
  await p.goto(url);
  await p.locator('leadline-panel').getByRole('button', { name: 'Toggle the Leadline sidebar' }).click();
  const frame = p.frameLocator('leadline-panel iframe');
  await expect(frame.locator('.who')).toBeVisible();
  return { page: p, frame, errors };
}

/** The server's leads (as the given user's token sees them), for checks that do not trust the client. */
export async function serverLeads(server: Server, token: string, text = '') {
  const r = await api(server, token).get(
    `/api/v1/leads?limit=500${text ? `&text=${encodeURIComponent(text)}` : ''}`,
  );
  expect(r.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: JSON from the API, asserted field by field
  return r.body.leads as any[];
}

/** Screenshot of the in-page iframe alone (its 360 px are what the user sees). */
export async function shotPanel(page: Page, name: string): Promise<void> {
  await page.locator('leadline-panel iframe').screenshot({ path: base.info().outputPath(name) });
}

/** The host page must hold none of the extension's lead data, and cannot read into our iframe. */
export async function expectHostClean(page: Page, leadTexts: string[]): Promise<void> {
  const hostDom = await page.evaluate(() => {
    const panel = document.querySelector('leadline-panel');
    return document.documentElement.outerHTML + (panel?.shadowRoot?.innerHTML ?? '');
  });
  for (const t of leadTexts) expect(hostDom, `host DOM must not contain "${t}"`).not.toContain(t);
  expect(
    await page.evaluate(
      () =>
        document.querySelector('leadline-panel')?.shadowRoot?.querySelector('iframe')?.contentDocument ??
        null,
    ),
  ).toBeNull();
}
