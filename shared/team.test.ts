import { describe, expect, it } from 'vitest';
import { apply } from './apply.ts';
import { extendedLeadCount, findDuplicate } from './team.ts';
import { cmd, leadAt, MGR, must, REP_A, REP_B, T0, team } from './testing.ts';

describe('apply', () => {
  it('never mutates the lead it is given', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    const before = s.leads.get(id)!;
    const snapshot = structuredClone(before);
    apply(before, { type: 'reassigned', to: REP_B, leadId: id, at: T0, by: MGR });
    expect(before).toEqual(snapshot);
  });

  it('counts versions and keeps a history entry per stage change', () => {
    const s = team();
    const id = leadAt(s, 'opportunity', T0);
    const lead = s.leads.get(id)!;
    expect(lead.history.map((h) => h.stage)).toEqual(['new', 'mql', 'sql', 'opportunity']);
    expect(lead.version).toBe(5); // captured, call, transfer, accept, qualify
  });

  it('throws on an event for a lead it does not know', () => {
    expect(() => apply(undefined, { type: 'dangerFlagged', leadId: 'x', at: 0, by: 'system' })).toThrow(
      /unknown lead/,
    );
  });
});

describe('team indexes', () => {
  it('finds duplicates by email and phone and follows contact changes of the same lead', () => {
    const s = team();
    const id = leadAt(s, 'new', T0);
    const lead = s.leads.get(id)!;
    expect(
      findDuplicate(s, { contact: { emails: [lead.contact.emails[0].toUpperCase()], phones: [] } })?.id,
    ).toBe(id);
    expect(findDuplicate(s, { contact: { emails: [], phones: [lead.contact.phones[0]] } })?.id).toBe(id);
    expect(findDuplicate(s, { contact: { emails: ['other@example.com'], phones: [] } })).toBeUndefined();
  });

  it('tracks each rep’s extended leads as they are extended, qualified, reassigned or expire', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    must(s, REP_A, cmd('requestExtension', id, { reason: 'r' }), T0);
    must(s, MGR, cmd('decideExtension', id, { approve: true }), T0);
    expect(extendedLeadCount(s, REP_A)).toBe(1);
    must(s, MGR, cmd('reassign', id, { to: REP_B }), T0);
    expect([extendedLeadCount(s, REP_A), extendedLeadCount(s, REP_B)]).toEqual([0, 1]);
    must(s, REP_B, cmd('release', id), T0);
    expect(extendedLeadCount(s, REP_B)).toBe(0);
  });
});
