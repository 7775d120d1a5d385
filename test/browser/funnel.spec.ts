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
  stageOf,
} from './leadline';

let server: Server | undefined;
test.afterEach(async () => {
  await server?.teardown();
  server = undefined;
});

test('a rep signs in, captures a lead and runs it through every stage to won', async ({ extension }) => {
  const s = await serverWithTeam({ 'Ana Rep': 'rep', 'Mia Manager': 'manager' });
  server = s.server;
  const page = await openSidebar(extension);
  await expect(page.getByText('Not signed in')).toBeVisible();
  await shot(page, test.info().outputPath('01-signed-out.png'));
  await signIn(page, s.server.httpUrl, s.team.users['Ana Rep'].token);
  await expect(page.locator('.who')).toContainText('Ana Rep · Acme Sales');
  await expectOnline(page);

  await captureLead(page, {
    name: 'Li Wei',
    company: 'Acme GmbH',
    email: 'li.wei@acme.example',
    phone: '(212) 555-0142',
  });
  await expect(stageOf(page)).toHaveText('New');
  await expectAllSynced(page);
  await shot(page, test.info().outputPath('02-captured.png'));

  await page.getByRole('button', { name: 'Log call' }).click();
  await page.getByRole('button', { name: /^Interested/ }).click();
  await expect(page.locator('.calls')).toContainText('Interested');

  // Keyboard: an opened form takes the focus; Escape cancels the form (not the card) and gives the focus back.
  const transfer = page.getByRole('button', { name: 'Transfer', exact: true });
  await transfer.click();
  await expect(page.getByLabel('Transfer to rep')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Transfer to rep')).toHaveCount(0);
  await expect(transfer).toBeFocused();
  await expect(stageOf(page)).toHaveText('New');
  await transfer.click();
  await page.getByLabel('Transfer to rep').selectOption({ label: 'Ana Rep' });
  await page.getByRole('button', { name: 'Transfer as MQL' }).click();
  await expect(stageOf(page)).toHaveText('MQL');
  // After the action the focus rests on the card, not on <body>.
  await expect(page.locator('#actions-h')).toBeFocused();

  await page.getByRole('button', { name: 'Accept MQL' }).click();
  await expect(stageOf(page)).toHaveText('SQL');
  await expect(page.getByRole('timer')).toContainText(/6 d 23 h left|7 d 0 h left/);
  await expectAllSynced(page);
  await shot(page, test.info().outputPath('03-sql.png'));

  // Today: the SQL's reason says when its deadline is, once (no second countdown beside it), under a header
  // that counts the list and, apart, what is due today.
  await page.getByRole('button', { name: 'Today', exact: true }).click();
  const todayList = page.getByRole('list', { name: "Today's focus" });
  await expect(todayList.getByRole('button')).toHaveCount(1);
  await expect(todayList.locator('.reason')).toHaveText(/^Deadline in (6 d 23 h|7 d 0 h)$/);
  await expect(todayList.locator('.countdown')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Today · 1 lead, 0 due today' })).toBeVisible();
  await shot(page, test.info().outputPath('03b-today.png'));
  await todayList.getByRole('button').first().click();

  await page.getByRole('button', { name: 'Qualify', exact: true }).click();
  await page.getByLabel('Confirmed demand').fill('CRM for the sales floor');
  await page.getByRole('button', { name: 'Qualify as opportunity' }).click();
  await expect(page.getByRole('alert')).toContainText('Still missing: the number of seats');
  // The missing field is marked and focused; the filled ones are not.
  await expect(page.getByLabel('Seats')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Seats')).toHaveAccessibleDescription(/Still missing: the number of seats/);
  await expect(page.getByLabel('Seats')).toBeFocused();
  await expect(page.getByLabel('Confirmed demand')).not.toHaveAttribute('aria-invalid', 'true');
  await shot(page, test.info().outputPath('04-qualify-missing.png'));
  await page.getByLabel('Seats').fill('25');
  await page.getByRole('button', { name: 'Qualify as opportunity' }).click();
  await expect(stageOf(page)).toHaveText('Opportunity');

  await page.getByRole('button', { name: 'Move phase' }).click();
  await page.getByLabel('Phase', { exact: true }).selectOption('demo');
  await page.getByRole('button', { name: 'Move to phase' }).click();
  await expect(page.locator('.deal')).toContainText('Demo');

  await page.getByRole('button', { name: 'Set deal' }).click();
  await page.getByLabel('Deal value').fill('24000');
  await page.getByLabel('Currency').fill('EUR');
  // A past close date is a typo: refused with the date named, nothing saved.
  await page.getByLabel('Expected close').fill('2020-01-01');
  await page.getByRole('button', { name: 'Save deal' }).click();
  await expect(page.getByRole('alert')).toContainText('The expected close date 2020-01-01 is in the past.');
  await expect(page.locator('.deal')).toContainText('not set');
  await page.getByLabel('Expected close').fill('');
  await page.getByRole('button', { name: 'Save deal' }).click();
  await expect(page.locator('.deal')).toContainText('24,000');
  await expectAllSynced(page);
  await shot(page, test.info().outputPath('05-opportunity.png'));

  // Closing as won is final: a step of its own with what the order counts for and an optional note.
  await page.getByRole('button', { name: 'Close won' }).click();
  const closeWon = page.getByRole('form', { name: 'Close as won' });
  await expect(closeWon).toContainText('Order: €24,000');
  await closeWon.getByLabel(/Order note/).fill('Signed for 25 seats');
  await shot(page, test.info().outputPath('05b-close-won.png'));
  await closeWon.getByRole('button', { name: 'Close as won' }).click();
  await expect(stageOf(page)).toHaveText('Won');
  await expect(page.locator('.deal')).toContainText('Signed for 25 seats');
  // The stage history reads as words, not event names.
  await page.getByText(/^Stage history/).click();
  await expect(page.locator('.stages')).toContainText('SQL · accepted as SQL by');
  await expect(page.locator('.stages')).not.toContainText('mqlAccepted');
  await expectAllSynced(page);
  // The server decided every step: nothing pending, nothing rejected.
  await expect(page.locator('.rejection')).toHaveCount(0);
  await shot(page, test.info().outputPath('06-won.png'));

  // Search finds it by the phone in another format, and by company.
  await page.getByRole('button', { name: 'Back to the list' }).click();
  await page.getByLabel('Search leads').fill('+1 212-555-0142');
  await expect(page.getByRole('list', { name: 'Search results' }).getByText('Li Wei')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Search · 1 lead' })).toBeVisible();
  await shot(page, test.info().outputPath('07-search.png'));
  await page.getByLabel('Search leads').fill('acme');
  await expect(page.getByRole('list', { name: 'Search results' }).getByText('Li Wei')).toBeVisible();
});
