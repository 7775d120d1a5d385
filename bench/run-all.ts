/**
 * `npm run bench`: runs every benchmark module in bench/ that exports `run()` and prints one table.
 * Each module stays runnable on its own (`npx tsx bench/<name>.ts`) and returns flat figures.
 * Benchmarks are not tests: they print figures, they do not pass or fail.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';

type Figures = Record<string, number | string>;
const here = new URL('.', import.meta.url);
const only = process.argv.slice(2);
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run-all.ts' && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `Leadline benchmarks — ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);

const rows: [string, string, string][] = [];
for (const file of modules) {
  const mod = (await import(pathToFileURL(new URL(file, here).pathname).href)) as {
    run?: () => Promise<Figures>;
  };
  if (typeof mod.run !== 'function') continue;
  const started = performance.now();
  process.stderr.write(`running ${file}…\n`);
  try {
    const figures = await mod.run();
    for (const [k, v] of Object.entries(figures))
      rows.push([file.replace(/\.ts$/, ''), k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
  } catch (e) {
    rows.push([file.replace(/\.ts$/, ''), 'FAILED', e instanceof Error ? e.message : String(e)]);
  }
  process.stderr.write(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

const w = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length), 5));
console.log(`${'bench'.padEnd(w[0])}  ${'figure'.padEnd(w[1])}  value`);
console.log(`${'-'.repeat(w[0])}  ${'-'.repeat(w[1])}  -----`);
for (const [b, k, v] of rows) console.log(`${b.padEnd(w[0])}  ${k.padEnd(w[1])}  ${v}`);
// Some benchmark modules leave client handles behind (reconnecting providers, worker pools): they would keep
// this process alive, busy, and skewing whatever runs next on the machine.
process.exit(0);
