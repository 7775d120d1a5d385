import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FoundPhone, Region } from './phone.ts';
import { findPhones, normalizePhoneForIndex, parsePhone } from './phone.ts';

interface PhoneCase {
  input: string;
  defaultRegion: Region | null;
  expected: string[];
  why: string;
}

const fixtures = new URL('../../../shared/fixtures/phones/cases.json', import.meta.url);
const cases: PhoneCase[] = JSON.parse(readFileSync(fixtures, 'utf8'));
const asFixture = (p: { e164: string; extension?: string }): string =>
  p.extension ? `${p.e164};ext=${p.extension}` : p.e164;
const brief = (phones: FoundPhone[]) => phones.map((p) => [asFixture(p), p.label ?? null]);

describe('findPhones on fixtures/phones/cases.json', () => {
  it.each(cases)('$input ($defaultRegion): $why', ({ input, defaultRegion, expected }) => {
    expect(findPhones(input, defaultRegion).map(asFixture)).toEqual(expected);
  });
});

describe('parsePhone on fixtures/phones/cases.json', () => {
  it.each(cases)('$input ($defaultRegion): $why', ({ input, defaultRegion, expected }) => {
    const parsed = parsePhone(input, defaultRegion);
    if (expected.length === 0) expect(parsed).toHaveProperty('error.code');
    else expect('error' in parsed ? parsed.error : asFixture(parsed)).toBe(expected[0]);
  });
});

describe('parsePhone', () => {
  it('refuses input the library reads only half of, rather than keep a guessed number', () => {
    expect(parsePhone('0123 5432114', 'DE')).toHaveProperty('error.code', 'NOT_A_NUMBER');
  });

  it.each([
    ['13800138000', 'CN', 'mobile'],
    ['010-12345678', 'CN', 'fixed_line'],
    ['400-820-8820', 'CN', 'shared_cost'],
    ['(800) 901-3355', 'US', 'toll_free'],
    ['(415) 555-0123', 'US', 'fixed_line_or_mobile'],
  ] as const)('%s (%s) is a %s number', (input, region, type) => {
    expect(parsePhone(input, region)).toMatchObject({ type });
  });

  it.each([
    ['', 'US', 'EMPTY'],
    ['12345678', null, 'NO_REGION'],
    ['hello', 'US', 'NOT_A_NUMBER'],
    ['+1 555-0123', null, 'TOO_SHORT'],
    ['12345678901234567890', 'US', 'TOO_LONG'],
    ['(555) 346-9947', 'US', 'INVALID_NUMBER'],
    ['X 3-0403', 'US', 'INTERNAL_EXTENSION'],
    ['X 3-0403', 'DE', 'INTERNAL_EXTENSION'],
    ['2015-03-12', 'DE', 'LOOKS_LIKE_DATE'],
    ['〒101-0052', 'CN', 'NOT_A_PHONE'],
    ['QQ：312345678', 'JP', 'NOT_A_PHONE'],
    ['713-555-0180 or 713-555-0190', 'US', 'MULTIPLE_NUMBERS'],
  ] as const)('%j (%s) is rejected with %s', (input, region, code) => {
    const parsed = parsePhone(input, region);
    expect(parsed).toMatchObject({ error: { code } });
    expect('error' in parsed && parsed.error.message).toMatch(/^[A-Z+].*\.$/);
  });
});

describe('parsePhone: the reason reads as words', () => {
  it.each([
    ['12', 'DE', 'Too few digits for a phone number in Germany (read as +49 12).'],
    ['(555) 346-9947', 'US', 'Not a number in use in United States (read as +1 555 346 9947).'],
  ] as const)('%j (%s): %s', (input, region, message) => {
    expect(parsePhone(input, region)).toEqual({ error: expect.objectContaining({ message }) });
  });
});

describe('findPhones labels', () => {
  it.each([
    ['Mobile: +86 138 0013 8000', 'CN', [['+8613800138000', 'mobile']]],
    ['手机：13800138000', 'CN', [['+8613800138000', 'mobile']]],
    [
      '电话：010-12345678 传真：010-12345679',
      'CN',
      [
        ['+861012345678', 'office'],
        ['+861012345679', 'fax'],
      ],
    ],
    ['携帯：090-1234-5678', 'JP', [['+819012345678', 'mobile']]],
    ['ＴＥＬ：０３-１２３４-５６７８', 'JP', [['+81312345678', 'office']]],
    ['FAX：03-1234-5679', 'JP', [['+81312345679', 'fax']]],
    ['Mobil: 0171 2345678', 'DE', [['+491712345678', 'mobile']]],
    ['Telefax: +49 (0)89 1234568', 'DE', [['+49891234568', 'fax']]],
    ['Handy 0151 23456789', 'DE', [['+4915123456789', 'mobile']]],
    ['713/555-0111 (fax)', 'US', [['+17135550111', 'fax']]],
    ['877.555.0101 Pager', 'US', [['+18775550101', 'pager']]],
    ['off. 713-555-0180', 'US', [['+17135550180', 'office']]],
    ['cell 713-555-0160', 'US', [['+17135550160', 'mobile']]],
    ['Phone (mobile): 713-555-0160', 'US', [['+17135550160', 'mobile']]],
    ['📱 +86 139 0000 1111', 'CN', [['+8613900001111', 'mobile']]],
    ['☎️ 020 7946 0958', 'GB', [['+442079460958', 'office']]],
    ['Americas: 713 555 4357', 'US', [['+17135554357', null]]],
    [
      'tel 0123-456789 fax 0123-456780 e-mail info@client.it',
      'IT',
      [
        ['+390123456789', 'office'],
        ['+390123456780', 'fax'],
      ],
    ],
  ] as const)('%j (%s)', (input, region, expected) => {
    expect(brief(findPhones(input, region))).toEqual(expected);
  });
});

describe('findPhones rules beyond the library', () => {
  it.each([
    ['EN DASH before ext.', 'Tel: +86 (0)21 5555 0710– ext.8109', null, ['+862155550710;ext=8109']],
    ['Russian доб.', '+7 495 123-45-67 доб. 123', 'RU', ['+74951234567;ext=123']],
    ['abbreviated second number (CN)', 'Tel: 010-12345678/79', 'CN', ['+861012345678', '+861012345679']],
    ['abbreviated second number (US)', '713-555-0180/0181', 'US', ['+17135550180', '+17135550181']],
    ['two full numbers stay two', '713-555-0180 / 713-555-0181', 'US', ['+17135550180', '+17135550181']],
    ['ISO date (valid Berlin-shaped digits)', 'Sent: 2015-03-12', 'DE', []],
    ['US date and time', 'Date 06/08/2001 12:24 PM', 'US', []],
    ['internal PBX extension', 'Peter\nX 3-0403', 'DE', []],
    ['Japanese postal code', '〒101-0052', 'CN', []],
    ['QQ number', 'QQ：312345678(lark)', 'JP', []],
    ['digits inside a URL', 'see https://example.com/call/4155550123', 'US', []],
    ['freight rates', 'MOMBASA  USD3000/4300', 'CN', []],
    ['vanity number', '1800 SIX FLAGS', 'US', []],
  ] as const)('%s: %j', (_, input, region, expected) => {
    expect(findPhones(input, region).map(asFixture)).toEqual(expected);
  });

  it('reports offsets in the normalised text', () => {
    const [p] = findPhones('Tel：+86-0756-8123456', null);
    expect(p).toMatchObject({ raw: '+86-0756-8123456', start: 4, end: 20 });
  });
});

describe('normalizePhoneForIndex', () => {
  it.each([
    ['+86 138 0013 8000', 'CN', '+8613800138000'],
    ['138-0013-8000', 'CN', '+8613800138000'],
    ['+86 (0)10 1234 5678', 'US', '+861012345678'],
    ['(415) 555-0123 ext. 204', 'US', '+14155550123'],
    ['tel:+1-415-555-0123', null, '+14155550123'],
    ['+1 555-0123', 'US', null],
    ['not a phone', 'US', null],
  ] as const)('%j (%s) → %s', (input, region, expected) => {
    expect(normalizePhoneForIndex(input, region)).toBe(expected);
  });
});
