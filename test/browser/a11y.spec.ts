import { expect, test } from './fixtures';
import {
  captureLead,
  expectAllSynced,
  expectOnline,
  openSidebar,
  type Server,
  serverWithTeam,
  shot,
  signIn,
} from './leadline';

let server: Server | undefined;
test.afterEach(async () => {
  await server?.teardown();
  server = undefined;
});

test('keyboard, labelled controls, badge, shortcut, light and dark', async ({ extension }) => {
  const s = await serverWithTeam({ 'Tina Tele': 'telemarketer', 'Ana Rep': 'rep' });
  server = s.server;
  const page = await openSidebar(extension);
  await signIn(page, s.server.httpUrl, s.team.users['Tina Tele'].token);
  await expectOnline(page);
  await captureLead(page, { name: 'Alma First', company: 'Alpha Co', phone: '212 555 0101' });
  await page.getByRole('button', { name: 'Back to the list' }).click();
  await captureLead(page, { name: 'Bert Second', company: 'Beta Co', email: 'bert@beta.example' });
  await expectAllSynced(page);

  // Keyboard: the Today list is reachable and walkable with arrows; Enter opens, Escape closes the card.
  await page.getByRole('button', { name: 'Back to the list' }).press('Enter');
  const today = page.getByRole('list', { name: "Today's focus" });
  await expect(today.getByRole('button')).toHaveCount(2);
  await today.getByRole('button').first().focus();
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 2 });
  await expect(heading).toBeFocused();
  expect(focused).toContain(await heading.textContent());
  await page.keyboard.press('Escape');
  await expect(today).toBeVisible();

  // Every interactive control has an accessible name in the browser's accessibility tree.
  await today.getByRole('button').first().click();
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[];
  };
  const controls = nodes.filter(
    (n) =>
      !n.ignored &&
      ['button', 'textbox', 'combobox', 'searchbox', 'spinbutton', 'checkbox', 'link'].includes(
        n.role?.value ?? '',
      ),
  );
  expect(controls.length).toBeGreaterThan(10);
  expect(controls.filter((n) => !n.name?.value?.trim()).map((n) => n.role?.value)).toEqual([]);
  expect(await page.locator('.leadcard').ariaSnapshot()).toContain('button "Log call"');

  // The badge counts the focus items due today (two new leads to call).
  const worker = await extension.serviceWorker();
  await expect
    .poll(() =>
      worker.evaluate(() =>
        (
          globalThis as unknown as { chrome: { action: { getBadgeText(o: object): Promise<string> } } }
        ).chrome.action.getBadgeText({}),
      ),
    )
    .toBe('2');
  // The shortcut that opens the side panel is declared.
  const manifest = await worker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { runtime: { getManifest(): unknown } } }
    ).chrome.runtime.getManifest(),
  );
  expect(manifest).toMatchObject({
    commands: { _execute_action: { suggested_key: { default: 'Alt+Shift+L' } } },
  });

  await shot(page, test.info().outputPath('card-light.png'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, test.info().outputPath('card-dark.png'));
  await page.getByRole('button', { name: 'Back to the list' }).click();
  await shot(page, test.info().outputPath('today-dark.png'));
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 320, height: 640 });
  await shot(page, test.info().outputPath('today-320.png'));
});
