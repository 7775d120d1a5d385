import { describe, expect, it } from 'vitest';
import { joinName, readEmails, readPhones, unguard } from './cells.ts';

describe('readPhones', () => {
  it.each([
    [
      'HubSpot: en-dash before the extension',
      '+86 (0)21 5555 0710– ext.8109',
      'CN',
      ['+862155550710;ext=8109'],
    ],
    ['Salesforce: "ext." extension', '+86 (0)21 5555 0710 ext. 8109', 'US', ['+862155550710;ext=8109']],
    ['US national with "x" extension', '713-555-0147 x 3481', 'US', ['+17135550147;ext=3481']],
    ['French trunk prefix (0)', '+33 (0)6 12 34 56 78', 'FR', ['+33612345678']],
    ['two numbers in one cell', '030 1234567 / 0171 2345678', 'DE', ['+49301234567', '+491712345678']],
    ['Chinese mobile kept as digits', '13800138000', 'CN', ['+8613800138000']],
    ['our own export guard', "'+4930123456", 'US', ['+4930123456']],
    ['full-width digits', '＋４９ ３０ １２３４５６７', undefined, ['+49301234567']],
    ['empty cell', '  ', 'US', []],
  ] as const)('%s: %s', (_, cell, region, expected) => {
    const r = readPhones(cell, 'Phone', region);
    expect(r.values).toEqual(expected);
    expect(r.problems).toEqual([]);
  });

  it.each([
    ['Excel scientific notation', '1.38001E+10', 'PHONE_MANGLED'],
    ['…with a decimal comma (EU Excel)', '1,38001E+10', 'PHONE_MANGLED'],
    ['…lower case, no plus', '4.9301e10', 'PHONE_MANGLED'],
    ['Excel formula error from "+49 30 …"', '#NAME?', 'PHONE_MANGLED'],
    ['too short', '+49 173 911', 'PHONE_INVALID'],
    ['only part of the digits is a number (never drop "0123")', '0123 5432114', 'PHONE_INVALID'],
    ['national number without a region', '030 1234567', 'PHONE_INVALID'],
    ['a date', '2015-03-12', 'PHONE_INVALID'],
    ['a placeholder', 'n/a', 'PHONE_INVALID'],
  ] as const)('%s: %s → %s, nothing guessed', (_, cell, code) => {
    const r = readPhones(cell, 'Phone', cell === '030 1234567' ? undefined : 'DE');
    expect(r.values).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ code, column: 'Phone', value: cell })]);
  });

  it('says why a number is invalid, with the phone parser code', () => {
    const [p] = readPhones('+49 173 911', 'Mobile', 'DE').problems;
    expect(p).toMatchObject({ phoneError: 'INVALID_NUMBER', severity: 'warning' });
    expect(p!.message).toContain('+49 173 911');
  });
});

describe('readEmails', () => {
  it.each([
    ['plain', 'bob@x.example', ['bob@x.example'], []],
    [
      'non-ASCII local part (Salesforce fixture)',
      'Günter.Lässig@example.com',
      ['Günter.Lässig@example.com'],
      [],
    ],
    [
      'several, ; and , separated',
      'a@x.example; b@y.example,c@z.example',
      ['a@x.example', 'b@y.example', 'c@z.example'],
      [],
    ],
    ['display name form', 'Bob Smith <bob@x.example>', ['bob@x.example'], []],
    ['mailto link', 'mailto:bob@x.example', ['bob@x.example'], []],
    ['not an address', 'bob at x dot com', [], ['INVALID_EMAIL']],
    ['missing domain dot', 'bob@localhost', [], ['INVALID_EMAIL']],
    ['one good, one bad', 'bob@x.example; @nope', ['bob@x.example'], ['INVALID_EMAIL']],
    ['empty', '', [], []],
  ])('%s', (_, cell, values, codes) => {
    const r = readEmails(cell, 'Email');
    expect(r.values).toEqual(values);
    expect(r.problems.map((p) => p.code)).toEqual(codes);
  });
});

describe('joinName', () => {
  it.each([
    ['Lily', 'ZHANG', 'Lily ZHANG'],
    ['', 'Lässig', 'Lässig'],
    ['Bob', '', 'Bob'],
    ['伟', '张', '张伟'],
    ['', '', ''],
  ])('%j + %j → %j', (first, last, name) => {
    expect(joinName(first, last)).toBe(name);
  });
});

describe('unguard', () => {
  it.each([
    ["'=1+1", '=1+1'],
    ["'+4930123456", '+4930123456'],
    ["'-5", '-5'],
    ["'@sum", '@sum'],
    ["O'Brien", "O'Brien"],
    ["'quoted'", "'quoted'"],
  ])('%j → %j', (cell, out) => {
    expect(unguard(cell)).toBe(out);
  });
});
