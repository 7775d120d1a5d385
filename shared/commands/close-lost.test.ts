import { describe, expect, it } from 'vitest';
import { act, cmd, leadAt, must, REP_A, T0, team } from '../testing.ts';

describe('closeLost', () => {
  it('loses the opportunity with its reason', () => {
    const s = team();
    const id = leadAt(s, 'opportunity', T0);
    must(s, REP_A, cmd('closeLost', id, { reason: 'Chose a competitor' }), T0);
    expect(s.leads.get(id)).toMatchObject({ stage: 'lost', closeReason: 'Chose a competitor' });
  });

  it.each([
    ['without a reason', {}, 'opportunity', 'INVALID_COMMAND'],
    ['an SQL', { reason: 'x' }, 'sql', 'WRONG_STAGE'],
  ])('rejects losing %s', (_m, args, stage, code) => {
    const s = team();
    const id = leadAt(s, stage as 'sql', T0);
    const d = act(s, REP_A, cmd('closeLost', id, args), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });
});
