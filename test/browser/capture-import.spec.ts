import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { generateCsv } from '../../bench/import.ts';
import { expect, serverLeads, signedIn, test } from './capture-helpers';
import type { Server } from './leadline';

/** CSV import (import.html) and export, against the real sync server. */
let server: Server | undefined;
test.afterEach(async () => {
  await server?.teardown();
  server = undefined;
});

/** The real CRM exports, read in place (never copied). */
const CSV = path.resolve(import.meta.dirname, '../../../shared/fixtures/csv');
const HUBSPOT = path.join(CSV, 'hubspot-all-contacts-export.csv');
const SALESFORCE = path.join(CSV, 'salesforce-leads-dataloader-export.csv');
const ZOHO = path.join(CSV, 'zoho-leads-export__excel-eu-resave.csv');

async function pick(page: Page, file: string) {
  await page.getByLabel('CSV file').setInputFiles(file);
  await expect(page.getByRole('heading', { name: path.basename(file), level: 2 })).toBeVisible({
    timeout: 30_000,
  });
}

async function importAll(page: Page, count: number) {
  await page.getByRole('button', { name: `Import ${count} lead${count === 1 ? '' : 's'}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Done in' })).toBeVisible({ timeout: 30_000 });
}

test('CRM files: preview with problems, import the OK rows, re-import shows them done; export', async ({
  extension,
}) => {
  const s = await signedIn(extension, 'Ana Rep');
  server = s.server;
  const token = s.team.users['Ana Rep'].token;
  const page = await extension.context.newPage();
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(extension.url('import.html'));

  await pick(page, HUBSPOT);
  await expect(page.locator('[data-crm]')).toHaveText('HubSpot');
  await expect(page.getByLabel('Encoding')).toHaveValue('utf-8');
  await expect(page.getByLabel('Delimiter')).toHaveValue(',');
  await expect(page.locator('.counts')).toContainText('3 ready');
  await expect(page.getByLabel('First Name', { exact: true })).toHaveValue('firstName');
  await page.screenshot({ path: test.info().outputPath('01-hubspot-preview.png'), fullPage: true });
  await importAll(page, 3);
  await expect(page.locator('.import-progress')).toContainText('Imported on the server: 3 of 3');
  await expect.poll(async () => (await serverLeads(s.server, token)).length).toBe(3);

  // Salesforce: Lily Zhang is now a lead (from HubSpot); a phone fragment is refused.
  await pick(page, SALESFORCE);
  await expect(page.locator('[data-crm]')).toHaveText('Salesforce');
  await expect(page.locator('tr[data-row="4"] [data-code="DUPLICATE_LEAD"]')).toContainText(
    'Already a lead of the team, with the same email (lilyzhang@szw.example).',
  );
  await expect(page.getByRole('checkbox', { name: 'Import row 4' })).toBeDisabled();
  await expect(page.locator('tr[data-row="3"] [data-code="PHONE_INVALID"]')).toContainText('0123 5432114');
  await page.screenshot({ path: test.info().outputPath('02-salesforce-preview.png'), fullPage: true });
  await importAll(page, 2);
  // The summary counts the row it left out (Lily, already a lead), not only what it created.
  await expect(page.getByRole('status').filter({ hasText: 'Done in' })).toContainText(
    '1 row(s) of the file left out',
  );
  await expect.poll(async () => (await serverLeads(s.server, token)).length).toBe(5);

  // Zoho, re-saved by a European Excel: semicolons. The last file's row filter does not carry over.
  await page.getByRole('button', { name: 'With problems' }).click();
  await pick(page, ZOHO);
  await expect(page.getByRole('button', { name: 'All rows' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-crm]')).toHaveText('Zoho');
  await expect(page.getByLabel('Delimiter')).toHaveValue(';');
  await importAll(page, 2);
  await expect.poll(async () => (await serverLeads(s.server, token)).length).toBe(7);

  // The same file again (a re-run after a failure, or by mistake): everything is already imported.
  await page.reload();
  await pick(page, HUBSPOT);
  await expect(page.locator('.counts')).toContainText('3 already imported');
  await expect(page.getByRole('button', { name: 'Import 0 leads' })).toBeDisabled();
  await page.getByRole('button', { name: 'Already imported' }).click();
  await expect(page.locator('tbody tr.imported')).toHaveCount(3);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: test.info().outputPath('03-reimport-360.png'), fullPage: true });
  expect((await serverLeads(s.server, token)).length).toBe(7);

  // Export from the sidebar: UTF-8 with BOM, one row per lead, the same leads as the server's.
  const sidebar = s.sidebar;
  await sidebar.bringToFront();
  await sidebar.getByRole('button', { name: '+ Lead' }).click();
  await sidebar.screenshot({ path: test.info().outputPath('04-capture-tab.png'), fullPage: true });
  const [download] = await Promise.all([
    sidebar.waitForEvent('download'),
    sidebar.getByRole('button', { name: 'Export leads (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^leadline-leads-\d{4}-\d\d-\d\d\.csv$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^Lead ID,Name,Company,Title,Email,Phone/);
  expect(lines).toHaveLength(8);
  const ids = lines.slice(1).map((l) => l.split(',')[0]);
  expect(new Set(ids)).toEqual(new Set((await serverLeads(s.server, token)).map((l) => l.id)));
  // Phones are guarded against formula interpretation ('+…), and names come through as written.
  expect(lines.join('\n')).toContain("'+17135550137");
  expect(lines.join('\n')).toContain('Maria Hoyt');
  await expect(sidebar.getByRole('status').filter({ hasText: 'Exported 7 lead(s).' })).toBeVisible();
});

test('10,000 rows: preview problems, then every importable row decided on the server and shown done', async ({
  extension,
}) => {
  test.setTimeout(120_000);
  const s = await signedIn(extension, 'Ana Rep');
  server = s.server;
  const dir = mkdtempSync(path.join(tmpdir(), 'leadline-csv-'));
  const file = path.join(dir, 'hubspot-10000.csv');
  // Generated like bench/import.ts (2 % Excel-mangled phones, 1 % repeated rows), plus a first row with no contact.
  const [header, ...rows] = generateCsv(10_000).split('\r\n');
  writeFileSync(file, [header, `99999${','.repeat(23)}`, ...rows].join('\r\n'));
  try {
    const page = await extension.context.newPage();
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.goto(extension.url('import.html'));
    const t0 = Date.now();
    await pick(page, file);
    const previewMs = Date.now() - t0;
    await expect(page.locator('.counts')).toContainText('10001 rows');
    await page.getByRole('button', { name: 'Not importable' }).click();
    await expect(page.locator('[data-code="DUPLICATE_IN_FILE"]').first()).toBeVisible();
    await expect(page.locator('tr[data-row="2"] [data-code="NO_CONTACT"]')).toBeVisible();
    await page.getByRole('button', { name: 'With problems' }).click();
    await expect(page.locator('[data-code="PHONE_MANGLED"]').first()).toContainText('1.38001E+10');
    await page.screenshot({ path: test.info().outputPath('05-10k-problems.png') });
    const label = (await page.locator('.import-bar button.primary').textContent()) ?? '';
    const count = Number(/Import (\d+) leads/.exec(label)?.[1]);
    expect(count).toBeGreaterThan(9_000);

    const token = s.team.users['Ana Rep'].token;
    const serverTotal = async () => {
      const r = await fetch(`${s.server.httpUrl}/api/v1/leads?limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await r.json()) as { total: number }).total;
    };
    const t1 = Date.now();
    await page.locator('.import-bar button.primary').click();
    await expect(page.locator('.import-progress')).toContainText(
      `Saved on this device: ${count} of ${count}`,
      {
        timeout: 30_000,
      },
    );
    const savedMs = Date.now() - t1;
    await page.screenshot({ path: test.info().outputPath('06-10k-progress.png') });
    // On the server: every row decided (polled through the HTTP API, 4 times a second).
    await expect.poll(serverTotal, { timeout: 60_000, intervals: [250] }).toBe(count);
    const serverMs = Date.now() - t1;
    // On this device: the verdicts synced back, the page says done.
    await expect(page.getByRole('status').filter({ hasText: 'Done in' })).toBeVisible({ timeout: 90_000 });
    const localMs = Date.now() - t1;
    await expect(page.locator('.import-progress')).toContainText(
      `Imported on the server: ${count} of ${count}`,
    );
    await page.screenshot({ path: test.info().outputPath('06-10k-done.png') });
    const figure =
      `10,000-row CSV (${count} importable): preview ${previewMs} ms; after Import: saved on this device ` +
      `${savedMs} ms, all decided on the server ${serverMs} ms, shown done on this device ${localMs} ms`;
    console.log(figure);
    test.info().annotations.push({ type: 'import-10k', description: figure });
    // Tests stay deterministic: the timing is a figure (printed here), not an assertion; the 10 s goal is
    // measured on a quiet machine by the benchmarks.
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
