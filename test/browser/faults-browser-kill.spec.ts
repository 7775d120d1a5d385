import fs from 'node:fs';
import { startTestServer, tempDataDir } from '../integration/helpers/server.ts';
import { killChromium, localLeads } from './faults-support';
import { expect, test } from './fixtures';
import {
  captureLead,
  expectAllSynced,
  expectOffline,
  expectOnline,
  openSidebar,
  type Server,
  serverWithTeam,
  signIn,
  stageOf,
} from './leadline';

/**
 * Fault: the browser is killed (SIGKILL on Chromium's browser process — no clean close, no shutdown flush) while
 * offline with pending actions. Relaunched on the same profile, the actions are still there, and they reach the
 * server once it is back. (offline.spec.ts covers a clean close.)
 */
let server: Server | undefined;
const dataDir = tempDataDir();
test.afterAll(async () => {
  await server?.teardown();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a browser killed offline keeps its pending actions and syncs them after the relaunch', async ({
  extension,
}) => {
  const s = await serverWithTeam({ 'Kai Tele': 'telemarketer', 'Ana Rep': 'rep' }, dataDir);
  server = s.server;
  const port = s.server.port;
  let page = await openSidebar(extension);
  await signIn(page, s.server.httpUrl, s.team.users['Kai Tele'].token);
  await expectOnline(page);
  await captureLead(page, { name: 'Karl Known', company: 'Synced GmbH', phone: '+49 30 5550101' });
  await expectAllSynced(page);

  // Offline: the server goes away.
  await s.server.close();
  server = undefined;
  await expectOffline(page);

  // Pending actions: a call and a transfer on the synced lead, a notes edit, and two new captures.
  await page.getByRole('button', { name: 'Log call' }).click();
  await page.getByRole('button', { name: /^Interested/ }).click();
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await page.getByLabel('Transfer to rep').selectOption({ label: 'Ana Rep' });
  await page.getByRole('button', { name: 'Transfer as MQL' }).click();
  await expect(stageOf(page)).toHaveText('MQL');
  const notes = page.getByRole('textbox', { name: 'Notes' });
  await notes.fill('Call back Tuesday, wants 12 seats');
  await notes.blur();
  // The notes editor says "saving…" until the background has flushed the edit to IndexedDB, then "saved".
  await expect(page.locator('.notes [aria-live]')).toHaveText('saved');
  await captureLead(page, { name: 'Pia Pending', email: 'pia@pending.example' });
  await captureLead(page, { name: 'Quentin Queued', phone: '+49 40 5550199' });
  await expect(page.locator('footer.statusbar')).toContainText('4 actions and 1 edit waiting to sync');
  const before = await localLeads(page);
  expect(before.map((l) => `${l.name}:${l.pending.join('+')}`)).toEqual([
    'Karl Known:logCall+transfer',
    'Pia Pending:capture',
    'Quentin Queued:capture',
  ]);

  // Kill the browser process: no clean close.
  await killChromium(extension);

  // Relaunch on the same profile, still offline: everything is still there.
  await extension.relaunch();
  page = await openSidebar(extension);
  await expect(page.locator('footer.statusbar')).toContainText('4 actions and 1 edit waiting to sync');
  expect(await localLeads(page)).toEqual(before);
  await page.getByRole('button', { name: 'My leads' }).click();
  await expect(page.getByRole('list', { name: 'My New leads' }).getByText('Pia Pending')).toBeVisible();

  // The server comes back: each action is decided once and accepted.
  server = await startTestServer({ dataDir, port });
  await expectOnline(page);
  await expectAllSynced(page);
  await expect(page.locator('.rejection')).toHaveCount(0);
  const team = [...server.authority.teams.values()][0];
  const leads = [...team.state.leads.values()];
  expect(leads.map((l) => `${l.contact.name}:${l.stage}:${l.calls.length}`).sort()).toEqual([
    'Karl Known:mql:1',
    'Pia Pending:new:0',
    'Quentin Queued:new:0',
  ]);
  expect(leads.find((l) => l.contact.name === 'Karl Known')?.owner).toBe(s.team.users['Ana Rep'].id);
  // The notes edit reached the server's work doc too.
  const karl = leads.find((l) => l.contact.name === 'Karl Known')!;
  expect(team.work.doc.getText(`notes/${karl.id}`).toString()).toBe('Call back Tuesday, wants 12 seats');
  expect((await localLeads(page)).every((l) => l.pending.length === 0)).toBe(true);
});
