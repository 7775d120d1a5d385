import {
  allowThirdPartyStorage,
  expect,
  expectHostClean,
  openPanel,
  serverLeads,
  shotPanel,
  signedIn,
  test,
} from './capture-helpers';
import type { Server } from './leadline';

/** A telemarketer on a web dialer: the ringing number, the call script, one-tap outcomes, the transfer. */
let server: Server | undefined;
test.afterEach(async () => {
  await server?.teardown();
  server = undefined;
});

const ring = ([n, s]: [string, string]) =>
  (window as unknown as { ring(n: string, s: string): void }).ring(n, s);

test('Aircall ringing: capture the number, script, log no answer (history), interested → transfer → MQL', async ({
  extension,
}) => {
  await allowThirdPartyStorage(extension);
  const s = await signedIn(extension, 'Tara Tele');
  server = s.server;
  const token = s.team.users['Tara Tele'].token;
  const { page, frame, errors } = await openPanel(extension, 'https://phone.aircall.io/phone');
  await page.evaluate(ring, ['+1 (415) 555-0134', 'Incoming call'] as [string, string]);
  const ctx = frame.locator('section.pagectx');
  await expect(ctx.getByRole('heading', { name: 'On Aircall' })).toBeVisible();
  await expect(ctx.locator('.sender')).toContainText('Ringing');
  await expect(ctx.locator('.sender')).toContainText('+1 415 555 0134');
  // The team's call script, filled with who is calling and for which company.
  const script = ctx.getByRole('region', { name: 'Call script' });
  await expect(script).toContainText('Hi, this is Tara Tele from Acme Sales');
  await expect(script).toContainText('In thirty seconds');
  await expect(script).toContainText('let me hand you to Ana Rep');
  await shotPanel(page, '01-ringing-unknown.png');

  // Not a lead yet: one click captures the number.
  await ctx.getByRole('button', { name: 'Capture lead' }).click();
  await expect(ctx.getByRole('region', { name: 'Matching lead' }).locator('.chip')).toHaveText('New');
  await expect(ctx.getByRole('region', { name: 'Matching lead' })).toContainText(
    'Same phone: +1 415 555 0134',
  );
  // A call's number is all the page knows of its person: with it on this lead, nothing is left to capture apart.
  await expect(ctx.getByRole('button', { name: 'Capture as a new lead' })).toHaveCount(0);

  // Outcomes by keyboard: "4" is No answer.
  const noAnswer = ctx.getByRole('button', { name: 'No answer' });
  await expect(noAnswer).toHaveAttribute('aria-keyshortcuts', '4');
  await ctx.getByRole('button', { name: 'Interested' }).focus();
  await page.keyboard.press('4');
  await expect(ctx.getByRole('status').filter({ hasText: 'Logged: No answer' })).toBeVisible();
  await expect(ctx.locator('.calls')).toContainText('No answer');
  await shotPanel(page, '02-no-answer.png');
  await expect
    .poll(async () => (await serverLeads(s.server, token, '4155550134'))[0]?.calls?.length ?? 0)
    .toBe(1);

  // The contact calls back and listens: interested, then the transfer to the rep picked here.
  await page.evaluate(ring, ['+1 (415) 555-0134', '00:41'] as [string, string]);
  await expect(ctx.locator('.sender')).toContainText('On the call');
  await ctx.getByRole('button', { name: 'Interested' }).click();
  await expect(ctx.getByRole('status').filter({ hasText: 'Logged: Interested' })).toBeVisible();
  await ctx.getByLabel('Transfer to rep').selectOption({ label: 'Ben Rep' });
  await expect(ctx.getByRole('region', { name: 'Call script' })).toContainText('hand you to Ben Rep');
  await shotPanel(page, '03-interested-transfer.png');
  await ctx.getByRole('button', { name: 'Transfer as MQL' }).click();
  await expect(ctx.getByRole('status').filter({ hasText: 'Transferred to Ben Rep' })).toBeVisible();
  await expect(ctx.getByRole('region', { name: 'Matching lead' }).locator('.chip')).toHaveText('MQL');
  await expect.poll(async () => (await serverLeads(s.server, token, '4155550134'))[0]?.stage).toBe('mql');
  const [lead] = await serverLeads(s.server, token, '4155550134');
  expect(lead).toMatchObject({ owner: s.team.users['Ben Rep'].id, source: 'dialer' });
  expect(lead.calls.map((c: { outcome: string }) => c.outcome)).toEqual(['no_answer', 'interested']);
  await shotPanel(page, '04-mql.png');
  await expectHostClean(page, ['Hi, this is Tara Tele', 'Owner:', 'Logged:']);
  expect(errors).toEqual([]);
});
