import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { FlappingServer } from '../integration/helpers/flapper.ts';
import { seedTeam, tempDataDir } from '../integration/helpers/server.ts';
import { localLeads } from './faults-support';
import { ExtensionBrowser, expect, test } from './fixtures';
import { captureLead, expectAllSynced, expectOnline, openSidebar, signIn } from './leadline';

/**
 * Fault: the network flaps — the sync server stops and starts again (same port, same data) every few seconds for
 * a minute — while two browser profiles keep working: each captures leads and logs a call on each. Afterwards
 * both profiles and the server hold exactly the same leads, none lost, none twice, each with exactly one call.
 * The time from the end of the flapping to convergence is printed (bench/faults-flapping.ts measures the same
 * with four y-websocket clients).
 */
const FLAP = { durationMs: 60_000, downMs: 2_000, upMs: 3_000 };
const dataDir = tempDataDir();
let flapper: FlappingServer | undefined;
const browsers: ExtensionBrowser[] = [];
test.afterAll(async () => {
  for (const b of browsers) await b.dispose();
  await flapper?.down();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('two profiles converge after a minute of server flapping, nothing lost or duplicated', async () => {
  test.setTimeout(240_000);
  flapper = await FlappingServer.start(dataDir);
  const team = seedTeam(flapper.server, 'Flappy', {
    'Tina Tele': 'telemarketer',
    'Theo Tele': 'telemarketer',
  });
  const people = ['Tina Tele', 'Theo Tele'] as const;
  const pages: Page[] = [];
  for (const who of people) {
    const b = await ExtensionBrowser.launch();
    browsers.push(b);
    const page = await openSidebar(b);
    await signIn(page, flapper.httpUrl, team.users[who].token);
    await expectOnline(page);
    pages.push(page);
  }

  // Both work through the flapping: capture a lead, log an interested call on it, next.
  const captured: string[] = [];
  let flapping = true;
  async function work(page: Page, who: string) {
    for (let i = 1; flapping && i <= 100; i++) {
      const name = `${who.split(' ')[0]} Lead ${String(i).padStart(2, '0')}`;
      await captureLead(page, {
        name,
        company: `${who} Co`,
        email: `${name.replace(/ /g, '.').toLowerCase()}@flap.example`,
      });
      captured.push(name);
      await page.getByRole('button', { name: 'Log call' }).click();
      await page.getByRole('button', { name: /^Interested/ }).click();
      // The call is on the card (pending or decided).
      await expect(page.getByRole('region', { name: 'Calls · 1' })).toBeVisible();
    }
  }
  const flap = flapper.flap(FLAP).finally(() => {
    flapping = false;
  });
  const [{ outages, backAt }] = await Promise.all([
    flap,
    work(pages[0], people[0]),
    work(pages[1], people[1]),
  ]);

  // Converged: every action synced on both, and both read models equal the server's state.
  const serverLeads = () =>
    [...[...flapper!.server.authority.teams.values()][0].state.leads.values()]
      .map((l) => ({ name: l.contact.name ?? '', stage: l.stage as string | null, calls: l.calls.length }))
      .sort((a, b) => a.name.localeCompare(b.name));
  const view = async (page: Page) =>
    (await localLeads(page)).map((l) => ({ name: l.name, stage: l.stage, calls: l.calls }));
  await expect
    .poll(
      async () => {
        const want = serverLeads();
        const [a, b] = await Promise.all(pages.map(view));
        return (
          want.length === captured.length &&
          JSON.stringify(a) === JSON.stringify(want) &&
          JSON.stringify(b) === JSON.stringify(want)
        );
      },
      { timeout: 60_000, intervals: [100] },
    )
    .toBe(true);
  const convergedMs = Date.now() - backAt;
  for (const p of pages) await expectAllSynced(p);
  console.log(
    `faults-flapping: ${outages} outages in ${FLAP.durationMs / 1000} s, ${captured.length} leads (${captured.length * 2} actions) from 2 profiles; converged ${convergedMs} ms after the server came back from the last outage`,
  );
  test.info().annotations.push({ type: 'converged after flapping (ms)', description: String(convergedMs) });

  // Nothing lost, nothing twice: each captured lead exactly once, each with its one call; no rejection anywhere.
  const final = serverLeads();
  expect(final.map((l) => l.name)).toEqual([...captured].sort((a, b) => a.localeCompare(b)));
  expect(final.every((l) => l.calls === 1 && l.stage === 'new')).toBe(true);
  expect(outages).toBeGreaterThanOrEqual(10);
  expect(captured.length).toBeGreaterThanOrEqual(6);
  for (const p of pages) await expect(p.locator('.rejection')).toHaveCount(0);
});
