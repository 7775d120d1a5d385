import type { Page } from '@playwright/test';
import type { PageContext } from '../../extension/page-context';
import { test as base, type ExtensionBrowser, expect } from './fixtures';
import { type HostServer, startHostServer, testPageHtml } from './host-server';

/**
 * Host integrations on the real host names, served locally (test/browser/host-server.ts). Needs the background
 * to call `listenForPageContexts()` (extension/background/page-contexts.ts): contexts are read back from
 * `storage.session` through an extension page.
 */
const test = base.extend<{ hostServer: HostServer }>({
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

/** Page contexts as the background stored them, read from an extension page. */
async function storedContexts(extension: ExtensionBrowser): Promise<PageContext[]> {
  let reader = extension.context.pages().find((p) => p.url().startsWith(extension.url('sidepanel.html')));
  if (!reader) {
    reader = await extension.context.newPage();
    await reader.goto(extension.url('sidepanel.html'));
  }
  return reader.evaluate(async () => {
    type Session = { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
    const all = await (globalThis as unknown as { chrome: Session }).chrome.storage.session.get(null);
    return Object.entries(all)
      .filter(([key]) => key.startsWith('pageContext:'))
      .map(([, value]) => value as PageContext);
  });
}

const contextFor = async (extension: ExtensionBrowser, url: RegExp) =>
  (await storedContexts(extension)).find((c) => url.test(c.url));

async function openHostPage(
  extension: ExtensionBrowser,
  url: string,
): Promise<{ page: Page; errors: Error[] }> {
  const page = await extension.context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(url);
  return { page, errors };
}

/** The host page's own DOM (and our shadow root's) must not contain what the extension iframe shows. */
async function expectNoLeadDataInHost(page: Page, servedHtml: string) {
  const frame = page.frameLocator('leadline-panel iframe');
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's locator.innerText (what the user sees)
  const sidebarText = await frame.locator('body').innerText();
  const hostDom = await page.evaluate(() => {
    const panel = document.querySelector('leadline-panel');
    return document.documentElement.outerHTML + (panel?.shadowRoot?.innerHTML ?? '');
  });
  const extensionOnly = sidebarText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 3 && !servedHtml.includes(line) && line !== 'Leadline');
  for (const line of extensionOnly)
    expect(hostDom, `host DOM must not contain "${line}"`).not.toContain(line);
  // The iframe is extension-origin: the page cannot read into it.
  expect(
    await page.evaluate(
      () =>
        document.querySelector('leadline-panel')?.shadowRoot?.querySelector('iframe')?.contentDocument ??
        null,
    ),
  ).toBeNull();
}

test('Gmail: sender, subject and signature reach the extension; in-app navigation follows; panel mounts', async ({
  extension,
  hostServer,
}) => {
  const { page, errors } = await openHostPage(
    extension,
    'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmQvAcmeThread',
  );
  await expect
    .poll(() => contextFor(extension, /mail\.google\.com.*AcmeThread/))
    .toMatchObject({
      host: 'gmail',
      status: 'ok',
      sender: { name: 'Jane Doe', email: 'jane.doe@acme-industrial.example' },
      subject: 'Seats for Q3',
      signatureText: expect.stringContaining('Tel. +49 30 1234567'),
    });

  // The in-page panel: a button in a shadow root that opens an iframe of the extension's sidebar page.
  const button = page.locator('leadline-panel').getByRole('button', { name: 'Toggle the Leadline sidebar' });
  await expect(button).toBeVisible();
  await button.click();
  const iframe = page.locator('leadline-panel iframe');
  await expect(iframe).toBeVisible();
  expect(await iframe.getAttribute('src')).toBe(extension.url('sidebar.html'));
  // The sidebar page ran inside the iframe (Preact rendered into #app).
  await expect(page.frameLocator('leadline-panel iframe').locator('#app > *').first()).toBeAttached();
  await page.screenshot({ path: test.info().outputPath('gmail-panel.png') });

  // Gmail-style navigation: the hash changes and the app re-renders the view.
  await page.evaluate(() => {
    location.hash = '#inbox/FMfcgzQXKQmnWbtbGlobexThread';
  });
  await expect
    .poll(() => contextFor(extension, /GlobexThread/))
    .toMatchObject({ status: 'ok', sender: { name: 'Li Wei', email: 'li.wei@globex.example' } });
  await page.evaluate(() => {
    location.hash = '#inbox';
  });
  await expect.poll(async () => (await contextFor(extension, /#inbox$/))?.status).toBe('idle');

  await expectNoLeadDataInHost(page, testPageHtml('gmail-thread.html'));
  expect(errors).toEqual([]);
  expect(hostServer.requests.every((r) => FIXTURE_HOST.test(r))).toBe(true);
});

const FIXTURE_HOST =
  /^(mail\.google\.com|outlook\.(office|live|office365)\.com|phone\.aircall\.io|dialpad\.com|app\.ringcentral\.com|voice\.google\.com)\//;

test('Gmail after a redesign: the extension hears "unreadable", the page keeps working', async ({
  extension,
}) => {
  const { page, errors } = await openHostPage(
    extension,
    'https://mail.google.com/mail/u/1/#inbox/FMfcgzQXJWDsKmQvAcmeThread',
  );
  await expect
    .poll(() => contextFor(extension, /mail\/u\/1/), { timeout: 15_000 })
    .toMatchObject({
      host: 'gmail',
      status: 'unreadable',
      problem: expect.stringMatching(/Capture manually/),
    });
  await expect(page.getByText('we would need 25 seats')).toBeVisible(); // the host page is unharmed
  await expect(page.locator('leadline-panel').getByRole('button')).toBeVisible();
  expect(errors).toEqual([]);
});

test('Outlook on the web: the reading pane sender and signature, without the external banner', async ({
  extension,
}) => {
  await openHostPage(extension, 'https://outlook.office.com/mail/inbox/id/AAQkADExample');
  await expect
    .poll(() => contextFor(extension, /outlook\.office\.com/))
    .toMatchObject({
      host: 'outlook',
      status: 'ok',
      sender: { name: 'Bernd Müller', email: 'bernd.mueller@beispiel-gmbh.example' },
      subject: 'Angebot Lizenzen',
    });
  const stored = await contextFor(extension, /outlook\.office\.com/);
  expect(stored?.signatureText).toContain('Tel.: +49 (0)89 12345-678');
  expect(stored?.signatureText).not.toMatch(/ACHTUNG|415 555/);
});

test('dialers: a ringing number and its call state reach the extension; a tel: link click too', async ({
  extension,
}) => {
  const dialers = [
    ['https://phone.aircall.io/phone', 'aircall'],
    ['https://dialpad.com/app/calls', 'dialpad'],
    ['https://app.ringcentral.com/phone', 'ringcentral'],
    ['https://voice.google.com/u/0/calls', 'googlevoice'],
  ] as const;
  for (const [url, host] of dialers) {
    const { page, errors } = await openHostPage(extension, url);
    await expect.poll(async () => (await contextFor(extension, new RegExp(`^${url}`)))?.status).toBe('idle');
    await page.evaluate(() =>
      (window as unknown as { ring(n: string, s: string): void }).ring('+1 (415) 555-0134', 'Incoming call'),
    );
    await expect
      .poll(() => contextFor(extension, new RegExp(`^${url}`)))
      .toMatchObject({ host, status: 'ok', phone: '+1 (415) 555-0134', callState: 'ringing' });
    await page.evaluate(() =>
      (window as unknown as { ring(n: string, s: string): void }).ring('+1 (415) 555-0134', '00:07'),
    );
    await expect
      .poll(async () => (await contextFor(extension, new RegExp(`^${url}`)))?.callState)
      .toBe('connected');
    expect(errors).toEqual([]);
    await page.close();
  }

  const { page } = await openHostPage(extension, 'https://phone.aircall.io/phone');
  // The content script is running once its panel is mounted (a click before that would go unseen).
  await expect(page.locator('leadline-panel').getByRole('button')).toBeVisible();
  await page.evaluate(() => {
    // Keep the page: the test only needs the content script to see the click.
    document.querySelector('a[href^="tel:"]')?.addEventListener('click', (e) => e.preventDefault());
  });
  await page.getByRole('link', { name: '+1 (415) 555-0123' }).click();
  // (the first Aircall tab, closed above, may still have its context until the background hears of it)
  await expect
    .poll(async () =>
      (await storedContexts(extension)).some((c) => c.host === 'aircall' && c.phone === '+14155550123'),
    )
    .toBe(true);
});
