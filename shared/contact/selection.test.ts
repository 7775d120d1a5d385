import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leadDraftSchema } from './draft.ts';
import { draftFromSelection, draftFromSender, nameFromDisplayName, nameFromEmail } from './selection.ts';

const signature = (file: string) =>
  readFileSync(new URL(`../../../shared/fixtures/signatures/${file}`, import.meta.url), 'utf8');

describe('draftFromSelection', () => {
  it.each([
    ['a bare phone number', '+86 138 0013 8000', 'CN', { phones: [{ e164: '+8613800138000' }], emails: [] }],
    [
      'a one-line table row',
      'Jane Doe | Chief Financial Officer | Acme Widgets Inc. | +1 415 555 0123',
      'US',
      {
        name: 'Jane Doe',
        title: 'Chief Financial Officer',
        company: 'Acme Widgets Inc.',
        phones: [{ e164: '+14155550123' }],
        emails: [],
      },
    ],
    [
      'a tab-separated cell copy',
      'Anna Schmidt\tanna.schmidt@muster.example.de\t+49 89 1234567',
      'DE',
      {
        name: 'Anna Schmidt',
        emails: ['anna.schmidt@muster.example.de'],
        phones: [{ e164: '+49891234567' }],
      },
    ],
    [
      'a whole signature (fixture sig-27)',
      signature('sig-27-cn-bilingual-caps-surname.txt'),
      'CN',
      { name: 'Lily Zhang', company: 'SZ&W Group', emails: ['lilyzhang@szwgroup.com'] },
    ],
  ] as const)('%s', (_, text, region, expected) => {
    const draft = draftFromSelection(text, region);
    expect(draft).toMatchObject(expected);
    expect(leadDraftSchema.safeParse(draft).success).toBe(true);
  });

  it('says so when a selection holds no contact data', () => {
    expect(draftFromSelection('Quarterly results were strong.', 'US').warnings?.[0].code).toBe(
      'NO_CONTACT_DATA',
    );
  });
});

describe('nameFromDisplayName', () => {
  it.each([
    ['Dana Ortega', 'dortega@coral-energy.com', 'Dana Ortega'],
    ['Ortega, Dana', 'dortega@coral-energy.com', 'Dana Ortega'],
    ['"Dana Ortega (Sales)"', 'dortega@coral-energy.com', 'Dana Ortega'],
    ['swarner@enron.com', 'swarner@enron.com', undefined],
    ['', 'swarner@enron.com', undefined],
    ['ACME SUPPORT', 'support@acme.example', undefined],
  ])('%j <%s> → %s', (displayName, email, expected) => {
    expect(nameFromDisplayName(displayName, email)).toBe(expected);
  });
});

describe('nameFromEmail', () => {
  it.each([
    ['lachandra.okafor@enron.com', 'Lachandra Okafor'],
    ['kourtney_vance@enron.com', 'Kourtney Vance'],
    ['outages@industrialinfo.com', undefined],
    ['sales.team@acme.example', undefined],
    ['jsmith42@example.com', undefined],
  ])('%s → %s', (email, expected) => {
    expect(nameFromEmail(email)).toBe(expected);
  });
});

describe('draftFromSender', () => {
  it.each([
    [
      'header name, signature details (sig-01)',
      { displayName: 'Hoyt, Maria', email: 'maria.hoyt@enron.com' },
      'sig-01-enron-legal-specialist.txt',
      { name: 'Maria Hoyt', title: 'Senior Legal Specialist', emails: ['maria.hoyt@enron.com'] },
    ],
    [
      'no name anywhere but a first.last address (sig-08)',
      { email: 'lachandra.okafor@enron.com' },
      'sig-08-email-only-pager.txt',
      { name: 'Lachandra Okafor', emails: ['lachandra.okafor@enron.com'] },
    ],
    [
      'sender address first, signature addresses after (sig-19)',
      { displayName: 'John Doe', email: 'jdoe@example.org' },
      'sig-19-phd-president.txt',
      { name: 'John Doe', company: 'Xxx Research', emails: ['jdoe@example.org', 'john@example.com'] },
    ],
  ])('%s', (_, sender, file, expected) => {
    const draft = draftFromSender(sender, signature(file), 'US');
    expect(draft).toMatchObject(expected);
    expect(leadDraftSchema.safeParse(draft).success).toBe(true);
  });

  it("reads a company without a legal form by the sender's domain", () => {
    const text = ['Olga Berg', 'Sales Operations, Nordwind', 'Phone +49 40 7654321'].join('\n');
    expect(
      draftFromSender({ displayName: 'Olga Berg', email: 'o.berg@nordwind.example' }, text, 'DE'),
    ).toMatchObject({
      name: 'Olga Berg',
      title: 'Sales Operations',
      company: 'Nordwind',
      emails: ['o.berg@nordwind.example'],
    });
  });

  it('works without a signature', () => {
    expect(draftFromSender({ displayName: 'Dana Ortega', email: 'DOrtega@coral-energy.com' })).toEqual({
      name: 'Dana Ortega',
      emails: ['DOrtega@coral-energy.com'],
      phones: [],
    });
  });
});
