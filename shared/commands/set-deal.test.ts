import { describe, expect, it } from 'vitest';
import { act, cmd, days, leadAt, must, REP_A, T0, team } from '../testing.ts';

describe('setDeal', () => {
  it('sets amount, currency and expected close', () => {
    const s = team();
    const id = leadAt(s, 'opportunity', T0);
    must(s, REP_A, cmd('setDeal', id, { amount: 12000, currency: 'EUR', expectedClose: T0 + days(20) }), T0);
    expect(s.leads.get(id)).toMatchObject({ amount: 12000, currency: 'EUR', expectedClose: T0 + days(20) });
  });

  it.each([
    ['a negative amount', { amount: -1, currency: 'EUR' }, 'opportunity', 'INVALID_COMMAND'],
    ['a lowercase currency', { amount: 1, currency: 'eur' }, 'opportunity', 'INVALID_COMMAND'],
    ['an SQL', { amount: 1, currency: 'EUR' }, 'sql', 'WRONG_STAGE'],
  ])('rejects %s', (_m, args, stage, code) => {
    const s = team();
    const id = leadAt(s, stage as 'sql', T0);
    const d = act(s, REP_A, cmd('setDeal', id, args), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });
});
