import { expect, serverLeads, signedIn, test } from './capture-helpers';
import type { Server } from './leadline';

/** Any page: select contact text, press the capture shortcut; the sidebar shows the parsed draft to confirm. */
let server: Server | undefined;
test.afterEach(async () => {
  await server?.teardown();
  server = undefined;
});

test('selection → shortcut → the side panel shows the draft; edit and capture', async ({ extension }) => {
  const s = await signedIn(extension, 'Ana Rep');
  server = s.server;
  const page = await extension.context.newPage();
  await page.goto('https://dialpad.com/app/calls');
  // Contact text the user selects on the page (written into the page as plain text).
  await page.evaluate(() => {
    const block = document.createElement('pre');
    block.id = 'contact';
    block.textContent =
      'Dana Ortega\nVP Operations | Globex Corporation\nMobile +1 415 555 0177\ndana.ortega@globex.example';
    document.body.append(block);
    const range = document.createRange();
    range.selectNodeContents(block);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  });
  // Alt+Shift+C: Playwright's key events do not reach the browser's extension shortcuts, so the command
  // event is dispatched to the background's own listener (context-menu.ts onCommand), with the real tab.
  await (await extension.serviceWorker()).evaluate(async (url) => {
    type Chrome = {
      tabs: { query(q: object): Promise<{ id: number; url: string }[]> };
      commands: { onCommand: { dispatch(command: string, tab: object): void } };
    };
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    const [tab] = (await chrome.tabs.query({})).filter((t) => t.url === url);
    chrome.commands.onCommand.dispatch('capture-selection', tab!);
  }, page.url());

  // The side panel (here the sidebar page in a tab; it follows the web tab used last).
  const sidebar = s.sidebar;
  await sidebar.bringToFront();
  const ctx = sidebar.locator('section.pagectx');
  await expect(ctx.getByRole('heading', { name: 'Selected text' })).toBeVisible();
  await expect(ctx.getByLabel('Name', { exact: true })).toHaveValue('Dana Ortega');
  await expect(ctx.getByLabel('Company', { exact: true })).toHaveValue('Globex Corporation');
  await expect(ctx.getByLabel('Email', { exact: true })).toHaveValue('dana.ortega@globex.example');
  await expect(ctx.getByLabel('Phone', { exact: true })).toHaveValue('+1 415 555 0177');
  await ctx.getByLabel('Title', { exact: true }).fill('VP Operations EMEA');
  await sidebar.screenshot({ path: test.info().outputPath('01-selection-draft.png'), fullPage: true });
  await ctx.getByRole('button', { name: 'Capture lead' }).click();
  await expect(sidebar.getByRole('heading', { name: 'Dana Ortega', level: 2 })).toBeVisible();
  await expect
    .poll(async () => (await serverLeads(s.server, s.team.users['Ana Rep'].token, 'dana'))[0]?.contact)
    .toMatchObject({ name: 'Dana Ortega', title: 'VP Operations EMEA', phones: ['+14155550177'] });
});
