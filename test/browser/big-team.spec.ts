import { makeLead } from '../../shared/fixtures-gen.ts';
import type { Lead } from '../../shared/lead.ts';
import { AUTHORITY, encodeLead } from '../../shared/sync-docs.ts';
import { expect, test } from './fixtures';
import { expectOnline, openSidebar, type Server, serverWithTeam, signIn } from './leadline';

let server: Server | undefined;
test.afterEach(async () => {
  await server?.teardown();
  server = undefined;
});

// More open leads than Today holds (FOCUS_LIMIT, 50): the cut list must say so.
const OPEN = 55;
const WON = 4000;

test('a first sync of a big team: Today first, then every other lead reaches the open views', async ({
  extension,
}) => {
  const s = await serverWithTeam({ 'Ana Rep': 'rep' });
  server = s.server;
  const ana = s.team.users['Ana Rep'].id;
  // ~3 MB of leads, written by the server in one go: the extension gets them in parts of ~256 KB, builds
  // Today's rows first and writes the won ones under Dexie (rebuildRowsQuietly), telling the pages as it goes.
  const room = s.server.authority.teams.get(s.team.id)!.authority;
  room.write(() => {
    const leads = room.doc.getMap(AUTHORITY.leads);
    const add = (i: number, stage: Lead['stage']) => {
      const id = `lead-big-${String(i).padStart(5, '0')}`;
      const name = `${stage === 'won' ? 'Won' : 'Open'} Contact ${i}`;
      leads.set(
        id,
        encodeLead(
          makeLead({
            id,
            stage,
            owner: ana,
            sqlSince: Date.now() - 3_600_000,
            sqlDeadline: Date.now() + 5 * 86_400_000,
            contact: { name, company: `Company ${i}`, emails: [`c${i}@big.example`], phones: [] },
          }),
        ),
      );
    };
    for (let i = 0; i < OPEN; i++) add(i, 'sql');
    for (let i = OPEN; i < OPEN + WON; i++) add(i, 'won');
  });

  const page = await openSidebar(extension);
  await signIn(page, s.server.httpUrl, s.team.users['Ana Rep'].token);
  // Today's rows come first; My leads is opened at once, while the won rows may still be on their way.
  await expect(page.getByRole('list', { name: "Today's focus" }).getByRole('listitem').first()).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByRole('heading', { name: /^Today · 50\+ leads, 50\+ due today$/ })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.locator('.more-note')).toHaveText(
    'The 50 most urgent are shown. The others are in My leads and the Pool.',
  );
  await page.getByRole('button', { name: 'My leads' }).click();
  await expect(page.getByRole('heading', { name: `SQL · ${OPEN}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Won · ${WON}` })).toBeVisible({ timeout: 20_000 });
  await expectOnline(page);
  await page.screenshot({ path: test.info().outputPath('big-team-my-leads.png') }); // the viewport: the page is 4,000 items long

  await page.getByLabel('Search leads').fill('Won Contact 3999');
  await expect(page.getByText('Won Contact 3999', { exact: true })).toBeVisible();
});
