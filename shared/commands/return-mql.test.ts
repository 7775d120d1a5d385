import { describe, expect, it } from 'vitest';
import { act, cmd, leadAt, must, REP_A, REP_B, T0, TELE, team } from '../testing.ts';

describe('returnMql', () => {
  it('sends an illegal MQL to the pool as returned_mql, keeping who transferred it', () => {
    const s = team();
    const id = leadAt(s, 'mql', T0);
    must(s, REP_A, cmd('returnMql', id, { reason: 'Phone never connects' }), T0);
    expect(s.leads.get(id)).toMatchObject({
      stage: 'pool',
      poolReason: 'returned_mql',
      owner: null,
      mqlBy: TELE,
    });
  });

  it.each([
    ['without a reason', REP_A, 'mql', {}, 'INVALID_COMMAND'],
    ['by another rep', REP_B, 'mql', { reason: 'x' }, 'NOT_OWNER'],
    ['once accepted', REP_A, 'sql', { reason: 'x' }, 'WRONG_STAGE'],
  ])('rejects a return %s', (_m, who, stage, args, code) => {
    const s = team();
    const id = leadAt(s, stage as 'mql', T0);
    const d = act(s, who, cmd('returnMql', id, args), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });
});
