import { describe, expect, it } from 'vitest';
import { generateTeam, makeLead } from './fixtures-gen.ts';
import { dailyFocus, type FocusItem, focusCountDueToday } from './focus.ts';
import type { Extension, Lead } from './lead.ts';
import type { Actor } from './roles.ts';
import { DEFAULT_SETTINGS, days } from './settings.ts';

const NOW = Date.UTC(2026, 2, 2, 9, 0, 0);
const H = 3_600_000;
const REP: Actor = { userId: 'rep-a-001', role: 'rep' };
const OTHER_REP = 'rep-b-001';
const MGR: Actor = { userId: 'mgr-0001', role: 'manager' };
const ADMIN: Actor = { userId: 'admin-001', role: 'admin' };
const TELE: Actor = { userId: 'tele-0001', role: 'telemarketer' };
const NAMES = new Map([
  ['rep-a-001', 'Ana'],
  ['rep-b-001', 'Ben'],
  ['tele-0001', 'Tina'],
]);
const nameOf = (id: string) => NAMES.get(id);

/** A lead obtained a day ago (so not in danger) unless the patch says otherwise. */
const lead = (id: string, patch: Partial<Lead> = {}): Lead => makeLead({ id, ...patch }, NOW - days(1));
const sql = (id: string, deadlineIn: number, patch: Partial<Lead> = {}) =>
  lead(id, { stage: 'sql', owner: REP.userId, sqlSince: NOW - H, sqlDeadline: NOW + deadlineIn, ...patch });
const ext = (
  status: Extension['status'],
  requestedAt = NOW - 2 * H,
  requestedBy = REP.userId,
): Extension => ({
  id: `ext-${status}-${requestedAt}`,
  requestedBy,
  requestedAt,
  reason: 'Budget meeting next week',
  status,
});
const call = (at: number, outcome: Lead['calls'][number]['outcome'], by = TELE.userId) => ({
  at,
  by,
  outcome,
});

const brief = (items: FocusItem[]) => items.map((i) => [i.leadId, i.kind, i.score, i.reason]);
const focus = (leads: Lead[], user: Actor, opts = {}) =>
  dailyFocus(leads, user, NOW, DEFAULT_SETTINGS, { nameOf, ...opts });

describe('dailyFocus for a rep', () => {
  it.each<[string, Lead[], (string | number)[][]]>([
    ['nothing to do on an empty team', [], []],
    [
      'SQLs by deadline, closest first, in urgency tiers',
      [sql('far', days(5)), sql('soon', 30 * H), sql('today', 28 * 60_000), sql('tonight', 10 * H)],
      [
        ['today', 'sqlDeadline', 90, 'Deadline in 28 min'],
        ['tonight', 'sqlDeadline', 90, 'Deadline in 10 h 0 min'],
        ['soon', 'sqlDeadline', 75, 'Deadline in 1 d 6 h'],
        ['far', 'sqlDeadline', 60, 'Deadline in 5 d 0 h'],
      ],
    ],
    [
      'an SQL exactly at its deadline is overdue and comes first (the window is closed from the deadline on)',
      [sql('in-1ms', 1), sql('at-deadline', 0), sql('late', -2 * H)],
      [
        ['late', 'sqlDeadline', 100, 'Deadline passed 2 h 0 min ago: the lead returns to the pool'],
        ['at-deadline', 'sqlDeadline', 100, 'Deadline passed just now: the lead returns to the pool'],
        ['in-1ms', 'sqlDeadline', 90, 'Deadline in 0 min'],
      ],
    ],
    [
      'ties (same tier, same due time) go by lead id, so the order is stable',
      [sql('lead-c', 5 * H), sql('lead-a', 5 * H), sql('lead-b', 5 * H)],
      [
        ['lead-a', 'sqlDeadline', 90, 'Deadline in 5 h 0 min'],
        ['lead-b', 'sqlDeadline', 90, 'Deadline in 5 h 0 min'],
        ['lead-c', 'sqlDeadline', 90, 'Deadline in 5 h 0 min'],
      ],
    ],
    [
      'an MQL waiting for acceptance ranks below a deadline today, above a deadline later this week',
      [
        sql('sql-far', days(4)),
        lead('mql', {
          stage: 'mql',
          owner: REP.userId,
          mqlBy: TELE.userId,
          history: [
            { at: NOW - 3 * H, stage: 'mql', by: TELE.userId, event: 'transferred', owner: REP.userId },
          ],
        }),
        sql('sql-today', 3 * H),
      ],
      [
        ['sql-today', 'sqlDeadline', 90, 'Deadline in 3 h 0 min'],
        ['mql', 'mqlAwaiting', 80, 'Awaiting your acceptance (from Tina, 3 h 0 min ago)'],
        ['sql-far', 'sqlDeadline', 60, 'Deadline in 4 d 0 h'],
      ],
    ],
    [
      'other people’s leads and closed leads are not mine to push',
      [
        sql('theirs', H, { owner: OTHER_REP }),
        lead('won', { stage: 'won', owner: REP.userId }),
        lead('pooled', { stage: 'pool', poolReason: 'sql_expired' }),
      ],
      [],
    ],
    [
      'a lead in danger: flagged by the server, or predicted from obtainedAt when the flag is not there yet',
      [
        lead('flagged', {
          stage: 'opportunity',
          owner: REP.userId,
          inDanger: true,
          obtainedAt: NOW - days(34),
        }),
        lead('predicted', { stage: 'opportunity', owner: REP.userId, obtainedAt: NOW - days(30) }),
        lead('young', { stage: 'opportunity', owner: REP.userId, obtainedAt: NOW - days(29) }),
      ],
      [
        ['flagged', 'inDanger', 70, 'In danger: obtained 34 days ago'],
        ['predicted', 'inDanger', 70, 'In danger: obtained 30 days ago'],
        ['young', 'opportunityClose', 25, 'Opportunity without an expected close date'],
      ],
    ],
    [
      'an SQL in danger keeps its deadline as the reason and gets +2, never jumping a tier',
      [sql('plain', 10 * H), sql('endangered', 20 * H, { obtainedAt: NOW - days(31) })],
      [
        ['endangered', 'sqlDeadline', 92, 'Deadline in 20 h 0 min'],
        ['plain', 'sqlDeadline', 90, 'Deadline in 10 h 0 min'],
      ],
    ],
    [
      'opportunities by expected close: passed, then soon, then no date, then later',
      [
        lead('later', { stage: 'opportunity', owner: REP.userId, expectedClose: NOW + days(20) }),
        lead('undated', { stage: 'opportunity', owner: REP.userId }),
        lead('soon', { stage: 'opportunity', owner: REP.userId, expectedClose: NOW + days(2) }),
        lead('passed', { stage: 'opportunity', owner: REP.userId, expectedClose: NOW - days(3) }),
      ],
      [
        [
          'passed',
          'opportunityClose',
          65,
          'Expected close date 2026-02-27 passed 3 days ago: update the date or close it',
        ],
        ['soon', 'opportunityClose', 50, 'Expected close in 2 d 0 h'],
        ['undated', 'opportunityClose', 25, 'Opportunity without an expected close date'],
        ['later', 'opportunityClose', 20, 'Expected close in 20 d 0 h'],
      ],
    ],
  ])('%s', (_msg, leads, expected) => {
    expect(brief(focus(leads, REP))).toEqual(expected);
  });

  it('a lead from a CSV import was imported, not captured', () => {
    const l = lead('csv', { stage: 'new', owner: REP.userId, source: 'csv', obtainedAt: NOW - days(1) });
    expect(brief(focus([l], REP))[0]![3]).toBe('Not called yet (imported 1 d 0 h ago)');
  });

  it('an expected close earlier today has not passed yet: it is today (a date, not a moment)', () => {
    const today = lead('today', {
      stage: 'opportunity',
      owner: REP.userId,
      expectedClose: NOW - 2 * 3_600_000,
    });
    expect(brief(focus([today], REP))).toEqual([['today', 'opportunityClose', 65, 'Expected close today']]);
  });

  it.each<[string, Lead, string[]]>([
    [
      'a pending extension the rep asked for rides along as information, without extra urgency',
      sql('ext', 2 * days(1), { extensions: [ext('approved', NOW - days(6)), ext('pending')] }),
      ['Extension requested 2 h 0 min ago, waiting for a manager (1 of 2 used)'],
    ],
    [
      'a lead in danger whose main item is lower keeps that item’s reason in also',
      lead('old-opp', {
        stage: 'opportunity',
        owner: REP.userId,
        obtainedAt: NOW - days(40),
        expectedClose: NOW - days(1),
      }),
      ['Expected close date 2026-03-01 passed 1 day ago: update the date or close it'],
    ],
  ])('%s', (_msg, l, also) => {
    const [item] = focus([l], REP);
    expect(item.also).toEqual(also);
  });

  it('a pending extension does not change the score of the SQL', () => {
    const [a] = focus([sql('x', days(2), { extensions: [ext('pending')] })], REP);
    expect(a).toMatchObject({ kind: 'sqlDeadline', score: 75 });
  });
});

describe('dailyFocus for a manager or an admin', () => {
  const pendingOn = (id: string, deadlineIn: number, owner = REP.userId, approved = 0) =>
    sql(id, deadlineIn, {
      owner,
      extensions: [
        ...Array.from({ length: approved }, (_, i) => ext('approved', NOW - days(8 + i), owner)),
        ext('pending', NOW - H, owner),
      ],
    });
  it.each<[string, Actor, Lead[], (string | number)[][]]>([
    [
      'approvals first, the one whose deadline is closest on top; approved extensions counted',
      MGR,
      [pendingOn('later', days(3), OTHER_REP, 1), pendingOn('urgent', 5 * H)],
      [
        [
          'urgent',
          'extensionApproval',
          95,
          'Extension request from Ana (0 of 2 used); deadline in 5 h 0 min',
        ],
        ['later', 'extensionApproval', 85, 'Extension request from Ben (1 of 2 used); deadline in 3 d 0 h'],
      ],
    ],
    [
      'never an approval on the manager’s own lead (OWN_LEAD): it is their own SQL instead',
      MGR,
      [pendingOn('mine', 5 * H, MGR.userId)],
      [['mine', 'sqlDeadline', 90, 'Deadline in 5 h 0 min']],
    ],
    [
      'team SQLs about to expire within 48 h, not beyond; a passed one is still shown',
      MGR,
      [sql('d3', days(3)), sql('d1', 30 * H, { owner: OTHER_REP }), sql('h5', 5 * H), sql('gone', -H)],
      [
        ['gone', 'teamSqlExpiring', 80, "Ana's SQL: deadline passed 1 h 0 min ago"],
        ['h5', 'teamSqlExpiring', 80, "Ana's SQL: deadline in 5 h 0 min"],
        ['d1', 'teamSqlExpiring', 65, "Ben's SQL: deadline in 1 d 6 h"],
      ],
    ],
    [
      'an admin sees expiring team SQLs but cannot approve extensions',
      ADMIN,
      [pendingOn('p', 5 * H)],
      [['p', 'teamSqlExpiring', 80, "Ana's SQL: deadline in 5 h 0 min"]],
    ],
    [
      'without a name lookup, reasons show the member id',
      MGR,
      [pendingOn('x', 5 * H, 'rep-zz-001')],
      [
        [
          'x',
          'extensionApproval',
          95,
          'Extension request from rep-zz-001 (0 of 2 used); deadline in 5 h 0 min',
        ],
      ],
    ],
  ])('%s', (_msg, user, leads, expected) => {
    expect(brief(focus(leads, user))).toEqual(expected);
  });
});

describe('dailyFocus for a telemarketer', () => {
  const mine = (id: string, patch: Partial<Lead>) => lead(id, { stage: 'new', owner: TELE.userId, ...patch });
  const nurture = (id: string, recallAt: number, patch: Partial<Lead> = {}) =>
    lead(id, {
      stage: 'pool',
      poolReason: 'nurture',
      recallAt,
      calls: [call(recallAt - days(90), 'no_demand')],
      ...patch,
    });
  it.each<[string, Lead[], (string | number)[][]]>([
    [
      'interested leads to transfer first, then recalls due, then leads to call',
      [
        mine('fresh', {}),
        nurture('recall', NOW - days(2)),
        mine('hot', { interested: true, calls: [call(NOW - 2 * H, 'interested')] }),
      ],
      [
        ['hot', 'interestedToTransfer', 80, 'Interested on the call 2 h 0 min ago: transfer to a rep'],
        ['recall', 'recallDue', 60, 'Recall due: parked as no demand 92 days ago (your call)'],
        ['fresh', 'newToCall', 55, 'Not called yet (captured 1 d 0 h ago)'],
      ],
    ],
    [
      'fewer calls first; the last try before "unreachable" above other retries; a retry not yet due last',
      [
        mine('retry-later', { calls: [call(NOW - H, 'no_answer')], unansweredStreak: 1 }),
        mine('one-miss', { calls: [call(NOW - days(1), 'no_answer')], unansweredStreak: 1 }),
        mine('last-try', {
          calls: [call(NOW - days(2), 'no_answer'), call(NOW - days(1), 'no_answer')],
          unansweredStreak: 2,
        }),
        mine('never', {}),
      ],
      [
        ['never', 'newToCall', 55, 'Not called yet (captured 1 d 0 h ago)'],
        ['last-try', 'newToCall', 50, '2 unanswered calls in a row: one more disqualifies it'],
        ['one-miss', 'newToCall', 45, '1 unanswered call in a row: call again'],
        ['retry-later', 'newToCall', 15, 'Called 1 h 0 min ago; try again in 3 h 0 min'],
      ],
    ],
    [
      'recalls: due by flag or by date, not before; only nurture, and any telemarketer’s',
      [
        nurture('flag', NOW + days(1), { recallDue: true }),
        nurture('date', NOW),
        nurture('not-yet', NOW + 1),
        nurture('other-tele', NOW - days(1), { calls: [call(NOW - days(91), 'hostile', 'tele-0002')] }),
        lead('returned', { stage: 'pool', poolReason: 'returned_mql' }),
      ],
      [
        ['other-tele', 'recallDue', 60, 'Recall due: parked after a hostile call 91 days ago'],
        ['date', 'recallDue', 60, 'Recall due: parked as no demand 90 days ago (your call)'],
        ['flag', 'recallDue', 60, 'Recall due: parked as no demand 89 days ago (your call)'],
      ],
    ],
  ])('%s', (_msg, leads, expected) => {
    expect(brief(focus(leads, TELE))).toEqual(expected);
  });
});

describe('focusCountDueToday', () => {
  const endOfDay = NOW + 15 * H;
  it.each<[string, Lead[], Actor, number]>([
    ['nothing is due on an empty list', [], REP, 0],
    [
      'overdue and due today count, later does not',
      [sql('a', -H), sql('b', 10 * H), sql('c', days(2))],
      REP,
      2,
    ],
    ['a deadline exactly at the end of the day counts', [sql('a', 15 * H)], REP, 1],
    [
      'an MQL waiting (due since it arrived) counts; an opportunity without a date does not',
      [
        lead('m', { stage: 'mql', owner: REP.userId }),
        lead('o', { stage: 'opportunity', owner: REP.userId }),
      ],
      REP,
      1,
    ],
    [
      'every approval counts, even with a deadline days away',
      [sql('a', days(4), { extensions: [ext('pending')] })],
      MGR,
      1,
    ],
  ])('%s', (_msg, leads, user, n) => {
    expect(focusCountDueToday(focus(leads, user), endOfDay)).toBe(n);
  });
});

describe('dailyFocus on a generated team', () => {
  const g = generateTeam({ seed: 11, leads: 3000 });
  const leads = [...g.state.leads.values()];
  const users: Actor[] = g.members.map((m) => ({ userId: m.id, role: m.role }));

  it.each(users.map((u) => [u.userId, u] as const))(
    '%s: the capped list is the head of the full ranking',
    (_id, user) => {
      const all = dailyFocus(leads, user, g.now, g.state.settings, { limit: Number.POSITIVE_INFINITY });
      const top = dailyFocus(leads, user, g.now, g.state.settings, { limit: 7 });
      expect(top).toEqual(all.slice(0, 7));
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1], all[i]];
        expect(
          a.score > b.score || (a.score === b.score && (a.dueAt ?? Infinity) <= (b.dueAt ?? Infinity)),
        ).toBe(true);
      }
    },
  );

  it('caps at 50 items by default, and every item says why it is there', () => {
    const items = dailyFocus(leads, { userId: 'tele-0001', role: 'telemarketer' }, g.now, g.state.settings);
    expect(items.length).toBeLessThanOrEqual(50);
    for (const it of items) expect(it.reason).toMatch(/^[A-Z].{5,}/);
  });

  it('is deterministic: the same seed gives the same team and the same focus', () => {
    const again = generateTeam({ seed: 11, leads: 3000 });
    const rep = { userId: 'rep-0001', role: 'rep' } as const;
    expect(dailyFocus(again.state.leads.values(), rep, again.now, again.state.settings)).toEqual(
      dailyFocus(leads, rep, g.now, g.state.settings),
    );
  });
});
