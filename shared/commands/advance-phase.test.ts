import { describe, expect, it } from 'vitest';
import { act, cmd, leadAt, must, REP_A, REP_B, T0, team } from '../testing.ts';

describe('advancePhase', () => {
  it('moves an opportunity to another team phase', () => {
    const s = team();
    const id = leadAt(s, 'opportunity', T0);
    must(s, REP_A, cmd('advancePhase', id, { phase: 'demo' }), T0);
    expect(s.leads.get(id)!.phase).toBe('demo');
  });

  it.each([
    ['an unknown phase', REP_A, 'opportunity', 'pilot', 'UNKNOWN_PHASE'],
    ['the phase it is in', REP_A, 'opportunity', 'confirm', 'WRONG_STAGE'],
    ['an SQL', REP_A, 'sql', 'demo', 'WRONG_STAGE'],
    ['another rep’s opportunity', REP_B, 'opportunity', 'demo', 'NOT_OWNER'],
  ])('rejects %s', (_m, who, stage, phase, code) => {
    const s = team();
    const id = leadAt(s, stage as 'sql', T0);
    const d = act(s, who, cmd('advancePhase', id, { phase }), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });
});
