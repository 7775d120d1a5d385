import { api } from '../integration/helpers/api.ts';
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

/** Capture from webmail: the sidebar reads the open message's sender and signature (issue 5). */
let server: Server | undefined;
test.afterEach(async () => {
  await server?.teardown();
  server = undefined;
});

const GMAIL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmQvAcmeThread';

test('Gmail: sender + prefilled capture; capture; after a reload the matching lead with its stage', async ({
  extension,
}) => {
  await allowThirdPartyStorage(extension);
  const s = await signedIn(extension, 'Ana Rep');
  server = s.server;
  const { page, frame, errors } = await openPanel(extension, GMAIL);
  const ctx = frame.locator('section.pagectx');
  await expect(ctx.getByRole('heading', { name: 'On Gmail' })).toBeVisible();
  await expect(ctx.locator('.sender')).toContainText('Jane Doe');
  await expect(ctx.locator('.sender')).toContainText('jane.doe@acme-industrial.example');
  await expect(ctx.locator('.subject')).toHaveText('Seats for Q3');
  // Prefilled from the header and the signature.
  const summary = ctx.getByRole('list', { name: 'Will be captured as' });
  await expect(summary).toContainText('Head of Procurement');
  await expect(summary).toContainText('Acme Industrial GmbH');
  await expect(summary).toContainText('+49 30 1234567');
  await shotPanel(page, '01-gmail-prefilled.png');

  // Editable before confirming.
  await ctx.getByRole('button', { name: 'Edit first' }).click();
  await expect(ctx.getByLabel('Name', { exact: true })).toHaveValue('Jane Doe');
  await ctx.getByLabel('Note').fill('Asked for a quote: 25 seats');
  await shotPanel(page, '02-gmail-edit.png');
  await ctx.getByRole('button', { name: 'Capture lead' }).click();

  const match = ctx.getByRole('region', { name: 'Matching lead' });
  await expect(match).toContainText('Jane Doe');
  await expect(match.locator('.chip')).toHaveText('New');
  await expect(match).toContainText('Owner: Ana Rep');
  await expect
    .poll(async () => (await serverLeads(s.server, s.team.users['Ana Rep'].token, 'jane.doe')).length)
    .toBe(1);
  const [lead] = await serverLeads(s.server, s.team.users['Ana Rep'].token, 'jane.doe');
  expect(lead).toMatchObject({
    stage: 'new',
    source: 'gmail',
    note: 'Asked for a quote: 25 seats',
    contact: {
      name: 'Jane Doe',
      company: 'Acme Industrial GmbH',
      emails: ['jane.doe@acme-industrial.example'],
    },
  });
  expect(lead.contact.phones).toEqual(expect.arrayContaining(['+49301234567']));

  // Reload the host page: the sidebar now knows the sender as a lead.
  await page.reload();
  await page.locator('leadline-panel').getByRole('button', { name: 'Toggle the Leadline sidebar' }).click();
  const again = frame.locator('section.pagectx').getByRole('region', { name: 'Matching lead' });
  await expect(again).toContainText('Jane Doe');
  await expect(again.locator('.chip')).toHaveText('New');
  await shotPanel(page, '03-gmail-match.png');

  // Gmail's in-app navigation to another thread: the sidebar follows without a reload.
  await page.evaluate(() => {
    location.hash = '#inbox/FMfcgzQXKQmnWbtbGlobexThread';
  });
  await expect(frame.locator('section.pagectx .sender')).toContainText('Li Wei');
  await expect(frame.getByRole('button', { name: 'Capture lead' })).toBeVisible();
  await frame.getByRole('region', { name: 'Matching lead' }).waitFor({ state: 'detached' });

  // The page card sits above every list: it can be hidden to one line. Another message shows again; this
  // one stays hidden until shown.
  const pagectx = frame.locator('section.pagectx');
  await pagectx.getByRole('button', { name: 'Hide what is on Gmail' }).click();
  await expect(pagectx.locator('.pagectx-head')).toContainText('Li Wei · not a lead yet');
  await expect(pagectx.getByRole('button', { name: 'Capture lead' })).toHaveCount(0);
  const show = pagectx.getByRole('button', { name: 'Show what is on Gmail' });
  await expect(show).toHaveAttribute('aria-expanded', 'false');
  await shotPanel(page, '04-gmail-hidden.png');
  const openThread = (hash: string) =>
    page.evaluate((h) => {
      location.hash = h;
    }, hash);
  await openThread('#inbox/FMfcgzQXJWDsKmQvAcmeThread');
  await expect(pagectx.getByRole('region', { name: 'Matching lead' })).toContainText('Jane Doe');
  await openThread('#inbox/FMfcgzQXKQmnWbtbGlobexThread');
  await expect(pagectx.locator('.pagectx-head')).toContainText('Li Wei · not a lead yet');
  await show.click();
  await expect(pagectx.getByRole('button', { name: 'Capture lead' })).toBeVisible();

  // "Open lead" shows the card; the host page never receives any of it.
  await openThread('#inbox/FMfcgzQXJWDsKmQvAcmeThread');
  await frame.getByRole('button', { name: 'Open lead' }).click();
  await expect(frame.getByRole('heading', { name: 'Jane Doe', level: 2 })).toBeVisible();
  await expectHostClean(page, ['Owner: Ana Rep', 'Asked for a quote', 'Matching lead']);
  expect(errors).toEqual([]);
});

test('Gmail: another lead has the switchboard number of the signature: why it matched, capture as new', async ({
  extension,
}) => {
  await allowThirdPartyStorage(extension);
  const s = await signedIn(extension, 'Ana Rep');
  server = s.server;
  // Ben's lead: another person at Jane's company, with the switchboard number Jane's signature carries.
  const max = await api(s.server, s.team.users['Ben Rep'].token).command({
    type: 'capture',
    leadId: crypto.randomUUID(),
    contact: {
      name: 'Max Mustermann',
      company: 'Acme Industrial GmbH',
      emails: [],
      phones: ['+49301234567'],
    },
    source: 'api',
  });
  expect(max.body.verdict.status).toBe('accepted');
  const { page, frame, errors } = await openPanel(extension, GMAIL);
  const ctx = frame.locator('section.pagectx');
  await expect(ctx.locator('.sender')).toContainText('Jane Doe');

  // The match says why, and that it may be someone else; it offers to capture Jane apart.
  const match = ctx.getByRole('region', { name: 'Matching lead' });
  await expect(match).toContainText('Max Mustermann');
  await expect(match).toContainText('Same phone: +49 30 1234567');
  await expect(match.locator('.warn-note')).toHaveText(
    'Possibly another person: only the phone number is the same.',
  );
  await expect(match.getByRole('button', { name: 'Open lead' })).toBeVisible();
  const asNew = match.getByRole('button', { name: 'Capture as a new lead' });
  await expect(asNew).toHaveAttribute('aria-expanded', 'false');
  await expect(asNew).not.toHaveClass(/primary/);
  await shotPanel(page, '08-gmail-match-by-phone.png');
  // Folded to one line, it does not claim that Jane is a lead either.
  await ctx.getByRole('button', { name: 'Hide what is on Gmail' }).click();
  await expect(ctx.locator('.pagectx-head')).toContainText('Jane Doe · same phone as a lead');
  await ctx.getByRole('button', { name: 'Show what is on Gmail' }).click();

  // The draft leaves the switchboard out and says so; Jane's own email and mobile stay.
  await asNew.click();
  await expect(asNew).toHaveAttribute('aria-expanded', 'true');
  const form = ctx.getByRole('form', { name: 'Capture as a new lead' });
  await expect(form.locator('.warn-note')).toHaveText(
    '+49 30 1234567 is already on Max Mustermann: left out',
  );
  const summary = form.getByRole('list', { name: 'Will be captured as' });
  await expect(summary).toContainText('Jane Doe');
  await expect(summary).toContainText('jane.doe@acme-industrial.example');
  await expect(summary).toContainText('+49 171 2345678');
  await expect(summary).not.toContainText('+49 30 1234567');
  await shotPanel(page, '09-gmail-capture-as-new.png');
  // Cancel closes it; the lead stays as it was.
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toHaveCount(0);
  await asNew.click();
  await form.getByRole('button', { name: 'Capture lead' }).click();

  // Jane is now a lead of her own, matched by her email; Max's lead is the one more that shares a number.
  await expect(match).toContainText('Jane Doe');
  await expect(match).toContainText('Same email');
  await expect(match.locator('.warn-note')).toHaveCount(0);
  await expect(match).toContainText('1 more lead(s) share this email or phone.');
  // Her own email matched: she is that lead, nothing to capture apart.
  await expect(match.getByRole('button', { name: 'Capture as a new lead' })).toHaveCount(0);
  await shotPanel(page, '10-gmail-captured-apart.png');
  const token = s.team.users['Ana Rep'].token;
  await expect.poll(async () => (await serverLeads(s.server, token, 'jane.doe')).length).toBe(1);
  const [jane] = await serverLeads(s.server, token, 'jane.doe');
  expect(jane).toMatchObject({
    stage: 'new',
    owner: s.team.users['Ana Rep'].id,
    contact: { name: 'Jane Doe', emails: ['jane.doe@acme-industrial.example'], phones: ['+491712345678'] },
  });
  await expectHostClean(page, ['Max Mustermann', 'Same phone', 'left out', 'Owner:']);
  expect(errors).toEqual([]);
});

test('Outlook on the web: sender + capture, then the match', async ({ extension }) => {
  await allowThirdPartyStorage(extension);
  const s = await signedIn(extension, 'Tara Tele');
  server = s.server;
  const { page, frame } = await openPanel(
    extension,
    'https://outlook.office.com/mail/inbox/id/AAQkADExample',
  );
  const ctx = frame.locator('section.pagectx');
  await expect(ctx.getByRole('heading', { name: 'On Outlook' })).toBeVisible();
  await expect(ctx.locator('.sender')).toContainText('Bernd Müller');
  await expect(ctx.getByRole('list', { name: 'Will be captured as' })).toContainText('+49 89 12345678');
  await shotPanel(page, '04-outlook-prefilled.png');
  await ctx.getByRole('button', { name: 'Capture lead' }).click();
  await expect(ctx.getByRole('region', { name: 'Matching lead' }).locator('.chip')).toHaveText('New');
  await expect
    .poll(async () => (await serverLeads(s.server, s.team.users['Tara Tele'].token, 'mueller')).length)
    .toBe(1);
});

test('a page whose markup changed: "can\'t read this page" and manual capture works', async ({
  extension,
}) => {
  await allowThirdPartyStorage(extension);
  const s = await signedIn(extension, 'Ana Rep');
  server = s.server;
  const { page, frame, errors } = await openPanel(
    extension,
    'https://mail.google.com/mail/u/1/#inbox/FMfcgzQXJWDsKmQvAcmeThread',
  );
  const ctx = frame.locator('section.pagectx');
  await expect(ctx.getByText('Can’t read this page; capture manually.')).toBeVisible({ timeout: 15_000 });
  await expect(ctx).toContainText('Capture manually');
  await ctx.getByLabel('Name', { exact: true }).fill('Jane Doe');
  await ctx.getByLabel('Email', { exact: true }).fill('jane.doe@acme-industrial.example');
  await shotPanel(page, '05-unreadable.png');
  await ctx.getByRole('button', { name: 'Capture lead' }).click();
  await expect(frame.getByRole('heading', { name: 'Jane Doe', level: 2 })).toBeVisible();
  await expect
    .poll(async () => (await serverLeads(s.server, s.team.users['Ana Rep'].token, 'jane.doe')).length)
    .toBe(1);
  await expect(page.getByText('we would need 25 seats')).toBeVisible(); // the host page is unharmed
  expect(errors).toEqual([]);
});

test('third-party storage blocked: the in-page panel says so; the side panel shows the page', async ({
  extension,
}) => {
  const s = await signedIn(extension, 'Ana Rep');
  server = s.server;
  const page = await extension.context.newPage();
  await page.goto(GMAIL);
  await page.locator('leadline-panel').getByRole('button', { name: 'Toggle the Leadline sidebar' }).click();
  const frame = page.frameLocator('leadline-panel iframe');
  await expect(frame.getByRole('alert')).toContainText('blocks storage for embedded frames');
  await expect(frame.getByRole('button', { name: 'Open the side panel' })).toBeVisible();
  await shotPanel(page, '06-storage-blocked.png');
  // The side panel (here the sidebar page in a tab: it follows the web tab used last) shows the sender.
  await s.sidebar.bringToFront();
  await s.sidebar.reload();
  const ctx = s.sidebar.locator('section.pagectx');
  await expect(ctx.locator('.sender')).toContainText('Jane Doe');
  await expect(ctx.getByRole('button', { name: 'Capture lead' })).toBeVisible();
  await s.sidebar.screenshot({ path: test.info().outputPath('07-sidepanel-gmail.png'), fullPage: true });
});
