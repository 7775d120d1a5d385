import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { act, cmd, days, leadAt, MGR, must, REP_A, REP_B, T0, TELE, team } from '../testing.ts';

describe('logCall', () => {
  it.each([
    ['invalid_number disqualifies', 'invalid_number', 'disqualified', 'invalid_number'],
    ['wrong_number disqualifies', 'wrong_number', 'disqualified', 'wrong_number'],
    ['no_demand parks in nurture', 'no_demand', 'pool', null],
    ['hostile parks in nurture by default', 'hostile', 'pool', null],
    ['interested keeps it new and marks it interested', 'interested', 'new', null],
    ['one no_answer keeps it new', 'no_answer', 'new', null],
  ])('on a new lead: %s', (_m, outcome, stage, reason) => {
    const s = team();
    const id = leadAt(s, 'new', T0);
    must(s, TELE, cmd('logCall', id, { outcome, durationSec: 30 }), T0 + 1000);
    const lead = s.leads.get(id)!;
    expect(lead.stage).toBe(stage);
    expect(lead.disqualifyReason).toBe(reason);
    expect(lead.calls).toHaveLength(1);
    if (stage === 'pool') {
      expect(lead.poolReason).toBe('nurture');
      expect(lead.recallAt).toBe(T0 + 1000 + days(90));
      expect(lead.owner).toBeNull();
    }
    if (outcome === 'interested') expect(lead.interested).toBe(true);
  });

  it('a team may disqualify hostile contacts instead', () => {
    const s = team({ ...DEFAULT_SETTINGS, hostileParksInNurture: false });
    const id = leadAt(s, 'new', T0);
    must(s, TELE, cmd('logCall', id, { outcome: 'hostile' }), T0);
    expect(s.leads.get(id)).toMatchObject({ stage: 'disqualified', disqualifyReason: 'hostile' });
  });

  it.each([
    [
      'three no_answers in a row disqualify as unreachable',
      ['no_answer', 'no_answer', 'no_answer'],
      'disqualified',
    ],
    [
      'an answered call resets the count',
      ['no_answer', 'no_answer', 'interested', 'no_answer', 'no_answer'],
      'new',
    ],
    [
      'the third after an answered one disqualifies',
      ['no_answer', 'interested', 'no_answer', 'no_answer', 'no_answer'],
      'disqualified',
    ],
  ])('%s', (_m, outcomes, stage) => {
    const s = team();
    const id = leadAt(s, 'new', T0);
    outcomes.forEach((outcome, i) => {
      must(s, TELE, cmd('logCall', id, { outcome }), T0 + i * 1000);
    });
    expect(s.leads.get(id)!.stage).toBe(stage);
    if (stage === 'disqualified') expect(s.leads.get(id)!.disqualifyReason).toBe('unreachable');
  });

  it('after screening, a call is history and moves nothing', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    must(s, REP_A, cmd('logCall', id, { outcome: 'invalid_number' }), T0);
    expect(s.leads.get(id)!.stage).toBe('sql');
    expect(s.leads.get(id)!.calls).toHaveLength(2);
  });

  it.each([
    ['someone else’s lead', REP_B, 'sql', 'NOT_OWNER'],
    ['a manager', MGR, 'sql', 'ROLE_NOT_ALLOWED'],
    ['a pool lead', TELE, 'pool', 'WRONG_STAGE'],
    ['a call outcome that does not exist', TELE, 'new', 'INVALID_COMMAND'],
  ])('rejects %s', (m, who, stage, code) => {
    const s = team();
    const id = leadAt(s, stage as 'sql', T0);
    const outcome = m.includes('outcome') ? 'voicemail' : 'no_answer';
    const d = act(s, who, cmd('logCall', id, { outcome }), T0);
    expect(!d.ok && d.rejection.code).toBe(code);
  });

  it('rejects LEAD_CLOSED on a disqualified lead and UNKNOWN_LEAD on a missing one', () => {
    const s = team();
    const id = leadAt(s, 'new', T0);
    must(s, TELE, cmd('logCall', id, { outcome: 'wrong_number' }), T0);
    const closed = act(s, TELE, cmd('logCall', id, { outcome: 'interested' }), T0);
    expect(!closed.ok && closed.rejection.code).toBe('LEAD_CLOSED');
    const missing = act(s, TELE, cmd('logCall', 'lead-missing-1', { outcome: 'interested' }), T0);
    expect(!missing.ok && missing.rejection.code).toBe('UNKNOWN_LEAD');
  });
});
