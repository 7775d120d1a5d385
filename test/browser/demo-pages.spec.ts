import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, test as base, chromium, expect } from '@playwright/test';
import type { PageContext } from '../../extension/page-context';
import { DEMO_PROFILE_PREFERENCES } from '../../sync-server/demo/browser-script.ts';
import {
  type DemoPages,
  DIALER_DEMO_URL,
  GMAIL_DEMO_URL,
  startDemoPages,
} from '../../sync-server/demo/pages.ts';
import { tempDataDir } from '../integration/helpers/server.ts';
import { CHROMIUM_PATH, chromiumArgs, extensionIdOf, extensionServiceWorker } from './fixtures';

/**
 * The demo pages that `npm start` serves (sync-server/demo/pages.ts), opened the way `demo-browser.sh` opens them:
 * a profile seeded with the demo preferences, the real host names mapped to the demo page server, its
 * certificate trusted by SPKI hash. The extension's own content scripts must read them, and the in-page sidebar
 * must open (signed out: the sign-in form).
 */
const dataDir = tempDataDir();

const test = base.extend<{ demo: { pages: DemoPages; context: BrowserContext; extensionId: string } }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  demo: async ({}, use) => {
    const pages = await startDemoPages(dataDir, 0);
    const profile = await mkdtemp(path.join(tmpdir(), 'leadline-demo-profile-'));
    fs.mkdirSync(path.join(profile, 'Default'));
    fs.writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify(DEMO_PROFILE_PREFERENCES));
    const target = `127.0.0.1:${pages.port}`;
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      channel: 'chromium',
      headless: true,
      args: chromiumArgs({
        hostMap: { 'mail.google.com': target, 'phone.aircall.io': target },
        extraArgs: [`--ignore-certificate-errors-spki-list=${pages.spki}`],
      }),
    });
    try {
      const extensionId = extensionIdOf(await extensionServiceWorker(context));
      await use({ pages, context, extensionId });
    } finally {
      await context.close();
      await pages.close();
      await rm(profile, { recursive: true, force: true, maxRetries: 3 });
    }
  },
});
test.afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function contexts(context: BrowserContext, extensionId: string): Promise<PageContext[]> {
  const reader = await context.newPage();
  await reader.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const all = await reader.evaluate(async () => {
    type Session = { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
    return (globalThis as unknown as { chrome: Session }).chrome.storage.session.get(null);
  });
  await reader.close();
  return Object.entries(all)
    .filter(([key]) => key.startsWith('pageContext:'))
    .map(([, value]) => value as PageContext);
}

test('the demo Gmail and dialer pages get the Leadline button and are read by the extension', async ({
  demo: { context, extensionId },
}) => {
  const latest = async (host: string) => (await contexts(context, extensionId)).find((c) => c.host === host);
  const gmail = await context.newPage();
  await gmail.goto(GMAIL_DEMO_URL);
  const toggle = (page: typeof gmail) =>
    page.locator('leadline-panel').getByRole('button', { name: 'Toggle the Leadline sidebar' });
  await expect(toggle(gmail)).toBeVisible();
  await expect
    .poll(() => latest('gmail'))
    .toMatchObject({
      status: 'ok',
      sender: { name: 'Jane Doe', email: 'jane.doe@acme-industrial.example' },
      signatureText: expect.stringContaining('+49 30 1234567'),
    });
  await toggle(gmail).click();
  await expect(gmail.frameLocator('leadline-panel iframe').getByLabel('Server address')).toBeVisible();
  await gmail.screenshot({ path: test.info().outputPath('demo-gmail.png') });

  const dialer = await context.newPage();
  await dialer.goto(DIALER_DEMO_URL);
  await expect(toggle(dialer)).toBeVisible();
  await dialer.getByLabel('Number').fill('+49 30 1234567');
  await dialer.getByRole('button', { name: 'Call', exact: true }).click();
  await expect
    .poll(() => latest('aircall'))
    .toMatchObject({ status: 'ok', phone: '+49 30 1234567', callState: 'dialing' });
  const phone = dialer.locator('[data-test="phone-app"]');
  const button = (name: string) => phone.getByRole('button', { name, exact: true });
  const offered = async () =>
    (await phone.getByRole('button').filter({ visible: true }).allTextContents()).map((t) => t.trim());
  await expect.poll(offered).toEqual(['They answer', 'No answer', 'Hang up']);
  await button('They answer').click();
  await expect.poll(async () => (await latest('aircall'))?.callState).toBe('connected');
  // Connected: the call can only be hung up.
  await expect(dialer.getByText(/^Connected 00:0\d$/)).toBeVisible();
  await expect.poll(offered).toEqual(['Hang up']);
  await dialer.screenshot({ path: test.info().outputPath('demo-dialer.png') });

  // Hung up: "Call ended" for a moment (read as ended), then the idle dial pad with the last number kept, so
  // the sidebar still shows that number to log the call.
  await button('Hang up').click();
  await expect(dialer.getByText('Call ended', { exact: true })).toBeVisible();
  await expect.poll(offered).toEqual(['Call']);
  await expect.poll(async () => (await latest('aircall'))?.callState).toBe('ended');
  await dialer.screenshot({ path: test.info().outputPath('demo-dialer-ended.png') });
  await expect(dialer.getByText('Call ended')).toBeHidden();
  await expect(dialer.getByLabel('Number')).toHaveValue('+49 30 1234567');
  await expect.poll(() => latest('aircall')).toMatchObject({ status: 'idle', phone: '+49 30 1234567' });
  expect((await latest('aircall'))?.callState).toBeUndefined();
  await dialer.screenshot({ path: test.info().outputPath('demo-dialer-idle.png') });

  // No answer ends a call too; a number of the call list dials it.
  await dialer.getByRole('link', { name: '+49 40 7654321' }).click();
  await expect
    .poll(() => latest('aircall'))
    .toMatchObject({ status: 'ok', phone: '+49 40 7654321', callState: 'dialing' });
  await button('No answer').click();
  await expect(dialer.getByText('No answer — call ended')).toBeVisible();
  await expect.poll(offered).toEqual(['Call']);
  await expect(dialer.getByText('No answer — call ended')).toBeHidden();
  await expect.poll(() => latest('aircall')).toMatchObject({ status: 'idle', phone: '+49 40 7654321' });
});
