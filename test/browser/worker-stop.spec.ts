import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { notesName } from '../../shared/sync-docs.ts';
import { startTestServer, tempDataDir } from '../integration/helpers/server.ts';
import { type ExtensionBrowser, expect, test } from './fixtures';
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

let server: Server | undefined;
const dataDir = tempDataDir();
test.afterAll(async () => {
  await server?.teardown();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type RunningStatus = 'stopped' | 'starting' | 'running' | 'stopping';

/**
 * Watches the extension's MV3 service worker through DevTools' ServiceWorker domain (what
 * chrome://serviceworker-internals shows) on a page's session, and stops it the way Chrome does when it idles
 * out (`ServiceWorker.stopAllWorkers`, the "Stop" of serviceworker-internals). Playwright's Worker object is no
 * help here: its DevTools session survives the worker's stop and restart.
 */
async function watchServiceWorker(extension: ExtensionBrowser, page: Page) {
  const scope = extension.url('');
  let status: RunningStatus | undefined;
  const cdp = await extension.context.newCDPSession(page);
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.startsWith(scope)) status = v.runningStatus as RunningStatus;
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => status).toBeDefined();
  return {
    status: () => status,
    async stop() {
      // Asked again while not stopped: a stop that lands while the worker is still starting is lost.
      await expect
        .poll(async () => {
          if (status !== 'stopped') await cdp.send('ServiceWorker.stopAllWorkers');
          return status;
        })
        .toBe('stopped');
    },
  };
}

test('the service worker stopped with actions pending: nothing is lost, they sync once it wakes', async ({
  extension,
}) => {
  const s = await serverWithTeam({ 'Ana Rep': 'rep' }, dataDir);
  server = s.server;
  const port = s.server.port;
  const page = await openSidebar(extension);
  await signIn(page, s.server.httpUrl, s.team.users['Ana Rep'].token);
  await expectOnline(page);
  await captureLead(page, { name: 'Wanda Worker', company: 'Stopped GmbH', phone: '+49 30 7654321' });
  await expectAllSynced(page);

  // The server goes away; the rep keeps working. The worker puts the commands into the work doc (and
  // IndexedDB) but nobody can decide them.
  await s.server.close();
  server = undefined;
  await expectOffline(page);
  await page.getByRole('button', { name: 'Log call' }).click();
  await page.getByRole('button', { name: /^Interested/ }).click();
  await expect(page.locator('.pending-note')).toContainText('Log call');
  await page.getByRole('textbox', { name: 'Notes' }).fill('Call back after the worker restart');
  await page.getByRole('textbox', { name: 'Notes' }).blur();
  await captureLead(page, { name: 'Otto Offline', email: 'otto@offline.example' });
  await expect(page.locator('footer.statusbar')).toContainText('2 actions and 1 edit waiting to sync');

  // Chrome stops the worker (as after 30 s without events): its Y.Docs, socket and timers are gone.
  const worker = await watchServiceWorker(extension, page);
  expect(worker.status()).toBe('running');
  await worker.stop();

  // The sidebar reads IndexedDB only: it still shows everything, and a reload too.
  await page.reload();
  await expect(page.locator('footer.statusbar')).toContainText('2 actions and 1 edit waiting to sync');
  await page.getByRole('button', { name: 'My leads' }).click();
  await expect(page.getByRole('list', { name: 'My New leads' })).toContainText('Otto Offline');
  await expect(page.getByRole('list', { name: 'My New leads' })).toContainText('Wanda Worker');

  // The server is back (same address and data) while the worker is still stopped: nothing moves.
  server = await startTestServer({ dataDir, port });
  expect(worker.status()).toBe('stopped');
  expect(
    [...[...server.authority.teams.values()][0].state.leads.values()].map((l) => l.contact.name),
  ).toEqual(['Wanda Worker']);

  // The next user action wakes the worker (its message), which loads its docs from IndexedDB, reconnects
  // and sends everything that waited, this action included.
  await page.getByRole('list', { name: 'My New leads' }).getByText('Otto Offline').click();
  await page.getByRole('button', { name: 'Log call' }).click();
  await page.getByRole('button', { name: /^No answer/ }).click();
  await expect.poll(() => worker.status()).toBe('running');
  await expectOnline(page);
  await expectAllSynced(page);
  await expect(page.locator('.rejection')).toHaveCount(0);

  // The server holds all of it.
  const team = [...server.authority.teams.values()][0];
  const leads = [...team.state.leads.values()];
  const wanda = leads.find((l) => l.contact.name === 'Wanda Worker');
  const otto = leads.find((l) => l.contact.name === 'Otto Offline');
  expect(wanda?.interested).toBe(true);
  expect(otto?.calls.map((c) => c.outcome)).toEqual(['no_answer']);
  // The notes edit, made before the stop, reached the server's work doc.
  await expect
    .poll(() => team.work.doc.getText(notesName(wanda?.id ?? '')).toString())
    .toBe('Call back after the worker restart');
  await page.getByRole('button', { name: 'Back to the list' }).click();
  await page.getByRole('list', { name: 'My New leads' }).getByText('Wanda Worker').click();
  await expect(stageOf(page)).toHaveText('New');
  await expect(page.getByRole('textbox', { name: 'Notes' })).toHaveValue(
    'Call back after the worker restart',
  );
});
