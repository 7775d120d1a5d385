import { describe, expect, it } from 'vitest';
import { act, cmd, days, leadAt, MGR, must, REP_A, REP_B, T0, TELE, team } from '../testing.ts';

describe('requestExtension', () => {
  it('records a pending request on the owner’s SQL', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    must(s, REP_A, cmd('requestExtension', id, { reason: 'Waiting for budget' }), T0 + days(3));
    expect(s.leads.get(id)!.extensions).toMatchObject([
      { status: 'pending', requestedBy: REP_A, reason: 'Waiting for budget' },
    ]);
  });

  it.each([
    ['while one is pending', 'EXTENSION_PENDING'],
    ['after two approvals', 'EXTENSION_LIMIT_REACHED'],
  ])('rejects a request %s', (m, code) => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    must(s, REP_A, cmd('requestExtension', id, { reason: 'r' }), T0);
    if (m.includes('approvals')) {
      must(s, MGR, cmd('decideExtension', id, { approve: true }), T0);
      must(s, REP_A, cmd('requestExtension', id, { reason: 'r' }), T0);
      must(s, MGR, cmd('decideExtension', id, { approve: true }), T0);
    }
    const d = act(s, REP_A, cmd('requestExtension', id, { reason: 'r' }), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });

  it.each([
    ['by another rep', REP_B, 'NOT_OWNER'],
    ['by a telemarketer', TELE, 'ROLE_NOT_ALLOWED'],
  ])('rejects a request %s', (_m, who, code) => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    const d = act(s, who, cmd('requestExtension', id, { reason: 'r' }), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });

  it('rejects SQL_DEADLINE_PASSED after the window closed', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    const d = act(s, REP_A, cmd('requestExtension', id, { reason: 'late' }), T0 + days(7));
    expect(!d.ok && d.rejection.code).toBe('SQL_DEADLINE_PASSED');
  });

  it('rejects EXTENSION_QUOTA_FULL when the rep already holds the maximum of extended leads', () => {
    const s = team();
    for (let i = 0; i < 10; i++) {
      const id = leadAt(s, 'sql', T0);
      must(s, REP_A, cmd('requestExtension', id, { reason: 'r' }), T0);
      must(s, MGR, cmd('decideExtension', id, { approve: true }), T0);
    }
    const eleventh = leadAt(s, 'sql', T0);
    const d = act(s, REP_A, cmd('requestExtension', eleventh, { reason: 'r' }), T0);
    expect(!d.ok && d.rejection.code).toBe('EXTENSION_QUOTA_FULL');
  });
});
