import type { Page } from '@playwright/test';
import type { Lead } from '../../shared/lead.ts';
import { api } from '../integration/helpers/api.ts';
import { expect, test } from './fixtures';
import {
  captureLead,
  expectAllSynced,
  expectOnline,
  openSidebar,
  type Server,
  serverWithTeam,
  signIn,
  stageOf,
  toSql,
} from './leadline';

let server: Server | undefined;
test.afterEach(async () => {
  await server?.teardown();
  server = undefined;
});

/** The ids of the notifications the extension shows now (`chrome.notifications.getAll`, from its page). */
function notificationIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const chrome = (
      globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } } }
    ).chrome;
    return Object.keys(await chrome.notifications.getAll()).sort();
  });
}

test('notifications: an extension decided by a manager, and a lead back in the pool after its deadline', async ({
  extension,
}) => {
  const s = await serverWithTeam({ 'Ana Rep': 'rep', 'Mia Manager': 'manager', 'Ada Admin': 'admin' });
  server = s.server;
  const { users } = s.team;
  const page = await openSidebar(extension);
  await signIn(page, s.server.httpUrl, users['Ana Rep'].token);
  await expectOnline(page);

  // Two SQLs of the rep's; an extension requested on the first.
  await captureLead(page, { name: 'Kai Extend', company: 'Slowburn Ltd' });
  await toSql(page, 'Ana Rep');
  await page.getByRole('button', { name: 'Request extension' }).click();
  await page.getByLabel('Why one more week?').fill('Their CFO is away until Monday');
  await page.getByRole('button', { name: 'Ask a manager for one more week' }).click();
  await captureLead(page, { name: 'Lou Lapse', company: 'Sleepy GmbH' });
  await toSql(page, 'Ana Rep');
  await expectAllSynced(page);
  // Nothing to announce so far: everything was the rep's own doing.
  expect(await notificationIds(page)).toEqual([]);

  const team = () => [...(server?.authority.teams.values() ?? [])][0];
  const byName = (name: string) =>
    [...team().state.leads.values()].find((l) => l.contact.name === name) as Lead;
  const kai = byName('Kai Extend');
  const lou = byName('Lou Lapse');
  const request = kai.extensions.find((x) => x.status === 'pending');
  expect(request).toBeDefined();

  // The manager approves elsewhere (the HTTP API, as a web tool would): the rep's extension announces it.
  const approved = await api(s.server, users['Mia Manager'].token).command({
    type: 'decideExtension',
    leadId: kai.id,
    approve: true,
  });
  expect(approved.status).toBe(200);
  await expect.poll(() => notificationIds(page), { timeout: 15_000 }).toEqual([`ext:${request?.id}`]);

  // The server's clock passes the deadline of the other SQL (the extended one has a week more): its timer
  // returns it to the pool, and the rep's extension says so.
  const clock = await api(s.server, users['Ada Admin'].token).post('/api/v1/test/clock', {
    now: new Date(lou.sqlDeadline! + 60_000).toISOString(),
  });
  expect(clock.status).toBe(200);
  const back = byName('Lou Lapse');
  expect(back.stage).toBe('pool');
  await expect
    .poll(() => notificationIds(page), { timeout: 15_000 })
    .toEqual([`ext:${request?.id}`, `pool:${lou.id}:${back.version}`].sort());
  expect(byName('Kai Extend').stage).toBe('sql');

  // The sidebar agrees.
  await page.getByRole('button', { name: 'Pool' }).click();
  await page.getByRole('list', { name: 'Pool' }).getByText('Lou Lapse').click();
  await expect(stageOf(page)).toHaveText('Pool');
});
