import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings.ts';
import { runTimers } from './team.ts';
import { cmd, days, leadAt, MINUTE, must, REP_A, T0, TELE, team } from './testing.ts';
import { TimerQueue } from './timer-queue.ts';

describe('runTimers', () => {
  it.each([
    ['6 d 23 h 59 min after acceptance the SQL is still the rep’s', days(7) - MINUTE, 'sql'],
    ['at 7 days it returns to the pool as sql_expired', days(7), 'pool'],
  ])('%s', (_m, offset, stage) => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    runTimers(s, T0 + offset);
    expect(s.leads.get(id)!.stage).toBe(stage);
  });

  it('applies an expiry that passed while the server was down at the deadline’s own time, with the cool-down', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    const events = runTimers(s, T0 + days(10));
    expect(events.map((e) => [e.type, e.at])).toEqual([['sqlExpired', T0 + days(7)]]);
    expect(s.leads.get(id)).toMatchObject({
      stage: 'pool',
      poolReason: 'sql_expired',
      owner: null,
      cooldown: { userId: REP_A, until: T0 + days(14) },
    });
  });

  it('takes approved extensions into account', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    must(s, REP_A, cmd('requestExtension', id, { reason: 'r' }), T0);
    must(s, 'mgr-0001', cmd('decideExtension', id, { approve: true }), T0);
    runTimers(s, T0 + days(13));
    expect(s.leads.get(id)!.stage).toBe('sql');
    runTimers(s, T0 + days(14));
    expect(s.leads.get(id)!.stage).toBe('pool');
  });

  it('flags an open lead in danger once the danger period after it was obtained has passed', () => {
    const s = team();
    const id = leadAt(s, 'opportunity', T0);
    runTimers(s, T0 + days(30) - 1);
    expect(s.leads.get(id)!.inDanger).toBe(false);
    const events = runTimers(s, T0 + days(31));
    expect(events.map((e) => e.type)).toEqual(['dangerFlagged']);
    expect(s.leads.get(id)!.inDanger).toBe(true);
    expect(runTimers(s, T0 + days(40))).toEqual([]);
  });

  it('marks a nurture lead due for recall after the recall period', () => {
    const s = team();
    const id = leadAt(s, 'pool', T0);
    runTimers(s, T0 + days(90));
    expect(s.leads.get(id)!.recallDue).toBe(true);
  });

  it('costs O(due): leads not yet due are not visited', () => {
    const s = team({ ...DEFAULT_SETTINGS });
    for (let i = 0; i < 200; i++) leadAt(s, 'new', T0 + i * MINUTE);
    let reads = 0;
    const get = s.leads.get.bind(s.leads);
    s.leads.get = (k: string) => {
      reads++;
      return get(k);
    };
    runTimers(s, T0 + days(30) + 10 * MINUTE - 1);
    // A handful of reads per due lead (timer, apply, index), none for the 190 that are not due.
    expect(reads).toBeLessThanOrEqual(10 * 3);
    expect([...s.leads.values()].filter((l) => l.inDanger)).toHaveLength(10);
  });

  it('a telemarketer’s lead that is never worked is flagged in danger too', () => {
    const s = team();
    const id = leadAt(s, 'new', T0, { tele: TELE });
    runTimers(s, T0 + days(30));
    expect(s.leads.get(id)!.inDanger).toBe(true);
  });
});

describe('TimerQueue', () => {
  it('pops due ids earliest first and skips rescheduled or cleared entries', () => {
    const q = new TimerQueue();
    q.schedule('a', 30);
    q.schedule('b', 10);
    q.schedule('c', 20);
    q.schedule('a', 5); // moved earlier
    q.schedule('c', null); // cleared
    expect(q.peek()).toBe(5);
    expect(q.popDue(25)).toEqual(['a', 'b']);
    expect(q.popDue(100)).toEqual([]);
    expect(q.size).toBe(0);
  });
});
