import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { expectOffline, openSidebar, type Server, serverWithTeam, shot, signIn } from './leadline';

let server: Server | undefined;
let garbage: http.Server | undefined;
test.afterEach(async () => {
  await server?.teardown();
  server = undefined;
  await new Promise((r) => (garbage ? garbage.close(r) : r(undefined)));
  garbage = undefined;
});

test('a wrong token is refused with a clear message and nothing is saved', async ({ extension }) => {
  const s = await serverWithTeam({ 'Ana Rep': 'rep' });
  server = s.server;
  const page = await openSidebar(extension);
  await signIn(page, s.server.httpUrl, 'not-the-right-token-0123456789');
  await expect(page.getByRole('alert')).toContainText('did not accept this token');
  await shot(page, test.info().outputPath('wrong-token.png'));
  await page.reload();
  await expect(page.getByText('Not signed in')).toBeVisible();
});

test('a server that answers garbage, and no server at all, are told apart', async ({ extension }) => {
  garbage = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>It works!</body></html>');
  });
  await new Promise<void>((r) => garbage!.listen(0, '127.0.0.1', r));
  const port = (garbage.address() as AddressInfo).port;
  const page = await openSidebar(extension);
  await signIn(page, `http://127.0.0.1:${port}`, 'some-token-0123456789abcdef');
  await expect(page.getByRole('alert')).toContainText('answered, but not like a Leadline server');
  await new Promise((r) => garbage!.close(r));
  garbage = undefined;
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('No server answered');
  await page.reload();
  await expect(page.getByText('Not signed in')).toBeVisible();
});

test('an invite link alone signs in, shows who you are; signing out warns about unsynced actions and wipes', async ({
  extension,
}) => {
  const s = await serverWithTeam({ 'Tina Tele': 'telemarketer' });
  server = s.server;
  const page = await extension.context.newPage();
  await page.goto(extension.url('options.html'));
  await page
    .getByLabel('Token or invite link')
    .fill(`${s.server.httpUrl}/join?token=${s.team.users['Tina Tele'].token}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const account = page.getByRole('region', { name: 'Signed in' });
  await expect(account).toContainText('Tina Tele');
  await expect(account).toContainText('telemarketer');
  await expect(account).toContainText('Acme Sales');
  await expect(account).toContainText('online', { timeout: 15_000 });

  // An action that cannot reach the server (it is stopped) makes sign-out warn before deleting it.
  await s.server.close();
  server = undefined;
  const panel = await openSidebar(extension);
  await expectOffline(panel);
  await panel.getByRole('button', { name: '+ Lead' }).click();
  await panel.getByLabel('Name', { exact: true }).fill('Unsynced Ursula');
  // Every wrong field is told at once, beside its field.
  await panel.getByLabel('Email', { exact: true }).fill('ursula@@example');
  await panel.getByLabel('Phone', { exact: true }).fill('12');
  await panel.getByRole('button', { name: 'Capture lead' }).click();
  await expect(panel.locator('#cap-email-err')).toContainText('is not an email address');
  await expect(panel.locator('#cap-phone-err')).toContainText('“12”');
  await expect(panel.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  // The cursor is in the first wrong field; fixing it takes its error off.
  await expect(panel.getByLabel('Email', { exact: true })).toBeFocused();
  await panel.getByLabel('Email', { exact: true }).fill('');
  await expect(panel.locator('#cap-email-err')).toHaveCount(0);
  await expect(panel.locator('#cap-phone-err')).toHaveCount(1);
  await panel.getByLabel('Phone', { exact: true }).fill('');
  await panel.getByRole('button', { name: 'Capture lead' }).click();
  await expect(panel.locator('footer.statusbar')).toContainText('1 action waiting to sync');
  // An offline edit has no verdict to wait for, but is just as unsynced: it is counted and warned about.
  await panel.getByLabel('Title', { exact: true }).fill('Head of IT');
  await panel.getByLabel('Title', { exact: true }).blur();
  await expect(panel.locator('footer.statusbar')).toContainText('1 action and 1 edit waiting to sync');
  await expect(panel.locator('.field', { hasText: 'Title' })).toContainText('saved');
  // A refused value stays in the field with its error (the user fixes it, not retypes it); Escape undoes.
  const phones = panel.getByLabel('Phones', { exact: true });
  await phones.fill('+49 30 1234567, abc');
  await phones.blur();
  await expect(panel.locator('#f-phones-err')).toContainText('“abc”');
  await expect(phones).toHaveValue('+49 30 1234567, abc');
  await phones.focus();
  await phones.press('Escape');
  await expect(phones).toHaveValue('');
  await expect(panel.locator('#f-phones-err')).toHaveCount(0);
  // Today (with her, pending) is kept as the next opening's first paint…
  const snapshot = () => panel.evaluate(() => localStorage.getItem('leadline:today-snapshot'));
  await panel.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Today/ }).click();
  await expect(panel.getByRole('list', { name: "Today's focus" })).toContainText('Unsynced Ursula');
  await expect.poll(snapshot).toContain('Unsynced Ursula');
  expect(await snapshot()).not.toContain(s.team.users['Tina Tele'].token);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('alertdialog')).toContainText(
    '1 action and 1 edit have not reached the server yet',
  );
  await shot(page, test.info().outputPath('signout-warning.png'));
  await page.getByRole('button', { name: 'Sign out and lose them' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your team' })).toBeVisible();
  await expect(panel.getByText('Not signed in')).toBeVisible();
  // …and signing out leaves no trace of it.
  expect(await snapshot()).toBeNull();
  const worker = await extension.serviceWorker();
  const left = await worker.evaluate(async () => {
    const open = indexedDB.open('leadline');
    const db = await new Promise<IDBDatabase>((r) => {
      open.onsuccess = () => r(open.result);
    });
    const count = (name: string) =>
      new Promise<number>((r) => {
        const q = db.transaction(name).objectStore(name).count();
        q.onsuccess = () => r(q.result);
      });
    return {
      leads: await count('leads'),
      outbox: await count('outbox'),
      docs: await count('docs'),
      meta: await count('meta'),
    };
  });
  expect(left).toEqual({ leads: 0, outbox: 0, docs: 0, meta: 0 });
});
