import fs from 'node:fs';
import { startTestServer, tempDataDir } from '../integration/helpers/server.ts';
import { expect, test } from './fixtures';
import {
  captureLead,
  expectAllSynced,
  expectOffline,
  expectOnline,
  openSidebar,
  type Server,
  serverWithTeam,
  shot,
  signIn,
  stageOf,
} from './leadline';

let server: Server | undefined;
const dataDir = tempDataDir();
test.afterAll(async () => {
  await server?.teardown();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('offline: actions wait in IndexedDB across a browser restart and reach the server when it is back', async ({
  extension,
}) => {
  const s = await serverWithTeam({ 'Ana Rep': 'rep' }, dataDir);
  server = s.server;
  const port = s.server.port;
  let page = await openSidebar(extension);
  await signIn(page, s.server.httpUrl, s.team.users['Ana Rep'].token);
  await expectOnline(page);
  await captureLead(page, { name: 'Olga Offline', company: 'Nordwind AG', phone: '+49 30 1234567' });
  await expectAllSynced(page);

  // The server goes away.
  await s.server.close();
  server = undefined;
  await expectOffline(page);

  // Act offline: each action is confirmed at once (it is in IndexedDB) and shown as waiting.
  await page.getByRole('button', { name: 'Log call' }).click();
  await page.getByRole('button', { name: /^Interested/ }).click();
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await page.getByLabel('Transfer to rep').selectOption({ label: 'Ana Rep' });
  await page.getByRole('button', { name: 'Transfer as MQL' }).click();
  await expect(stageOf(page)).toHaveText('MQL');
  await page.getByRole('textbox', { name: 'Notes' }).fill('Wants a demo next week');
  await page.getByRole('textbox', { name: 'Notes' }).blur();
  await captureLead(page, { name: 'Paul Pending', email: 'paul@pending.example' });
  await expect(page.locator('footer.statusbar')).toContainText('3 actions and 1 edit waiting to sync');
  await shot(page, test.info().outputPath('offline-waiting.png'));

  // Close the browser: nothing may be lost.
  await extension.relaunch();
  page = await openSidebar(extension);
  await expect(page.locator('footer.statusbar')).toContainText('3 actions and 1 edit waiting to sync');
  await page.getByRole('button', { name: 'My leads' }).click();
  await expect(page.getByRole('list', { name: 'My MQL leads' }).getByText('Olga Offline')).toBeVisible();
  await expect(page.getByRole('list', { name: 'My New leads' }).getByText('Paul Pending')).toBeVisible();

  // The server comes back on the same address and data: every action reaches it and is decided.
  server = await startTestServer({ dataDir, port });
  await expectOnline(page);
  await expectAllSynced(page);
  await page.getByRole('list', { name: 'My MQL leads' }).getByText('Olga Offline').click();
  await expect(stageOf(page)).toHaveText('MQL');
  await expect(page.locator('.pending-note')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Notes' })).toHaveValue('Wants a demo next week');
  await expect(page.locator('.rejection')).toHaveCount(0);
  // The server holds all of it.
  const t = [...server.authority.teams.values()][0];
  expect([...t.state.leads.values()].map((l) => `${l.contact.name}:${l.stage}`).sort()).toEqual([
    'Olga Offline:mql',
    'Paul Pending:new',
  ]);
});
