import fs, { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { generateCsv } from '../../bench/import.ts';
import { api } from '../integration/helpers/api.ts';
import { startTestServer, tempDataDir } from '../integration/helpers/server.ts';
import { killChromium } from './faults-support';
import { expect, test } from './fixtures';
import {
  expectOffline,
  expectOnline,
  openSidebar,
  type Server,
  serverWithTeam,
  shot,
  signIn,
} from './leadline';

/**
 * An import that fails half-way loses nothing and resumes: the rows are saved on this device while the server
 * is unreachable, the browser is then killed (SIGKILL, no clean close), and after the relaunch the same file
 * shows every row as handed over; once the server is back each row is decided exactly once, and the one row a
 * colleague captured in the meantime is refused and shown in the Rejected list.
 */
let server: Server | undefined;
const dataDir = tempDataDir();
const csvDir = mkdtempSync(path.join(tmpdir(), 'leadline-resume-'));
test.afterAll(async () => {
  await server?.teardown();
  fs.rmSync(dataDir, { recursive: true, force: true });
  rmSync(csvDir, { recursive: true, force: true });
});

test('an import cut off half-way (server gone, browser killed) resumes with nothing lost or doubled', async ({
  extension,
}) => {
  test.setTimeout(120_000);
  const s = await serverWithTeam({ 'Ana Rep': 'rep', 'Tess Tele': 'telemarketer' }, dataDir);
  server = s.server;
  const port = s.server.port;
  const token = s.team.users['Ana Rep'].token;
  const sidebar = await openSidebar(extension);
  await signIn(sidebar, s.server.httpUrl, token);
  await expectOnline(sidebar);

  const file = path.join(csvDir, 'hubspot-3000.csv');
  writeFileSync(file, generateCsv(3_000));
  const pick = async (page: Page) => {
    await page.getByLabel('CSV file').setInputFiles(file);
    await expect(page.getByRole('heading', { name: 'hubspot-3000.csv', level: 2 })).toBeVisible({
      timeout: 30_000,
    });
  };

  // The server goes away; the import goes on and is saved on this device.
  await s.server.close();
  server = undefined;
  await expectOffline(sidebar);
  let page = await extension.context.newPage();
  await page.goto(extension.url('import.html'));
  await pick(page);
  const label = (await page.locator('.import-bar button.primary').textContent()) ?? '';
  const count = Number(/Import (\d+) leads/.exec(label)?.[1]);
  expect(count).toBeGreaterThan(2_800);
  await page.locator('.import-bar button.primary').click();
  await expect(page.locator('.import-progress')).toContainText(`Saved on this device: ${count} of ${count}`);
  await expect(page.locator('.import-progress')).toContainText(`Imported on the server: 0 of ${count}`);
  await expect(page.locator('.import-progress')).toContainText('You may close this page');

  // Crash: the browser process is killed.
  await killChromium(extension);

  // While this browser is gone the server comes back, and a colleague captures one of the file's contacts
  // first (through the API): that row of the import must be refused, and said so.
  server = await startTestServer({ dataDir, port });
  const taken = await api(server, s.team.users['Tess Tele'].token).command({
    type: 'capture',
    leadId: 'lead-by-tess',
    contact: { name: 'First20 Last20', emails: ['person20@company20.example'], phones: [] },
    source: 'manual',
  });
  expect(taken.status).toBe(200);

  // Relaunched, the same file again: every row is recognised as handed over, none is offered twice.
  await extension.relaunch();
  page = await extension.context.newPage();
  await page.goto(extension.url('import.html'));
  await pick(page);
  await expect(page.getByRole('button', { name: 'Import 0 leads' })).toBeDisabled();

  // Each row is decided once; the leads reach this device.
  const side = await openSidebar(extension);
  await expectOnline(side);
  const team = [...server.authority.teams.values()][0];
  await expect.poll(() => team.state.leads.size, { timeout: 60_000 }).toBe(count);
  // The file's rows less the one Tess had, plus hers: a row sent twice would have its id (decided once).
  const withEmail = [...team.state.leads.values()].filter((l) =>
    l.contact.emails.includes('person20@company20.example'),
  );
  expect(withEmail.map((l) => l.id)).toEqual(['lead-by-tess']);
  await expect.poll(() => countLeadRows(side), { timeout: 60_000 }).toBe(count);

  // The refused row is in the Rejected list, with its reason, until dismissed.
  await expect(side.locator('footer.statusbar')).toContainText('1 rejected', { timeout: 15_000 });
  await side
    .locator('footer.statusbar')
    .getByRole('button', { name: /rejected/ })
    .click();
  const notice = side.getByRole('region', { name: 'Rejected: Capture' });
  await expect(notice).toContainText('First20 Last20');
  await expect(notice).toContainText('DUPLICATE_LEAD');
  await shot(side, test.info().outputPath('import-row-rejected.png'));
  await notice.getByRole('button', { name: 'Open existing lead' }).click();
  await expect(side.getByRole('heading', { name: 'First20 Last20', level: 2 })).toBeVisible();
  await side
    .getByRole('button', { name: /rejected/ })
    .first()
    .click();
  await notice.getByRole('button', { name: 'Dismiss rejected Capture' }).click();
  await expect(side.getByText('No rejected actions.')).toBeVisible();
});

/** Rows in the extension's read model (raw IndexedDB, from an extension page). */
function countLeadRows(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('leadline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('leads').objectStore('leads').count();
          req.onsuccess = () => {
            resolve(req.result);
            open.result.close();
          };
        };
      }),
  );
}
