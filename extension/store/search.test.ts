import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { REP_A } from '../../shared/testing.ts';
import { submitCommand } from './outbox.ts';
import { searchLeads } from './search.ts';
import { testDb } from './test-helpers.ts';

async function seeded() {
  const db = await testDb(REP_A);
  const add = (name: string, company: string, email: string, phone: string) =>
    submitCommand(db, {
      type: 'capture',
      leadId: crypto.randomUUID(),
      contact: { name, company, emails: [email], phones: [phone] },
      source: 'manual',
    });
  await add('Li Wei', 'Acme GmbH', 'li.wei@acme.example', '+12125550199');
  await add('Ana Costa', 'Bolt Ltd', 'ana@bolt.example', '+4930123456');
  await add('Ben Acker', 'Acme Logistics', 'ben@acmelog.example', '+12125550100');
  await add('Günter Lässig', 'Müller Bau', 'g.laessig@mueller.example', '+4989123456');
  await add('김민준', 'Hanbit', 'mj@hanbit.example', '+82212345678');
  return db;
}
const names = (rows: { contact: { name?: string } }[]) => rows.map((r) => r.contact.name).sort();

describe('searchLeads', () => {
  it.each([
    ['(212) 555-0199', ['Li Wei'], 'a national US format, via E.164'],
    ['+1 212 555 0199', ['Li Wei'], 'an international format'],
    ['212.555.0199', ['Li Wei'], 'dots'],
    ['555-0100', ['Ben Acker'], 'the trailing digits only'],
    ['030 123456', [], 'a German national number without the region (no match with region US)'],
    ['+49 30 123456', ['Ana Costa'], 'a German international number'],
    ['LI.WEI@ACME.EXAMPLE', ['Li Wei'], 'an email in another case'],
    ['acme', ['Ben Acker', 'Li Wei'], 'a company word'],
    ['acme li', ['Li Wei'], 'two words'],
    ['cost', ['Ana Costa'], 'a name prefix'],
    ['zzz', [], 'nothing'],
    ['lassig', ['Günter Lässig'], 'a name without its accent'],
    ['Läss', ['Günter Lässig'], 'with its accent'],
    ['muller', ['Günter Lässig'], 'a company without its umlaut'],
    ['김민', ['김민준'], 'Hangul, prefix of a syllable sequence'],
  ])('%s finds %j (%s)', async (q, expected) => {
    const db = await seeded();
    expect(names(await searchLeads(db, q, 'US'))).toEqual(expected);
  });

  it('reads national numbers with the team region', async () => {
    const db = await seeded();
    expect(names(await searchLeads(db, '030 123456', 'DE'))).toEqual(['Ana Costa']);
  });
});
