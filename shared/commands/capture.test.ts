import { describe, expect, it } from 'vitest';
import { act, cmd, leadAt, leadId, MGR, must, REP_A, T0, TELE, team } from '../testing.ts';

describe('capture', () => {
  it('creates a new lead owned by whoever captured it', () => {
    const s = team();
    const id = leadId();
    const d = act(
      s,
      TELE,
      cmd('capture', id, { contact: { name: 'Li Wei', emails: ['li@x.cn'] }, source: 'gmail' }),
      T0,
    );
    expect(d.ok).toBe(true);
    const lead = s.leads.get(id)!;
    expect(lead).toMatchObject({
      stage: 'new',
      owner: TELE,
      capturedBy: TELE,
      capturedAt: T0,
      obtainedAt: T0,
    });
    expect(lead.history).toHaveLength(1);
  });

  it('a manager’s capture waits in the pool as unassigned, claimable by a telemarketer', () => {
    const s = team();
    const id = leadId();
    must(s, MGR, cmd('capture', id, { contact: { name: 'From the fair' }, source: 'manual' }), T0);
    expect(s.leads.get(id)).toMatchObject({ stage: 'pool', poolReason: 'unassigned', owner: null });
    must(s, TELE, cmd('claim', id), T0);
    expect(s.leads.get(id)).toMatchObject({ stage: 'new', owner: TELE });
  });

  it.each([
    ['same email, other case', { emails: ['CONTACT-DUP@example.com'] }],
    ['same phone with an extension', { phones: ['+12125550199;ext=12'] }],
  ])('rejects DUPLICATE_LEAD on %s, naming the existing lead and where it stands', (_m, contact) => {
    const s = team();
    const first = leadId();
    act(
      s,
      TELE,
      cmd('capture', first, {
        contact: { emails: ['contact-dup@example.com'], phones: ['+12125550199'] },
        source: 'web',
      }),
      T0,
    );
    const d = act(s, REP_A, cmd('capture', leadId(), { contact, source: 'gmail' }), T0);
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.rejection.code).toBe('DUPLICATE_LEAD');
    expect(d.rejection.details).toMatchObject({ existingLeadId: first, owner: TELE, stage: 'new' });
    expect(d.rejection.message).toContain('Tina Tele');
  });

  it('reports a pooled duplicate as in the pool', () => {
    const s = team();
    const id = leadAt(s, 'pool', T0);
    const email = s.leads.get(id)!.contact.emails[0];
    const d = act(s, REP_A, cmd('capture', leadId(), { contact: { emails: [email] }, source: 'gmail' }), T0);
    expect(!d.ok && d.rejection.details).toMatchObject({
      existingLeadId: id,
      stage: 'pool',
      poolReason: 'nurture',
    });
  });

  it.each([
    ['no contact data at all', { contact: {}, source: 'manual' }, 'MISSING_FIELDS'],
    [
      'a phone that is not E.164',
      { contact: { phones: ['0301234567'] }, source: 'manual' },
      'INVALID_COMMAND',
    ],
    ['an unknown source', { contact: { name: 'X' }, source: 'fax' }, 'INVALID_COMMAND'],
    ['a bad email', { contact: { emails: ['not-an-email'] }, source: 'manual' }, 'INVALID_COMMAND'],
  ])('rejects %s', (_m, args, code) => {
    const d = act(team(), TELE, cmd('capture', leadId(), args), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });

  it('rejects LEAD_EXISTS when the lead id is reused by another command', () => {
    const s = team();
    const id = leadAt(s, 'new', T0);
    const d = act(s, TELE, cmd('capture', id, { contact: { name: 'Someone else' }, source: 'manual' }), T0);
    expect(!d.ok && d.rejection.code).toBe('LEAD_EXISTS');
  });
});
