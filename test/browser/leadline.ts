import type { Page } from '@playwright/test';
import type { Role } from '../../shared/roles.ts';
import { seedTeam, startTestServer, type TestTeam } from '../integration/helpers/server.ts';
import { type ExtensionBrowser, expect } from './fixtures';

/** Helpers for the sidebar tests: a real sync server in the test process, and a signed-in side panel. */
export type Server = Awaited<ReturnType<typeof startTestServer>>;

export async function serverWithTeam(
  users: Record<string, Role>,
  dataDir?: string,
): Promise<{ server: Server; team: TestTeam }> {
  const server = await startTestServer(dataDir ? { dataDir } : {});
  const team = seedTeam(server, 'Acme Sales', users);
  return { server, team };
}

/** The sidebar page in a normal tab, at side-panel width. */
export async function openSidebar(extension: ExtensionBrowser, width = 380): Promise<Page> {
  const page = await extension.context.newPage();
  await page.setViewportSize({ width, height: 760 });
  await page.goto(extension.url('sidepanel.html'));
  return page;
}

export async function signIn(page: Page, serverUrl: string, token: string): Promise<void> {
  await page.getByLabel('Server address').fill(serverUrl);
  await page.getByLabel('Token or invite link').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function expectOnline(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 15_000 });
}

/** The sidebar has noticed that the server is gone (y-websocket gives up on a dead socket within seconds). */
export async function expectOffline(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('Offline', {
    timeout: 15_000,
  });
}

export async function expectAllSynced(page: Page): Promise<void> {
  await expect(page.locator('footer.statusbar')).toContainText('All actions synced', { timeout: 15_000 });
}

export async function captureLead(
  page: Page,
  contact: { name: string; company?: string; email?: string; phone?: string },
) {
  await page.getByRole('button', { name: '+ Lead' }).click();
  await page.getByLabel('Name', { exact: true }).fill(contact.name);
  if (contact.company) await page.getByLabel('Company', { exact: true }).fill(contact.company);
  if (contact.email) await page.getByLabel('Email', { exact: true }).fill(contact.email);
  if (contact.phone) await page.getByLabel('Phone', { exact: true }).fill(contact.phone);
  await page.getByRole('button', { name: 'Capture lead' }).click();
  await expect(page.getByRole('heading', { name: contact.name, level: 2 })).toBeVisible();
}

/** The stage chip of the open lead card. */
export function stageOf(page: Page) {
  return page.locator('.stagebox .chip');
}

export async function shot(page: Page, path: string): Promise<void> {
  await page.screenshot({ path, fullPage: true });
}

/** Walks a freshly captured lead (open card) of a rep to SQL: interested call, transfer to self, accept. */
export async function toSql(page: Page, repName: string): Promise<void> {
  await page.getByRole('button', { name: 'Log call' }).click();
  await page.getByRole('button', { name: /^Interested/ }).click();
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await page.getByLabel('Transfer to rep').selectOption({ label: repName });
  await page.getByRole('button', { name: 'Transfer as MQL' }).click();
  await page.getByRole('button', { name: 'Accept MQL' }).click();
  await expect(stageOf(page)).toHaveText('SQL');
}
