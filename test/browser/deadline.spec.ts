import fs from 'node:fs';
import { TestClock } from '../../sync-server/clock.ts';
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
  toSql,
} from './leadline';

let server: Server | undefined;
const dataDir = tempDataDir();
test.afterAll(async () => {
  await server?.teardown();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("a rep's offline qualify after the deadline is rejected, said so, and the lead is in the pool", async ({
  extension,
}) => {
  const s = await serverWithTeam({ 'Ana Rep': 'rep' }, dataDir);
  server = s.server;
  const port = s.server.port;
  const page = await openSidebar(extension);
  await signIn(page, s.server.httpUrl, s.team.users['Ana Rep'].token);
  await expectOnline(page);
  await captureLead(page, { name: 'Dora Deadline', company: 'Late GmbH' });
  await toSql(page, 'Ana Rep');
  await expectAllSynced(page);
  const lead = [...[...s.server.authority.teams.values()][0].state.leads.values()][0];
  const deadline = lead.sqlDeadline!;

  // Offline, the rep qualifies: on this device the deadline has not passed, so the action is accepted locally.
  await s.server.close();
  server = undefined;
  await expectOffline(page);
  await page.getByRole('button', { name: 'Qualify', exact: true }).click();
  await page.getByLabel('Confirmed demand').fill('Helpdesk for 8 agents');
  await page.getByLabel('Seats').fill('8');
  await page.getByRole('button', { name: 'Qualify as opportunity' }).click();
  await expect(stageOf(page)).toHaveText('Opportunity');
  await expect(page.locator('.pending-note')).toContainText('Qualify');
  // The rep goes on to close it, and leaves that step open.
  await page.getByRole('button', { name: 'Close won' }).click();
  const closeWon = page.getByRole('form', { name: 'Close as won' });
  await expect(closeWon).toBeVisible();

  // The server comes back with its clock past the deadline: the authority's time decides.
  server = await startTestServer({ dataDir, port, clock: new TestClock(deadline + 3_600_000) });
  await expectOnline(page);
  const rejection = page.getByRole('region', { name: 'Rejected: Qualify' });
  await expect(rejection).toContainText('deadline passed');
  await expect(rejection).toContainText('What to do:');
  await expect(stageOf(page)).toHaveText('Pool');
  // The open step went with its button: a lead in the pool cannot be closed.
  await expect(closeWon).toHaveCount(0);
  await expect(page.locator('.stagebox')).toContainText('SQL deadline passed');
  await shot(page, test.info().outputPath('deadline-rejected.png'));

  // It is also in the list of rejected actions, until dismissed.
  await page.getByRole('button', { name: 'Back to the list' }).click();
  await page
    .getByRole('button', { name: /Rejected/ })
    .first()
    .click();
  await expect(page.getByRole('region', { name: 'Rejected: Qualify' })).toContainText('Dora Deadline');
  await page.getByRole('button', { name: 'Dismiss rejected Qualify' }).click();
  await expect(page.getByText('No rejected actions.')).toBeVisible();
  await page.getByRole('button', { name: 'Pool' }).click();
  await expect(page.getByRole('list', { name: 'Pool' })).toContainText('Dora Deadline');

  // Reclaiming her at once is refused by the same rule the server applies, explained before anything is saved.
  await page.getByRole('button', { name: 'Claim Dora Deadline' }).click();
  await expect(page.getByRole('alert')).toContainText('you can reclaim it in');
  await expect(page.getByRole('alert')).toContainText('Another rep may take it meanwhile.');
  await expectAllSynced(page);
});
