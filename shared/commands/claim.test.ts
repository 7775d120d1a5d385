import { describe, expect, it } from 'vitest';
import { act, cmd, days, leadAt, MGR, must, REP_A, REP_B, T0, TELE, team } from '../testing.ts';

describe('claim', () => {
  it('gives a rep a fresh one-week SQL window', () => {
    const s = team();
    const id = leadAt(s, 'pool', T0);
    must(s, REP_B, cmd('claim', id), T0 + days(1));
    expect(s.leads.get(id)).toMatchObject({
      stage: 'sql',
      owner: REP_B,
      sqlSince: T0 + days(1),
      sqlDeadline: T0 + days(8),
      obtainedAt: T0 + days(1),
      poolReason: null,
    });
  });

  it('gives a telemarketer the lead back as new for re-screening', () => {
    const s = team();
    const id = leadAt(s, 'pool', T0);
    must(s, TELE, cmd('claim', id), T0);
    expect(s.leads.get(id)).toMatchObject({
      stage: 'new',
      owner: TELE,
      interested: false,
      sqlDeadline: null,
    });
  });

  it('two reps claim the same lead: the first wins, the second is told ALREADY_CLAIMED by whom', () => {
    const s = team();
    const id = leadAt(s, 'pool', T0);
    must(s, REP_A, cmd('claim', id), T0);
    const d = act(s, REP_B, cmd('claim', id), T0);
    expect(!d.ok && d.rejection.code).toBe('ALREADY_CLAIMED');
    expect(!d.ok && d.rejection.message).toContain('Ana Rep');
  });

  it.each([
    ['one minute before the cool-down ends', days(14) - 60_000, 'RECLAIM_COOLDOWN'],
    ['when the cool-down has ended', days(14), null],
  ])('the rep whose SQL expired reclaims %s', (_m, at, code) => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    const d = act(s, REP_A, cmd('claim', id), T0 + at);
    if (code) expect(!d.ok && d.rejection.code).toBe(code);
    else expect(d.ok).toBe(true);
  });

  it('another rep may take an expired lead during the cool-down', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    expect(act(s, REP_B, cmd('claim', id), T0 + days(7)).ok).toBe(true);
  });

  it.each([
    ['a manager', MGR, 'pool', 'ROLE_NOT_ALLOWED'],
    ['a lead the rep already holds', REP_A, 'sql', 'WRONG_STAGE'],
  ])('rejects a claim by %s', (_m, who, stage, code) => {
    const s = team();
    const id = leadAt(s, stage as 'pool', T0);
    const d = act(s, who, cmd('claim', id), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });
});
