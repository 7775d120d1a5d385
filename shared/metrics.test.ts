import { describe, expect, it } from 'vitest';
import { decide } from './decide.ts';
import { generateMembers, generateTeam, makeLead } from './fixtures-gen.ts';
import type { HistoryEntry, Lead, Stage } from './lead.ts';
import { type FunnelMetrics, forecast, funnelMetrics, type MqlTally } from './metrics.ts';
import { DEFAULT_SETTINGS, days } from './settings.ts';
import { applyEvents, createTeamState, runTimers } from './team.ts';

const T = Date.UTC(2026, 1, 2, 9, 0, 0);
const H = 3_600_000;
const PERIOD = { from: T, to: T + days(7) };
const TELE = 'tele-0001';
const TELE2 = 'tele-0002';
const REP = 'rep-0001';
const REP2 = 'rep-0002';
const SYS = 'system';

/** One history entry: at, stage entered, event, by, owner after it. */
const e = (at: number, stage: Stage, event: string, by: string, owner: string | null): HistoryEntry => ({
  at,
  stage,
  by,
  event,
  owner,
});
const withHistory = (id: string, history: HistoryEntry[], patch: Partial<Lead> = {}): Lead => {
  const last = history[history.length - 1];
  return makeLead({ id, history, stage: last.stage, owner: last.owner, ...patch }, history[0].at);
};
const captured = (at: number, by = TELE) => e(at, 'new', 'captured', by, by);
const transferred = (at: number, by = TELE, to = REP) => e(at, 'mql', 'transferred', by, to);
const accepted = (at: number, rep = REP) => e(at, 'sql', 'mqlAccepted', rep, rep);
const pooled = (at: number, by = REP) => e(at, 'pool', 'pooled', by, null);
const qualified = (at: number, rep = REP) => e(at, 'opportunity', 'qualified', rep, rep);
const closed = (at: number, outcome: 'won' | 'lost', rep = REP) => e(at, outcome, 'closed', rep, rep);

const tally = (t: Partial<MqlTally>): MqlTally => ({
  transferred: 0,
  valid: 0,
  returned: 0,
  released: 0,
  ...t,
});
const run = (leads: Lead[], period = PERIOD) => funnelMetrics(leads, period, DEFAULT_SETTINGS);

describe('funnelMetrics: counts and conversions', () => {
  it('an empty team gives zeros and no rates (never NaN)', () => {
    const m = run([]);
    expect(Object.values(m.entries).every((n) => n === 0)).toBe(true);
    expect(m.conversions.map((c) => c.rate)).toEqual([null, null, null, null]);
    expect(Object.values(m.timeInStage).every((t) => t.medianMs === null && t.stays === 0)).toBe(true);
    expect(m.closed).toEqual({ won: 0, lost: 0, winRate: null, wonAmount: {} });
    expect(m.mqls.total).toEqual(tally({}));
  });

  it('rejects a period that ends before it starts', () => {
    expect(() => run([], { from: T, to: T - 1 })).toThrow(RangeError);
  });

  const walk = withHistory('walk', [
    captured(T + H),
    transferred(T + 2 * H),
    accepted(T + 3 * H),
    qualified(T + days(2)),
    closed(T + days(3), 'won'),
  ]);
  it.each<[string, Lead[], Partial<Record<Stage, number>>, (number | null)[]]>([
    [
      'one lead all the way to won inside the period',
      [walk],
      { new: 1, mql: 1, sql: 1, opportunity: 1, won: 1 },
      [1, 1, 1, 1],
    ],
    [
      'an entry at exactly `from` counts (inclusive)',
      [withHistory('a', [captured(T), transferred(T + H)])],
      { new: 1, mql: 1 },
      [1, 0, null, null],
    ],
    [
      'an entry at exactly `to` does not count (exclusive), nor does the conversion it would make',
      [withHistory('a', [captured(T + H), transferred(PERIOD.to)])],
      { new: 1 },
      [0, null, null, null],
    ],
    [
      'an entry one millisecond before `from` does not count',
      [withHistory('a', [captured(T - 1), transferred(T + H)])],
      { mql: 1 },
      [null, 0, null, null],
    ],
    [
      'conversion means the very next stage: an SQL that expired and was claimed back is one non-converted stay',
      [
        withHistory('a', [
          captured(T),
          transferred(T + H),
          accepted(T + 2 * H),
          e(T + days(3), 'pool', 'sqlExpired', SYS, null), // the metrics read history, not the window length
          e(T + days(4), 'sql', 'claimed', REP2, REP2),
          qualified(T + days(4) + H, REP2),
        ]),
      ],
      { new: 1, mql: 1, sql: 2, pool: 1, opportunity: 1 },
      [1, 1, 0.5, 0],
    ],
    [
      'a reassignment changes the owner, not the stage: it is no entry and does not end the stay',
      [
        withHistory('a', [
          captured(T),
          transferred(T + H),
          e(T + 2 * H, 'mql', 'reassigned', 'mgr-0001', REP2),
        ]),
      ],
      { new: 1, mql: 1 },
      [1, 0, null, null],
    ],
  ])('%s', (_msg, leads, entries, rates) => {
    const m = run(leads);
    expect(m.entries).toMatchObject({ new: 0, mql: 0, sql: 0, opportunity: 0, won: 0, ...entries });
    expect(m.conversions.map((c) => c.rate)).toEqual(rates);
  });

  it('counts stage changes and distinct leads separately', () => {
    const twice = withHistory('a', [
      captured(T),
      transferred(T + H),
      accepted(T + 2 * H),
      e(T + days(1), 'pool', 'pooled', REP, null),
      e(T + days(2), 'sql', 'claimed', REP2, REP2),
    ]);
    const m = run([twice]);
    expect([m.entries.sql, m.leads.sql]).toEqual([2, 1]);
  });

  it('wins and losses in the period, won amounts per currency', () => {
    const deal = (
      id: string,
      outcome: 'won' | 'lost',
      at: number,
      amount: number | null,
      currency: string | null,
    ) =>
      withHistory(id, [captured(T - days(30)), qualified(T - days(20)), closed(at, outcome)], {
        amount,
        currency,
      });
    const m = run([
      deal('w1', 'won', T + H, 1000, 'EUR'),
      deal('w2', 'won', T + 2 * H, 500, 'EUR'),
      deal('w3', 'won', T + 3 * H, 700, 'USD'),
      deal('w4', 'won', T + 4 * H, null, null),
      deal('l1', 'lost', T + 5 * H, 9000, 'EUR'),
      deal('old', 'won', T - H, 1e6, 'EUR'),
    ]);
    expect(m.closed).toEqual({ won: 4, lost: 1, winRate: 0.8, wonAmount: { EUR: 1500, USD: 700 } });
  });
});

describe('funnelMetrics: valid and returned MQLs per telemarketer', () => {
  const byTele = (m: FunnelMetrics) => m.mqls.byTelemarketer;
  it.each<[string, Lead[], Record<string, MqlTally>]>([
    [
      'an accepted MQL is valid',
      [withHistory('a', [captured(T), transferred(T + H), accepted(T + 2 * H)])],
      {
        [TELE]: tally({ transferred: 1, valid: 1 }),
      },
    ],
    [
      'a returned MQL is not valid (pool reason known from the lead)',
      [
        withHistory('a', [captured(T), transferred(T + H), pooled(T + 2 * H)], {
          poolReason: 'returned_mql',
        }),
      ],
      { [TELE]: tally({ transferred: 1, returned: 1 }) },
    ],
    [
      'a returned MQL stays not valid when a rep later claims the lead as an SQL',
      [
        withHistory('a', [
          captured(T),
          transferred(T + H),
          pooled(T + 2 * H),
          e(T + days(1), 'sql', 'claimed', REP2, REP2),
        ]),
      ],
      { [TELE]: tally({ transferred: 1, returned: 1 }) },
    ],
    [
      're-screened and transferred again, the second MQL is a new one and can be valid',
      [
        withHistory('a', [
          captured(T),
          transferred(T + H),
          pooled(T + 2 * H),
          e(T + days(1), 'new', 'claimed', TELE2, TELE2),
          transferred(T + days(2), TELE2),
          accepted(T + days(3)),
        ]),
      ],
      { [TELE]: tally({ transferred: 1, returned: 1 }), [TELE2]: tally({ transferred: 1, valid: 1 }) },
    ],
    [
      'an MQL released to the pool without a verdict is neither valid nor returned',
      [withHistory('a', [captured(T), transferred(T + H), pooled(T + 2 * H)], { poolReason: 'released' })],
      { [TELE]: tally({ transferred: 1, released: 1 }) },
    ],
    [
      'the verdict counts in the period it was given, credited to whoever transferred it',
      [withHistory('a', [captured(T - days(3)), transferred(T - days(2)), accepted(T + H)])],
      { [TELE]: tally({ valid: 1 }) },
    ],
    [
      'an MQL still waiting is transferred but has no verdict yet',
      [withHistory('a', [captured(T), transferred(T + H)])],
      { [TELE]: tally({ transferred: 1 }) },
    ],
  ])('%s', (_msg, leads, expected) => {
    expect(byTele(run(leads))).toEqual(expected);
  });
});

describe('funnelMetrics: time in stage and the one-week rule', () => {
  it.each<[string, number[], number | null]>([
    ['no stay ended: no median', [], null],
    ['odd count: the middle stay', [4 * H, H, 2 * H], 2 * H],
    ['even count: the mean of the two middle stays', [H, 2 * H, 4 * H, 10 * H], 3 * H],
  ])('median of MQL stays — %s', (_msg, stays, median) => {
    const leads = stays.map((d, i) =>
      withHistory(`m${i}`, [captured(T), transferred(T + H), accepted(T + H + d)]),
    );
    expect(run(leads).timeInStage.mql).toEqual({ stays: stays.length, medianMs: median });
  });

  it('only stays that ended in the period count; a stay still running does not', () => {
    const ended = withHistory('a', [captured(T - days(10)), transferred(T + H)]); // new for 10 d + 1 h
    const before = withHistory('b', [captured(T - days(10)), transferred(T - H)]); // ended before
    const running = withHistory('c', [captured(T)]);
    expect(run([ended, before, running]).timeInStage.new).toEqual({ stays: 1, medianMs: days(10) + H });
  });

  it('SQLs lost to the one-week rule, by the rep who held them (after a reassignment, the new holder)', () => {
    const expire = (id: string, at: number, holders: string[]) =>
      withHistory(id, [
        captured(at - days(8)),
        transferred(at - days(7) - H, TELE, holders[0]),
        accepted(at - days(7), holders[0]),
        ...holders.slice(1).map((r, i) => e(at - days(6) + i, 'sql', 'reassigned', 'mgr-0001', r)),
        e(at, 'pool', 'sqlExpired', SYS, null),
      ]);
    const m = run([
      expire('a', T + H, [REP]),
      expire('b', T + 2 * H, [REP]),
      expire('c', T + 3 * H, [REP, REP2]),
      expire('d', T - 1, [REP]),
      expire('e', PERIOD.to, [REP]),
    ]);
    expect(m.sqlExpired).toEqual({ total: 3, byRep: { [REP]: 2, [REP2]: 1 } });
  });
});

describe('funnelMetrics over histories written by the real rules', () => {
  it('returnMql, acceptMql, the SQL timer and claims leave the history the metrics expect', () => {
    const members = generateMembers({ telemarketers: 2, reps: 2, managers: 1 });
    const state = createTeamState(DEFAULT_SETTINGS, members);
    const role = new Map(members.map((m) => [m.id, m.role]));
    let n = 0;
    const act = (who: string, cmd: Record<string, unknown>, now: number) => {
      runTimers(state, now);
      const d = decide(
        state,
        { id: `cmd-${(++n).toString().padStart(6, '0')}`, ...cmd },
        { userId: who, role: role.get(who)! },
        now,
      );
      if (!d.ok) throw new Error(`${String(cmd.type)}: ${d.rejection.code}`);
      applyEvents(state, d.events);
    };
    const screen = (id: string, tele: string, rep: string, at: number) => {
      act(
        tele,
        { type: 'capture', leadId: id, contact: { name: id, emails: [`${id}@x.example`] }, source: 'manual' },
        at,
      );
      act(tele, { type: 'logCall', leadId: id, outcome: 'interested' }, at + H);
      act(tele, { type: 'transfer', leadId: id, toRep: rep }, at + 2 * H);
    };
    screen('lead-returned', TELE, REP, T);
    act(REP, { type: 'returnMql', leadId: 'lead-returned', reason: 'Number never connects' }, T + 3 * H);
    act(REP2, { type: 'claim', leadId: 'lead-returned' }, T + 4 * H); // a rep fishes it out as an SQL
    screen('lead-expired', TELE2, REP, T);
    act(REP, { type: 'acceptMql', leadId: 'lead-expired' }, T + 3 * H);
    runTimers(state, T + 3 * H + days(7)); // exactly at the deadline: expired
    screen('lead-won', TELE2, REP2, T);
    act(REP2, { type: 'acceptMql', leadId: 'lead-won' }, T + 5 * H);
    act(
      REP2,
      { type: 'qualify', leadId: 'lead-won', demand: 'CRM', seats: 12, companyName: 'Acme' },
      T + days(1),
    );
    act(REP2, { type: 'setDeal', leadId: 'lead-won', amount: 12000, currency: 'EUR' }, T + days(1) + H);
    act(REP2, { type: 'closeWon', leadId: 'lead-won' }, T + days(2));

    const m = funnelMetrics(state.leads.values(), { from: T, to: T + days(14) }, DEFAULT_SETTINGS);
    expect(m.mqls.byTelemarketer).toEqual({
      [TELE]: tally({ transferred: 1, returned: 1 }),
      [TELE2]: tally({ transferred: 2, valid: 2 }),
    });
    expect(m.sqlExpired).toEqual({ total: 1, byRep: { [REP]: 1 } });
    expect(m.closed).toEqual({ won: 1, lost: 0, winRate: 1, wonAmount: { EUR: 12000 } });
    expect(m.conversions.map((c) => [c.from, c.converted, c.entered])).toEqual([
      ['new', 3, 3],
      ['mql', 2, 3],
      ['sql', 1, 3],
      ['opportunity', 1, 1],
    ]);
    expect(m.timeInStage.mql).toEqual({ stays: 3, medianMs: H });
  });

  it('on a generated team, the per-telemarketer tallies add up to the totals and stages balance', () => {
    const g = generateTeam({ seed: 5, leads: 2000 });
    const m = funnelMetrics(g.state.leads.values(), { from: 0, to: g.now + 1 }, g.state.settings);
    const sum = Object.values(m.mqls.byTelemarketer).reduce(
      (a, t) => a + t.valid + t.returned + t.released,
      0,
    );
    expect(sum).toBe(m.mqls.total.valid + m.mqls.total.returned + m.mqls.total.released);
    // Over all time, every MQL stay that ended got exactly one verdict.
    expect(m.timeInStage.mql.stays).toBe(sum);
    expect(m.entries.new).toBeGreaterThanOrEqual(g.state.leads.size);
    expect(m.sqlExpired.total).toBe(Object.values(m.sqlExpired.byRep).reduce((a, b) => a + b, 0));
  });
});

describe('forecast', () => {
  const opp = (id: string, phase: string | null, amount: number | null, currency: string | null) =>
    makeLead({ id, stage: 'opportunity', owner: REP, phase, amount, currency });
  it.each<[string, Lead[], ReturnType<typeof forecast>]>([
    ['no opportunities, no forecast', [], { byCurrency: {}, withoutAmount: 0, unknownPhase: 0 }],
    [
      'Σ amount × the current phase’s win rate, per currency',
      [opp('a', 'confirm', 1000, 'EUR'), opp('b', 'negotiate', 500, 'EUR'), opp('c', 'quote', 300, 'USD')],
      {
        byCurrency: {
          EUR: { weighted: 600, pipeline: 1500, opportunities: 2 },
          USD: { weighted: 180, pipeline: 300, opportunities: 1 },
        },
        withoutAmount: 0,
        unknownPhase: 0,
      },
    ],
    [
      'opportunities without an amount are counted apart; an unknown phase weighs 0',
      [opp('a', 'demo', null, null), opp('b', 'retired-phase', 1000, 'EUR')],
      {
        byCurrency: { EUR: { weighted: 0, pipeline: 1000, opportunities: 1 } },
        withoutAmount: 1,
        unknownPhase: 1,
      },
    ],
    [
      'only open opportunities: won, lost and SQLs are not forecast',
      [
        makeLead({ id: 'w', stage: 'won', phase: 'negotiate', amount: 1e6, currency: 'EUR' }),
        makeLead({ id: 'l', stage: 'lost', phase: 'negotiate', amount: 1e6, currency: 'EUR' }),
        makeLead({ id: 's', stage: 'sql', amount: 1e6, currency: 'EUR' }),
      ],
      { byCurrency: {}, withoutAmount: 0, unknownPhase: 0 },
    ],
    [
      'weighted sums are rounded to cents (no 0.30000000000000004)',
      [opp('a', 'confirm', 0.5, 'EUR'), opp('b', 'confirm', 1, 'EUR')],
      {
        byCurrency: { EUR: { weighted: 0.3, pipeline: 1.5, opportunities: 2 } },
        withoutAmount: 0,
        unknownPhase: 0,
      },
    ],
  ])('%s', (_msg, leads, expected) => {
    expect(forecast(leads, DEFAULT_SETTINGS)).toEqual(expected);
  });
});
