import { describe, expect, it } from 'vitest';
import { act, cmd, leadAt, MGR, must, REP_A, T0, TELE, team } from '../testing.ts';

describe('transfer', () => {
  it('hands an interested lead to a rep as an MQL', () => {
    const s = team();
    const id = leadAt(s, 'interested', T0);
    must(s, TELE, cmd('transfer', id, { toRep: REP_A }), T0);
    expect(s.leads.get(id)).toMatchObject({ stage: 'mql', owner: REP_A, mqlBy: TELE });
  });

  it.each([
    ['without an interested call', 'new', REP_A, 'NOT_QUALIFIED'],
    ['to a non-rep', 'interested', MGR, 'TARGET_NOT_REP'],
    ['to an unknown user', 'interested', 'nobody-123', 'TARGET_NOT_REP'],
    ['twice', 'mql', REP_A, 'WRONG_STAGE'],
  ])('rejects a transfer %s', (_m, stage, to, code) => {
    const s = team();
    const id = leadAt(s, stage as 'new', T0);
    const who = stage === 'mql' ? REP_A : TELE;
    const d = act(s, who, cmd('transfer', id, { toRep: to }), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });

  it('rejects NOT_OWNER when another telemarketer transfers', () => {
    const s = team();
    const id = leadAt(s, 'interested', T0);
    const d = act(s, 'tele-0002', cmd('transfer', id, { toRep: REP_A }), T0);
    expect(!d.ok && d.rejection.code).toBe('NOT_OWNER');
  });

  it('re-screening after a claim needs a new interested call', () => {
    const s = team();
    const id = leadAt(s, 'pool', T0);
    must(s, TELE, cmd('claim', id), T0);
    must(s, TELE, cmd('logCall', id, { outcome: 'no_answer' }), T0);
    const d = act(s, TELE, cmd('transfer', id, { toRep: REP_A }), T0);
    expect(!d.ok && d.rejection.code).toBe('NOT_QUALIFIED');
  });
});
