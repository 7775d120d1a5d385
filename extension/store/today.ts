import { dailyFocus, type FocusItem, focusCountDueToday } from '../../shared/focus.ts';
import { type Lead, OPEN_STAGES } from '../../shared/lead.ts';
import type { Actor } from '../../shared/roles.ts';
import type { LeadlineDb, LeadRow } from './db.ts';
import { teamContext } from './meta.ts';

const HOUR = 3_600_000;

const OPEN = [...OPEN_STAGES];

/**
 * The leads the daily focus can pick for this user, read through indexes (never the whole table): their
 * own open leads (a rep also owns hundreds of won and lost ones the focus never shows), for managers the
 * SQLs with a pending extension or a deadline within two days, for telemarketers the nurture leads due for
 * recall.
 */
export async function focusCandidates(db: LeadlineDb, actor: Actor, now: number): Promise<LeadRow[]> {
  const seesTeam = actor.role === 'manager' || actor.role === 'admin';
  const parts = await Promise.all([
    // One key range per stage (a getAll each), not anyOf (a cursor: one round trip per row).
    ...OPEN.map((stage) => db.leads.where('[owner+stage]').equals([actor.userId, stage]).toArray()),
    seesTeam ? db.leads.where('flags').equals('extPending').toArray() : [],
    seesTeam
      ? db.leads
          .where('sqlDeadline')
          .between(now - 7 * 24 * HOUR, now + 48 * HOUR, true, true)
          .toArray()
      : [],
    actor.role === 'telemarketer' ? db.leads.where('flags').equals('recallDue').toArray() : [],
  ]);
  const byId = new Map<string, LeadRow>();
  for (const list of parts) for (const r of list) byId.set(r.id, r);
  return [...byId.values()];
}

/**
 * Whether `focusCandidates` may return this lead for this user (any time, any `now`): the rows a first sync
 * writes first, so that Today is painted before the other thousands of rows are in IndexedDB.
 */
export function mayBeInFocus(lead: Lead, actor: Actor): boolean {
  if (lead.owner === actor.userId) return OPEN_STAGES.has(lead.stage);
  if (actor.role === 'manager' || actor.role === 'admin') return lead.stage === 'sql';
  return actor.role === 'telemarketer' && lead.stage === 'pool' && lead.recallDue;
}

export type Today = { items: FocusItem[]; rows: Map<string, LeadRow>; dueToday: number };

export function endOfLocalDay(now: number): number {
  const d = new Date(now);
  d.setHours(23, 59, 59, 999);
  return d.getTime();
}

/** The Today list (shared dailyFocus over the local view of each lead) and the badge count. */
export async function today(db: LeadlineDb, actor: Actor, now: number): Promise<Today> {
  const [rows, { settings, members }] = await Promise.all([focusCandidates(db, actor, now), teamContext(db)]);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const items = dailyFocus(
    rows.map((r) => ({ ...r.view, contact: r.contact })),
    actor,
    now,
    settings,
    { nameOf: (id) => names.get(id) },
  );
  return {
    items,
    rows: new Map(rows.map((r) => [r.id, r])),
    dueToday: focusCountDueToday(items, endOfLocalDay(now)),
  };
}
