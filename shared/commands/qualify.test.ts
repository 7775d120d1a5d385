import { describe, expect, it } from 'vitest';
import { act, cmd, days, leadAt, MINUTE, must, REP_A, REP_B, T0, team } from '../testing.ts';

const full = { demand: 'CRM for the call centre', seats: 25, companyName: 'Acme GmbH' };

describe('qualify', () => {
  it.each([
    ['6 days 23 h 59 min after acceptance', days(7) - MINUTE, true],
    ['exactly 7 days after acceptance', days(7), false],
  ])('at %s: accepted=%s', (_m, offset, accepted) => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    const d = act(s, REP_A, cmd('qualify', id, full), T0 + offset);
    expect(d.ok).toBe(accepted);
    if (d.ok) {
      expect(s.leads.get(id)).toMatchObject({
        stage: 'opportunity',
        phase: 'confirm',
        seats: 25,
        companyName: 'Acme GmbH',
      });
    } else {
      expect(d.rejection.code).toBe('SQL_DEADLINE_PASSED');
      expect(s.leads.get(id)).toMatchObject({ stage: 'pool', poolReason: 'sql_expired', owner: null });
    }
  });

  it.each([
    ['demand', { seats: 3, companyName: 'A' }, ['demand']],
    ['seats', { demand: 'd', companyName: 'A' }, ['seats']],
    ['zero seats', { demand: 'd', seats: 0, companyName: 'A' }, ['seats']],
    ['fractional seats', { demand: 'd', seats: 2.5, companyName: 'A' }, ['seats']],
    ['company name', { demand: 'd', seats: 3, companyName: '  ' }, ['companyName']],
    ['all three', {}, ['demand', 'seats', 'companyName']],
  ])('rejects MISSING_FIELDS without %s and names them', (_m, args, missing) => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    const d = act(s, REP_A, cmd('qualify', id, args), T0);
    expect(!d.ok && d.rejection.code).toBe('MISSING_FIELDS');
    expect(!d.ok && d.rejection.details?.missing).toEqual(missing);
  });

  it('names what is missing in one sentence', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    const message = (args: Record<string, unknown>) => {
      const d = act(s, REP_A, cmd('qualify', id, args), T0);
      return d.ok ? '' : d.rejection.message;
    };
    expect(message({ companyName: 'A' })).toBe(
      'A quotation needs the confirmed demand and the number of seats (1 or more).',
    );
    expect(message({})).toBe(
      'A quotation needs the confirmed demand, the number of seats (1 or more) and the correct company name.',
    );
    expect(message({ demand: 'd', seats: 2 })).toBe('A quotation needs the correct company name.');
  });

  it('an approved extension moves the deadline by one week', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    must(s, REP_A, cmd('requestExtension', id, { reason: 'Board meets next week' }), T0 + days(5));
    must(s, 'mgr-0001', cmd('decideExtension', id, { approve: true }), T0 + days(5));
    expect(act(s, REP_A, cmd('qualify', id, full), T0 + days(14) - MINUTE).ok).toBe(true);
  });

  it('cancels an extension request still pending, so no manager is asked about an opportunity', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    must(s, REP_A, cmd('requestExtension', id, { reason: 'r' }), T0);
    must(s, REP_A, cmd('qualify', id, full), T0);
    expect(s.leads.get(id)!.extensions.map((e) => e.status)).toEqual(['cancelled']);
  });

  it.each([
    ['NOT_OWNER for another rep', REP_B, 'sql', 'NOT_OWNER'],
    ['WRONG_STAGE for an MQL', REP_A, 'mql', 'WRONG_STAGE'],
  ])('rejects %s', (_m, who, stage, code) => {
    const s = team();
    const id = leadAt(s, stage as 'sql', T0);
    const d = act(s, who, cmd('qualify', id, full), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });

  it('tells the former owner SQL_DEADLINE_PASSED, not NOT_OWNER, when another rep claimed the expired lead', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    must(s, REP_B, cmd('claim', id), T0 + days(7));
    const d = act(s, REP_A, cmd('qualify', id, full), T0 + days(8));
    expect(!d.ok && d.rejection.code).toBe('SQL_DEADLINE_PASSED');
    expect(!d.ok && d.rejection.message).toContain('Ben Rep claimed it');
  });

  it('tells the former owner SQL_DEADLINE_PASSED, not WRONG_STAGE, once the lead expired to the pool', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    act(s, REP_B, cmd('claim', 'lead-none-0'), T0 + days(8)); // any command runs the timers
    expect(s.leads.get(id)!.stage).toBe('pool');
    const d = act(s, REP_A, cmd('qualify', id, full), T0 + days(8));
    expect(!d.ok && d.rejection.code).toBe('SQL_DEADLINE_PASSED');
  });
});
