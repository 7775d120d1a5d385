import { ExtensionBrowser, expect, test } from './fixtures';
import {
  captureLead,
  expectAllSynced,
  expectOnline,
  openSidebar,
  type Server,
  serverWithTeam,
  shot,
  signIn,
  toSql,
} from './leadline';

let server: Server | undefined;
let manager: ExtensionBrowser | undefined;
test.afterEach(async () => {
  await manager?.dispose();
  await server?.teardown();
});

test('a rep asks for an extension in one profile; a manager denies it with a reason, then approves the next', async ({
  extension,
}) => {
  const s = await serverWithTeam({ 'Ana Rep': 'rep', 'Mia Manager': 'manager' });
  server = s.server;
  const rep = await openSidebar(extension);
  await signIn(rep, s.server.httpUrl, s.team.users['Ana Rep'].token);
  await expectOnline(rep);
  await captureLead(rep, { name: 'Kai Extend', company: 'Slowburn Ltd' });
  await toSql(rep, 'Ana Rep');
  await rep.getByRole('button', { name: 'Request extension' }).click();
  await rep.getByLabel('Why one more week?').fill('Their CFO is away until Monday');
  await rep.getByRole('button', { name: 'Ask a manager for one more week' }).click();
  await expect(rep.locator('.stagebox')).toContainText('request waiting for a manager');
  await expectAllSynced(rep);
  // One request at a time: the rules explain why there is no second button.
  await expect(rep.locator('.blocked')).toContainText('already waiting');

  manager = await ExtensionBrowser.launch();
  // At 360 px, the narrow end of a side panel: a manager's tabs (with the Approvals count) all fit.
  const mgr = await openSidebar(manager, 360);
  await signIn(mgr, s.server.httpUrl, s.team.users['Mia Manager'].token);
  await expectOnline(mgr);
  await mgr.getByRole('button', { name: /Approvals/ }).click();
  const request = mgr.getByRole('listitem', { name: 'Extension request for Kai Extend' });
  await expect(request).toContainText('Their CFO is away until Monday');
  await expect(request).toContainText('0 of 2 extensions used');
  await expect(request).toContainText('Ana Rep holds 0 of 10 extended leads');
  await shot(mgr, test.info().outputPath('manager-approvals.png'));
  const nav = await mgr.getByRole('navigation', { name: 'Views' }).boundingBox();
  const lastTab = await mgr.getByRole('button', { name: '+ Lead' }).boundingBox();
  expect(lastTab!.x + lastTab!.width).toBeLessThanOrEqual(nav!.x + nav!.width);
  // …and at 320 px, the narrowest a side panel gets.
  await mgr.setViewportSize({ width: 320, height: 760 });
  const nav320 = await mgr.getByRole('navigation', { name: 'Views' }).boundingBox();
  const lastTab320 = await mgr.getByRole('button', { name: '+ Lead' }).boundingBox();
  expect(lastTab320!.x + lastTab320!.width).toBeLessThanOrEqual(nav320!.x + nav320!.width);
  await shot(mgr, test.info().outputPath('manager-approvals-320.png'));
  await mgr.setViewportSize({ width: 360, height: 760 });

  // Deny asks why first (the rep reads it on the card); Cancel leaves the request as it was.
  await request.getByRole('button', { name: 'Deny…' }).click();
  const why = request.getByLabel(/Why not\?/);
  await expect(why).toBeFocused();
  await request.getByRole('button', { name: 'Cancel' }).click();
  await expect(request.getByRole('button', { name: 'Approve extension' })).toBeVisible();
  await expect(request.getByRole('button', { name: 'Deny…' })).toBeFocused();
  await request.getByRole('button', { name: 'Deny…' }).click();
  await why.fill('Ask them for a date first');
  await shot(mgr, test.info().outputPath('manager-deny.png'));
  await request.getByRole('button', { name: 'Deny extension' }).click();
  await expect(mgr.getByText('No extension requests are waiting.')).toBeVisible();
  await expectAllSynced(mgr);
  await expect(rep.locator('.stagebox')).toContainText(
    /Last extension request denied by Mia Manager on .*: “Ask them for a date first”/,
  );
  await expect(rep.locator('.stagebox')).toContainText('Extensions: 0 of 2 used');

  // The rep asks again, with the date; this one is approved.
  await rep.getByRole('button', { name: 'Request extension' }).click();
  await rep.getByLabel('Why one more week?').fill('The CFO signs on Monday the 14th');
  await rep.getByRole('button', { name: 'Ask a manager for one more week' }).click();
  await expectAllSynced(rep);
  // A request waiting hides the old denial: it is no longer the news.
  await expect(rep.locator('.stagebox')).not.toContainText('denied');
  await expect(request).toContainText('The CFO signs on Monday the 14th');
  await request.getByRole('button', { name: 'Approve' }).click();
  await expectAllSynced(mgr);
  await expect(mgr.getByText('No extension requests are waiting.')).toBeVisible();

  // The rep sees the decision: one extension used, the deadline a week later.
  await expect(rep.locator('.stagebox')).toContainText('Extensions: 1 of 2 used');
  await expect(rep.getByRole('timer')).toContainText(/13 d 23 h left|14 d 0 h left/);
  // The earlier denial is history, not shown under the approval.
  await expect(rep.locator('.stagebox')).not.toContainText('denied');
  await shot(rep, test.info().outputPath('rep-extended.png'));
});
