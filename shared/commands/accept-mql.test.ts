import { describe, expect, it } from 'vitest';
import { act, cmd, days, leadAt, must, REP_A, REP_B, T0, TELE, team } from '../testing.ts';

describe('acceptMql', () => {
  it('turns the MQL into an SQL with a one-week deadline from the server’s now', () => {
    const s = team();
    const id = leadAt(s, 'mql', T0);
    must(s, REP_A, cmd('acceptMql', id), T0 + 5000);
    expect(s.leads.get(id)).toMatchObject({
      stage: 'sql',
      owner: REP_A,
      sqlSince: T0 + 5000,
      sqlDeadline: T0 + 5000 + days(7),
    });
  });

  it('restarts the danger clock: the rep obtains the lead when accepting it', () => {
    const s = team();
    const id = leadAt(s, 'mql', T0);
    must(s, REP_A, cmd('acceptMql', id), T0 + days(20));
    expect(s.leads.get(id)!.obtainedAt).toBe(T0 + days(20));
  });

  it.each([
    ['by a rep it was not sent to', REP_B, 'mql', 'NOT_OWNER'],
    ['by a telemarketer', TELE, 'mql', 'ROLE_NOT_ALLOWED'],
    ['on an SQL', REP_A, 'sql', 'WRONG_STAGE'],
  ])('rejects acceptance %s', (_m, who, stage, code) => {
    const s = team();
    const id = leadAt(s, stage as 'mql', T0);
    const d = act(s, who, cmd('acceptMql', id), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });
});
