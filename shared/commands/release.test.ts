import { describe, expect, it } from 'vitest';
import { act, cmd, leadAt, must, REP_A, REP_B, T0, TELE, team } from '../testing.ts';

describe('release', () => {
  it.each([
    ['a rep’s SQL', REP_A, 'sql'],
    ['a telemarketer’s new lead', TELE, 'new'],
    ['a rep’s opportunity', REP_A, 'opportunity'],
  ])('gives %s back to the pool as released, clearing the window', (_m, who, stage) => {
    const s = team();
    const id = leadAt(s, stage as 'sql', T0);
    must(s, who, cmd('release', id, { reason: 'No time' }), T0);
    expect(s.leads.get(id)).toMatchObject({
      stage: 'pool',
      poolReason: 'released',
      owner: null,
      sqlDeadline: null,
    });
  });

  it.each([
    ['someone else’s lead', REP_B, 'sql', 'NOT_OWNER'],
    ['a pool lead', REP_A, 'pool', 'WRONG_STAGE'],
  ])('rejects releasing %s', (_m, who, stage, code) => {
    const s = team();
    const id = leadAt(s, stage as 'sql', T0);
    const d = act(s, who, cmd('release', id), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });
});
