import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { decide } from '../../../shared/decide.ts';
import { DEFAULT_SETTINGS } from '../../../shared/settings.ts';
import { actor, MEMBERS, REP_A } from '../../../shared/testing.ts';
import { stateForCapture } from '../../store/decision-state.ts';
import { submitCommand } from '../../store/outbox.ts';
import { testDb } from '../../store/test-helpers.ts';
import { formatPhone } from '../card/phones.ts';
import {
  draftApartFrom,
  matchingLeads,
  matchReason,
  mostLikelyFirst,
  possiblyAnotherPerson,
} from './match.ts';
import { lookupKeys, pageView } from './page-draft.ts';

/** Jane's mail: her own email, the company switchboard and her mobile in the signature (page-draft.test.ts). */
const jane = pageView(
  {
    host: 'gmail',
    url: 'https://mail.google.com/mail/u/0/#inbox/abc',
    status: 'ok',
    sender: { name: 'Jane Doe', email: 'Jane.Doe@Acme-Industrial.example' },
    signatureText:
      'Best regards,\nJane Doe\nHead of Procurement | Acme Industrial GmbH\nTel. +49 30 1234567 · Mobil +49 171 2345678',
  },
  'US',
);
if (jane.kind !== 'sender') throw new Error('sender');

async function team(...leads: { name?: string; emails?: string[]; phones?: string[] }[]) {
  const db = await testDb(REP_A);
  for (const l of leads)
    await submitCommand(db, {
      type: 'capture',
      leadId: crypto.randomUUID(),
      contact: {
        ...(l.name ? { name: l.name } : {}),
        emails: l.emails ?? [],
        phones: l.phones ?? [],
      },
      source: 'manual',
    });
  return db;
}
const show = { phone: formatPhone, name: (r: { contact: { name?: string } }) => r.contact.name ?? '?' };

describe('matchingLeads', () => {
  it('says what each lead shares with the page: the email first, then the numbers', async () => {
    const db = await team(
      { name: 'Max Mustermann', emails: ['max@beispiel.example'], phones: ['+49301234567'] },
      { name: 'Jane Doe', emails: ['jane.doe@acme-industrial.example'] },
    );
    const found = await matchingLeads(db, lookupKeys(jane.draft));
    expect(found.map((m) => [m.row.contact.name, m.emails, m.phones])).toEqual([
      ['Jane Doe', ['jane.doe@acme-industrial.example'], []],
      ['Max Mustermann', [], ['+49301234567']],
    ]);
  });
});

describe('mostLikelyFirst', () => {
  it("Jane's own lead first when a colleague's lead shares the switchboard", async () => {
    const db = await team(
      { name: 'Max Mustermann', phones: ['+49301234567'] },
      { name: 'Jane Doe', phones: ['+491712345678'] },
    );
    const found = await matchingLeads(db, lookupKeys(jane.draft));
    const names = (ms: typeof found) => ms.map((m) => m.row.contact.name);
    expect(new Set(names(found))).toEqual(new Set(['Max Mustermann', 'Jane Doe']));
    expect(names(mostLikelyFirst(found, jane.draft))).toEqual(['Jane Doe', 'Max Mustermann']);
    expect(names(mostLikelyFirst([...found].reverse(), jane.draft))).toEqual(['Jane Doe', 'Max Mustermann']);
  });
});

describe('matchReason', () => {
  it.each([
    [{ emails: ['jane.doe@acme-industrial.example'], phones: ['+49301234567'] }, 'Same email'],
    [{ emails: [], phones: ['+49301234567'] }, 'Same phone: +49 30 1234567'],
    [{ emails: [], phones: ['+49301234567', '+14155550134'] }, 'Same phone: +49 30 1234567, +1 415 555 0134'],
  ])('%j → %s', (m, expected) => expect(matchReason(m)).toBe(expected));
});

describe('possiblyAnotherPerson', () => {
  type Lead = { name?: string; emails?: string[]; phones?: string[] };
  const only = async (lead: Lead) => (await matchingLeads(await team(lead), lookupKeys(jane.draft)))[0]!;

  it.each<[Lead, boolean, string]>([
    [{ name: 'Max Mustermann', phones: ['+49301234567'] }, true, 'another name on the same number'],
    [{ name: 'jane  DOE', phones: ['+49301234567'] }, false, 'the same name, written otherwise'],
    [{ emails: ['info@acme-industrial.example'], phones: ['+49301234567'] }, true, 'no name, another email'],
    [{ phones: ['+49301234567'] }, false, 'a bare number: nothing says it is someone else'],
    [{ name: 'Max', emails: ['jane.doe@acme-industrial.example'] }, false, 'the same email: the same person'],
  ])('%j → %s (%s)', async (lead, expected) => {
    expect(possiblyAnotherPerson(await only(lead), jane.draft)).toBe(expected);
  });

  it('a call (a number, no name, no email) is never flagged', async () => {
    const call = pageView(
      { host: 'aircall', url: 'https://phone.aircall.io/phone', status: 'ok', phone: '+49 30 1234567' },
      'DE',
    );
    if (call.kind !== 'call') throw new Error('call');
    const m = (
      await matchingLeads(await team({ name: 'Max', phones: ['+49301234567'] }), lookupKeys(call.draft))
    )[0]!;
    expect(possiblyAnotherPerson(m, call.draft)).toBe(false);
  });
});

describe('draftApartFrom', () => {
  it('leaves out what another lead holds, says so, and the rest passes the duplicate rule', async () => {
    const db = await team({ name: 'Max Mustermann', phones: ['+49301234567;ext=9'] });
    const found = await matchingLeads(db, lookupKeys(jane.draft));
    const { draft, leftOut } = draftApartFrom(jane.draft, found, show);
    expect(leftOut).toEqual(['+49 30 1234567 is already on Max Mustermann: left out']);
    expect(draft).toMatchObject({
      name: 'Jane Doe',
      company: 'Acme Industrial GmbH',
      title: 'Head of Procurement',
    });
    expect(draft.emails).toEqual(['Jane.Doe@Acme-Industrial.example']);
    expect(draft.phones.map((p) => p.e164)).toEqual(['+491712345678']);

    // The same check the capture form and the server make (shared/commands/capture.ts).
    const contact = { name: 'Jane Doe', emails: draft.emails, phones: draft.phones.map((p) => p.e164) };
    const ctx = { actor: actor(REP_A), settings: DEFAULT_SETTINGS, members: MEMBERS };
    const capture = {
      id: 'check-0000',
      type: 'capture' as const,
      leadId: 'lead-new-01',
      source: 'gmail' as const,
    };
    expect(decide(await stateForCapture(db, contact, ctx), { ...capture, contact }, ctx.actor, 0).ok).toBe(
      true,
    );
    const whole = { ...contact, phones: jane.draft.phones.map((p) => p.e164) };
    const refused = decide(
      await stateForCapture(db, whole, ctx),
      { ...capture, contact: whole },
      ctx.actor,
      0,
    );
    expect(!refused.ok && refused.rejection.code).toBe('DUPLICATE_LEAD');
  });

  it('an email in another case is the same email; every key left out is named with its lead', async () => {
    const db = await team(
      { name: 'Jane D.', emails: ['JANE.DOE@acme-industrial.example'], phones: ['+491712345678'] },
      { name: 'Max Mustermann', phones: ['+49301234567'] },
    );
    const found = await matchingLeads(db, lookupKeys(jane.draft));
    const { draft, leftOut } = draftApartFrom(jane.draft, found, show);
    expect(draft.emails).toEqual([]);
    expect(draft.phones).toEqual([]);
    expect(leftOut).toEqual([
      'Jane.Doe@Acme-Industrial.example is already on Jane D.: left out',
      '+49 30 1234567 is already on Max Mustermann: left out',
      '+49 171 2345678 is already on Jane D.: left out',
    ]);
  });

  it('nothing shared: the draft as it was', () => {
    expect(draftApartFrom(jane.draft, [], show)).toEqual({ draft: jane.draft, leftOut: [] });
  });
});
