import { describe, expect, it } from 'vitest';
import { act, cmd, leadAt, must, REP_A, REP_B, T0, team } from '../testing.ts';

describe('closeWon', () => {
  it('wins the opportunity: the order', () => {
    const s = team();
    const id = leadAt(s, 'opportunity', T0);
    must(s, REP_A, cmd('closeWon', id), T0 + 1);
    expect(s.leads.get(id)).toMatchObject({ stage: 'won', closedAt: T0 + 1 });
    const again = act(s, REP_A, cmd('closeWon', id), T0 + 2);
    expect(!again.ok && again.rejection.code).toBe('LEAD_CLOSED');
  });

  it.each([
    ['an SQL', REP_A, 'sql', 'WRONG_STAGE'],
    ['another rep’s opportunity', REP_B, 'opportunity', 'NOT_OWNER'],
  ])('rejects winning %s', (_m, who, stage, code) => {
    const s = team();
    const id = leadAt(s, stage as 'sql', T0);
    const d = act(s, who, cmd('closeWon', id), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });
});
