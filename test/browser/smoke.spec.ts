import { expect, test } from './fixtures';

test('the built extension loads: service worker runs, side panel page renders', async ({ extension }) => {
  const worker = await extension.serviceWorker();
  expect(worker.url()).toBe(extension.url('background.js'));
  expect(extension.extensionId).toMatch(/^[a-p]{32}$/);
  // The worker executes code (not just registered).
  expect(await worker.evaluate(() => location.href)).toBe(extension.url('background.js'));

  const page = await extension.context.newPage();
  await page.goto(extension.url('sidepanel.html'));
  await expect(page.getByRole('heading', { name: 'Leadline' })).toBeVisible();
  await expect(page.getByText('Not signed in')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('sidepanel.png') });
});

test('a relaunch on the same profile keeps the extension and its id', async ({ extension }) => {
  const firstId = extension.extensionId;
  await extension.relaunch();
  expect(extension.extensionId).toBe(firstId);
  const page = await extension.context.newPage();
  await page.goto(extension.url('sidepanel.html'));
  await expect(page.getByRole('heading', { name: 'Leadline' })).toBeVisible();
});

test('outside hosts resolve to a closed local port (no traffic leaves the machine)', async ({
  extension,
}) => {
  const page = await extension.context.newPage();
  await expect(page.goto('https://example.com/')).rejects.toThrow(/ERR_CONNECTION_REFUSED/);
});
