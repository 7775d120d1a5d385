import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LeadDraft } from './draft.ts';
import { leadDraftSchema } from './draft.ts';
import { classifyLine } from './person.ts';
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

describe('parseContactBlock: title and company on one line', () => {
  // The signature of the Nordwind mail on the demo Gmail page (sync-server/demo/pages/gmail.html).
  const nordwind = ['--', 'Olga Berg', 'Sales Operations, Nordwind AG', 'Phone +49 40 7654321'].join('\n');
  const block = (line: string, email = 'o.berg@nordwind.example') =>
    parseContactBlock(['Olga Berg', line, 'Phone +49 40 7654321', email].join('\n'), { defaultRegion: 'DE' });

  it('demo page: "Sales Operations, Nordwind AG" is a title and a company', () => {
    expect(parseContactBlock(nordwind, { defaultRegion: 'DE' })).toEqual({
      name: 'Olga Berg',
      title: 'Sales Operations',
      company: 'Nordwind AG',
      emails: [],
      phones: [{ e164: '+49407654321', label: 'office' }],
    });
  });

  it.each([
    ['Sales Operations, Nordwind AG', 'Sales Operations', 'Nordwind AG'],
    ['Sales Operations at Nordwind AG', 'Sales Operations', 'Nordwind AG'],
    ['Sales Operations | Nordwind AG', 'Sales Operations', 'Nordwind AG'],
    ['Sales Operations - Nordwind AG', 'Sales Operations', 'Nordwind AG'],
    ['Sales Operations – Nordwind AG', 'Sales Operations', 'Nordwind AG'],
    ['Head of Sales @ Nordwind AG', 'Head of Sales', 'Nordwind AG'],
    ['Key Account Manager at Nordwind Inc.', 'Key Account Manager', 'Nordwind Inc.'],
    ['Operations, Nordwind Ltd', 'Operations', 'Nordwind Ltd'],
    ['Vertriebsleiterin bei Nordwind GmbH', 'Vertriebsleiterin', 'Nordwind GmbH'],
    ['Einkauf, Nordwind GmbH', 'Einkauf', 'Nordwind GmbH'],
    ['Responsable commercial chez Nordwind SA', 'Responsable commercial', 'Nordwind SA'],
    ['Directrice des ventes, Nordwind SA', 'Directrice des ventes', 'Nordwind SA'],
    ['Nordwind AG, Sales Operations', 'Sales Operations', 'Nordwind AG'],
    ['Director, Sales, Nordwind AG', 'Director, Sales', 'Nordwind AG'],
    [
      'Director, Southwest Region, Anti-Defamation League',
      'Director, Southwest Region',
      'Anti-Defamation League',
    ],
    ['Sales Manager, Acme Marketing Ltd', 'Sales Manager', 'Acme Marketing Ltd'],
    ['Sales Operations, Nordwind', 'Sales Operations', 'Nordwind'],
    // Longer than a segment may be, but each part is not.
    ['Senior Key Account Manager at Nordwind AG', 'Senior Key Account Manager', 'Nordwind AG'],
    ['Einkauf bei Müller GmbH & Co. KG', 'Einkauf', 'Müller GmbH & Co. KG'],
    ['Purchasing, Nordwind BV', 'Purchasing', 'Nordwind BV'],
  ])('"%s" → title %j, company %j', (line, title, company) => {
    expect(block(line)).toMatchObject({ name: 'Olga Berg', title, company });
  });

  it('a company without a legal form is recognised by the sender address alone', () => {
    const text = ['Olga Berg', 'Sales Operations, Nordwind', 'Phone +49 40 7654321'].join('\n');
    expect(
      parseContactBlock(text, { defaultRegion: 'DE', senderEmail: 'o.berg@nordwind.example' }),
    ).toMatchObject({ name: 'Olga Berg', title: 'Sales Operations', company: 'Nordwind' });
  });

  it.each([
    ['Smith, Jones & Partners GmbH', 'company', 'a company whose name holds a comma'],
    ['IIR, Inc.', 'company', 'a comma before the legal form'],
    ['Vice President, Sales', 'title', 'a title with a comma'],
    ['Director, Southwest Region', 'title', 'a title with a comma'],
    ['Director, Sales', 'title', 'a department named like the domain (salesforce) is no company'],
    ['Berlin, Germany', 'text', 'an address'],
  ])('"%s" stays one %s: %s', (line, role) => {
    expect(classifyLine(line, ['nordwind', 'salesforce'])).toEqual([{ role, value: line }]);
  });

  it('a person named like the domain, then a title, is no company: only a legal form comes first', () => {
    expect(classifyLine('John Smith, Marketing Consultant', ['johnsmith']).map((s) => s.role)).not.toContain(
      'company',
    );
  });

  it('a mail provider names no company', () => {
    const text = ['Olga Berg', 'Sales Operations, Gmail Fans', 'olga@gmail.com'].join('\n');
    expect(parseContactBlock(text, { senderEmail: 'olga@gmail.com' }).company).not.toBe('Gmail Fans');
  });

  it('"Sa" is a name, "SA" a legal form', () => {
    expect(classifyLine('Sa Min-jun', []).map((s) => s.role)).toEqual(['name']);
    expect(classifyLine('Nordwind SA', []).map((s) => s.role)).toEqual(['company']);
  });

  it('a department alone is no title (sig-10: "Enron" + "Energy Operations" is the company)', () => {
    expect(classifyLine('Energy Operations', []).map((s) => s.role)).not.toContain('title');
  });

  it('a block with a comma company and an address line', () => {
    const text = [
      'Jane Smith',
      'Partner',
      'Smith, Jones & Partners GmbH',
      'Berlin, Germany',
      'Tel. +49 30 1234567',
      'jane.smith@sjp.example',
    ].join('\n');
    expect(parseContactBlock(text, { defaultRegion: 'DE' })).toMatchObject({
      name: 'Jane Smith',
      title: 'Partner',
      company: 'Smith, Jones & Partners GmbH',
    });
  });
});
