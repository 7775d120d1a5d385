import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { act, cmd, days, leadAt, MGR, must, REP_A, REP_B, T0, TELE, team } from '../testing.ts';

describe('reassign', () => {
  it('moves an SQL to another rep, keeping its deadline', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    must(s, MGR, cmd('reassign', id, { to: REP_B }), T0 + days(1));
    expect(s.leads.get(id)).toMatchObject({ owner: REP_B, stage: 'sql', sqlDeadline: T0 + days(7) });
  });

  it.each([
    ['by a rep', REP_A, 'sql', REP_B, 'ROLE_NOT_ALLOWED'],
    ['an SQL to a telemarketer', MGR, 'sql', TELE, 'TARGET_NOT_REP'],
    ['a pool lead', MGR, 'pool', REP_B, 'WRONG_STAGE'],
  ])('rejects reassigning %s', (_m, who, stage, to, code) => {
    const s = team();
    const id = leadAt(s, stage as 'sql', T0);
    const d = act(s, who, cmd('reassign', id, { to }), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });

  it('lets a new lead go to another telemarketer', () => {
    const s = team();
    const id = leadAt(s, 'new', T0);
    must(s, MGR, cmd('reassign', id, { to: 'tele-0002' }), T0);
    expect(s.leads.get(id)!.owner).toBe('tele-0002');
  });

  it('will not push an extended lead past the new holder’s quota', () => {
    const s = team({ ...DEFAULT_SETTINGS, maxExtendedLeadsPerRep: 1 });
    const mine = leadAt(s, 'sql', T0, { rep: REP_A });
    const theirs = leadAt(s, 'sql', T0, { rep: REP_B });
    for (const [id, rep] of [
      [mine, REP_A],
      [theirs, REP_B],
    ]) {
      must(s, rep, cmd('requestExtension', id, { reason: 'r' }), T0);
      must(s, MGR, cmd('decideExtension', id, { approve: true }), T0);
    }
    const d = act(s, MGR, cmd('reassign', mine, { to: REP_B }), T0);
    expect(!d.ok && d.rejection.code).toBe('EXTENSION_QUOTA_FULL');
  });
});
