/**
 * Contact parsing on the real inputs in ../shared/fixtures (issue 5's figures): the signature blocks scored
 * exactly as `shared/contact/signature.test.ts` asserts them (≥95 % phones exact, no invented phone, ≥85 %
 * names, titles, companies), the phone cases (every one exact), and the time per block.
 * Run: npx tsx bench/parsing.ts
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { findPhones, parsePhone, type Region } from '../shared/contact/phone.ts';
import { pct, type SignatureCase, scoreSignatures } from '../shared/contact/scoring.ts';
import { parseContactBlock } from '../shared/contact/signature.ts';

const FIXTURES = new URL('../../shared/fixtures/', import.meta.url);
const json = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, FIXTURES), 'utf8')) as T;

type PhoneCase = { input: string; defaultRegion: Region | null; expected: string[] };
const asFixture = (p: { e164: string; extension?: string }) =>
  p.extension ? `${p.e164};ext=${p.extension}` : p.e164;

export async function run(): Promise<Record<string, string | number>> {
  const cases = json<SignatureCase[]>('signatures/cases.json');
  const texts = cases.map((c) => readFileSync(new URL(`signatures/${c.file}`, FIXTURES), 'utf8'));
  const started = performance.now();
  const parsed = new Map(
    cases.map((c, i) => [c.file, parseContactBlock(texts[i], { defaultRegion: c.defaultRegion })]),
  );
  const perBlockMs = (performance.now() - started) / cases.length;
  const s = scoreSignatures(cases, parsed);
  const show = (h: [number, number]) => `${pct(h).toFixed(1)} % (${h[0]}/${h[1]})`;

  const phones = json<PhoneCase[]>('phones/cases.json');
  const found = phones.filter(
    (c) => JSON.stringify(findPhones(c.input, c.defaultRegion).map(asFixture)) === JSON.stringify(c.expected),
  ).length;
  const single = phones.filter((c) => {
    const p = parsePhone(c.input, c.defaultRegion);
    return c.expected.length === 0 ? 'error' in p : !('error' in p) && asFixture(p) === c.expected[0];
  }).length;

  return {
    'signature blocks': cases.length,
    'phones exact (goal ≥ 95 %)': show(s.phones),
    'phones invented (goal 0)': s.invented,
    'names exact (goal ≥ 85 %)': show(s.name),
    'titles exact (goal ≥ 85 %)': show(s.title),
    'companies exact (goal ≥ 85 %)': show(s.company),
    'ms per block (first parse, cold)': perBlockMs.toFixed(2),
    'phone cases exact, findPhones (goal all)': `${found}/${phones.length}`,
    'phone cases exact, parsePhone (goal all)': `${single}/${phones.length}`,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [k, v] of Object.entries(await run())) console.log(`${k}: ${v}`);
}
