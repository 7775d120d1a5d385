import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { act, cmd, days, leadAt, MGR, must, REP_A, T0, team } from '../testing.ts';

function requested(s = team()) {
  const id = leadAt(s, 'sql', T0);
  must(s, REP_A, cmd('requestExtension', id, { reason: 'Waiting for the board' }), T0 + days(2));
  return { s, id };
}

describe('decideExtension', () => {
  it('approval adds one week to the deadline and is recorded with who and when', () => {
    const { s, id } = requested();
    must(s, MGR, cmd('decideExtension', id, { approve: true, note: 'ok' }), T0 + days(3));
    const lead = s.leads.get(id)!;
    expect(lead.sqlDeadline).toBe(T0 + days(14));
    expect(lead.extensions[0]).toMatchObject({ status: 'approved', decidedBy: MGR, decidedAt: T0 + days(3) });
  });

  it('denial leaves the deadline and frees the rep to ask again', () => {
    const { s, id } = requested();
    must(s, MGR, cmd('decideExtension', id, { approve: false }), T0 + days(3));
    expect(s.leads.get(id)!.sqlDeadline).toBe(T0 + days(7));
    expect(act(s, REP_A, cmd('requestExtension', id, { reason: 'again' }), T0 + days(3)).ok).toBe(true);
  });

  it.each([
    ['with nothing pending', 'NO_PENDING_EXTENSION'],
    ['by a rep', 'ROLE_NOT_ALLOWED'],
  ])('rejects a decision %s', (m, code) => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    const who = m.includes('rep') ? REP_A : MGR;
    const d = act(s, who, cmd('decideExtension', id, { approve: true }), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });

  it('rejects OWN_LEAD when a manager decides on a lead they own', () => {
    const s = team();
    const { id } = requested(s);
    // A manager owning an SQL is unusual (reassign targets reps), so build it directly.
    const lead = s.leads.get(id)!;
    s.leads.set(id, { ...lead, owner: MGR });
    const d = act(s, MGR, cmd('decideExtension', id, { approve: true }), T0 + days(2));
    expect(!d.ok && d.rejection.code).toBe('OWN_LEAD');
  });

  it('the tenth extended lead is approved and the eleventh is EXTENSION_QUOTA_FULL', () => {
    const s = team();
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      const id = leadAt(s, 'sql', T0);
      must(s, REP_A, cmd('requestExtension', id, { reason: 'r' }), T0);
      ids.push(id);
    }
    for (const id of ids.slice(0, 10))
      expect(act(s, MGR, cmd('decideExtension', id, { approve: true }), T0).ok).toBe(true);
    const d = act(s, MGR, cmd('decideExtension', ids[10], { approve: true }), T0);
    expect(!d.ok && d.rejection.code).toBe('EXTENSION_QUOTA_FULL');
    // A second extension on an already-extended lead does not take a new place in the quota.
    must(s, REP_A, cmd('requestExtension', ids[0], { reason: 'again' }), T0);
    expect(act(s, MGR, cmd('decideExtension', ids[0], { approve: true }), T0).ok).toBe(true);
  });

  it('an extended lead that becomes an opportunity frees its place in the quota', () => {
    const s = team({ ...DEFAULT_SETTINGS, maxExtendedLeadsPerRep: 1 });
    const { id } = requested(s);
    must(s, MGR, cmd('decideExtension', id, { approve: true }), T0 + days(2));
    const other = leadAt(s, 'sql', T0);
    const full = act(s, REP_A, cmd('requestExtension', other, { reason: 'r' }), T0 + days(2));
    expect(!full.ok && full.rejection.code).toBe('EXTENSION_QUOTA_FULL');
    must(s, REP_A, cmd('qualify', id, { demand: 'd', seats: 1, companyName: 'C' }), T0 + days(2));
    must(s, REP_A, cmd('requestExtension', other, { reason: 'r' }), T0 + days(2));
    expect(act(s, MGR, cmd('decideExtension', other, { approve: true }), T0 + days(2)).ok).toBe(true);
  });

  it('rejects SQL_DEADLINE_PASSED when the deadline passed before the manager decided', () => {
    const { s, id } = requested();
    const d = act(s, MGR, cmd('decideExtension', id, { approve: true }), T0 + days(7));
    expect(!d.ok && d.rejection.code).toBe('SQL_DEADLINE_PASSED');
    expect(s.leads.get(id)!.stage).toBe('pool');
  });
});
