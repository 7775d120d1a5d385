// CSV import throughput: 10,000 generated rows through preview (decode, delimiter, mapping, phones via
// libphonenumber, duplicates), command building and the client-side schema check, then the authority's
// decide for every capture. `npx tsx bench/import.ts`; run() returns the figures for `npm run bench`.

import { pathToFileURL } from 'node:url';
import { parseCommand } from '../shared/decide.ts';
import { importableRows, toCaptureCommands } from '../shared/import/commands.ts';
import { existingFromTeamState } from '../shared/import/existing.ts';
import { exportLeadsCsv } from '../shared/import/export.ts';
import { buildImportPreview } from '../shared/import/preview.ts';
import { act, T0, TELE, team } from '../shared/testing.ts';

export type ImportBench = {
  rows: number;
  bytes: number;
  previewMs: number;
  commandsMs: number;
  validateMs: number;
  decideMs: number;
  exportMs: number;
  rowsPerSecond: number;
  counts: { ok: number; warning: number; error: number };
};

const COUNTRIES = ['United States', 'Germany', 'China', 'France'];
const PHONES = [
  (i: number) => `+1 212-555-${String(1000 + (i % 9000)).padStart(4, '0')}`,
  (i: number) => `030 ${String(1_000_000 + i)}`,
  (i: number) => `138 ${String(10_000_000 + i).slice(0, 4)} ${String(i % 10_000).padStart(4, '0')}`,
  (i: number) =>
    `+33 (0)1 ${String(10 + (i % 89))} ${String(10 + (i % 83))} ${String(10 + (i % 79))} ${String(10 + (i % 73))}`,
];

/** A HubSpot-like export: 24 columns, 2 % Excel-mangled phones, 1 % bad emails, 1 % repeated rows. */
export function generateCsv(rows: number): string {
  const header = [
    'Record ID',
    'First Name',
    'Last Name',
    'Company Name',
    'Job Title',
    'Email',
    'Phone Number',
    'Mobile Phone Number',
    'Website URL',
    'Country/Region',
    'Message',
    'Lifecycle Stage',
    'Lead Status',
    'Create Date',
    'City',
    'Street Address',
    'Postal Code',
    'Industry',
    'Contact owner',
    'Annual Revenue',
    'Number of Employees',
    'Last Activity Date',
    'Original Source',
    'Associated Company',
  ];
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const n = i % 100 === 99 ? i - 1 : i; // every 100th row repeats the previous contact
    const c = n % 4;
    const phone = i % 50 === 7 ? '1.38001E+10' : PHONES[c]!(n);
    const email = i % 100 === 13 ? `person${n}(at)example.com` : `person${n}@company${n % 997}.example`;
    lines.push(
      [
        String(1000 + i),
        `First${n}`,
        `Last${n}`,
        `"Company ${n % 997}, Inc."`,
        'Head of Purchasing',
        email,
        phone,
        '',
        `https://company${n % 997}.example`,
        COUNTRIES[c],
        i % 10 === 0 ? '"Met at fair, call back"' : '',
        'Lead',
        'New',
        '2024-03-04 15:22',
        'Springfield',
        '"1 Main St\nSuite 2"',
        '12345',
        'Software',
        'Sam Lee',
        '1000000',
        '50',
        '',
        'Offline Sources',
        `Company ${n % 997}`,
      ].join(','),
    );
  }
  return lines.join('\r\n');
}

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

export function run(rows = 10_000): ImportBench {
  const bytes = new TextEncoder().encode(generateCsv(rows));
  const state = team();
  const [preview, previewMs] = time(() =>
    buildImportPreview(bytes, { region: 'US', existing: existingFromTeamState(state), salt: TELE }),
  );
  if (!preview.ok) throw new Error(preview.error.message);
  const [commands, commandsMs] = time(() => toCaptureCommands(preview, importableRows(preview), T0));
  const [valid, validateMs] = time(() => commands.filter((c) => parseCommand(c).ok).length);
  if (valid !== commands.length) throw new Error(`${commands.length - valid} commands failed parseCommand`);
  const [accepted, decideMs] = time(() => commands.filter((c) => act(state, TELE, c, T0).ok).length);
  if (accepted !== commands.length) throw new Error(`${commands.length - accepted} captures were refused`);
  const [, exportMs] = time(() => exportLeadsCsv(state.leads.values()));
  const { ok, warning, error } = preview.counts;
  return {
    rows,
    bytes: bytes.length,
    previewMs: Math.round(previewMs),
    commandsMs: Math.round(commandsMs),
    validateMs: Math.round(validateMs),
    decideMs: Math.round(decideMs),
    exportMs: Math.round(exportMs),
    rowsPerSecond: Math.round((rows / (previewMs + commandsMs + validateMs)) * 1000),
    counts: { ok, warning, error },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = run();
  console.log(`import bench: ${r.rows} rows, ${(r.bytes / 1e6).toFixed(1)} MB`);
  console.log(`  preview (decode, parse, map, phones, duplicates): ${r.previewMs} ms`);
  console.log(`  capture commands: ${r.commandsMs} ms, schema check: ${r.validateMs} ms`);
  console.log(`  → ${r.rowsPerSecond} rows/s on the client before sending`);
  console.log(`  authority decide + apply of every capture: ${r.decideMs} ms`);
  console.log(`  export of the ${r.counts.ok + r.counts.warning} leads: ${r.exportMs} ms`);
  console.log(`  rows ok/warning/error: ${r.counts.ok}/${r.counts.warning}/${r.counts.error}`);
}
