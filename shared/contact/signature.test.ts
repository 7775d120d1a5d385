import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LeadDraft } from './draft.ts';
import { leadDraftSchema } from './draft.ts';
import {
  expectedPhones,
  FIELDS,
  inventedPhones,
  KNOWN_MISSES,
  pct,
  type SignatureCase,
  samePhone,
  scoreSignatures,
} from './scoring.ts';
import { parseContactBlock } from './signature.ts';

const dir = new URL('../../../shared/fixtures/signatures/', import.meta.url);
const cases: SignatureCase[] = JSON.parse(readFileSync(new URL('cases.json', dir), 'utf8'));
const parsed = new Map(
  cases.map((c) => [
    c.file,
    parseContactBlock(readFileSync(new URL(c.file, dir), 'utf8'), { defaultRegion: c.defaultRegion }),
  ]),
);

describe('parseContactBlock on fixtures/signatures', () => {
  it.each(cases)('$file: every expected phone exact, none invented', ({ file, expected }) => {
    const draft = parsed.get(file) as LeadDraft;
    const want = expectedPhones(expected);
    for (const e of want) {
      const hit = draft.phones.some((p) => samePhone(p, e));
      const miss = KNOWN_MISSES[`${file} ${e.kind} ${e.e164}`];
      if (!miss) expect(hit, `${e.kind} ${e.e164}${e.extension ? ` x${e.extension}` : ''}`).toBe(true);
    }
    expect(inventedPhones(draft, want)).toEqual([]);
  });

  it.each(cases)('$file: name, title and company as expected', ({ file, expected }) => {
    const draft = parsed.get(file) as LeadDraft;
    for (const field of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
      const e = FIELDS[field](expected);
      if (!e) continue;
      expect(draft[field], field).toBe(e.want);
    }
  });

  it.each(cases)('$file: draft passes its schema', ({ file }) => {
    expect(leadDraftSchema.safeParse(parsed.get(file)).success).toBe(true);
  });

  it.each([
    ['sig-03-vendor-ext-disclaimer.txt', 'ROLE_EMAIL'],
    ['sig-12-internal-extension-only.txt', 'PHONE_REJECTED'],
    ['sig-17-quebec-lawyer-sparse.txt', 'PHONE_REJECTED'],
    ['sig-18-four-line-minimal.txt', 'PHONE_REJECTED'],
    ['sig-20-emoji-labels-short-phone.txt', 'PHONE_REJECTED'],
  ])('%s warns %s instead of staying silent', (file, code) => {
    expect(parsed.get(file)?.warnings?.map((w) => w.code)).toContain(code);
  });

  it('sig-28: company-only lead keeps its website', () => {
    expect(parsed.get('sig-28-jp-company-box-drawing.txt')?.website).toBe('https://sample-shuzo.example.jp');
  });
});

describe('parseContactBlock thresholds on fixtures/signatures', () => {
  const measure = () => scoreSignatures(cases, parsed as Map<string, LeadDraft>);

  it('≥95% phones exact, no invented phone, ≥85% names, titles and companies', () => {
    const t = measure();
    const show = (f: 'phones' | 'name' | 'title' | 'company') =>
      `${pct(t[f]).toFixed(1)}% (${t[f].join('/')})`;
    console.log(
      `signature fixtures: phones exact ${show('phones')}, invented ${t.invented}, names ${show('name')}, ` +
        `titles ${show('title')}, companies ${show('company')}`,
    );
    expect(t.invented).toBe(0);
    expect(pct(t.phones)).toBeGreaterThanOrEqual(95);
    expect(pct(t.name)).toBeGreaterThanOrEqual(85);
    expect(pct(t.title)).toBeGreaterThanOrEqual(85);
    expect(pct(t.company)).toBeGreaterThanOrEqual(85);
  });
});
