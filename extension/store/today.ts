import { dailyFocus, type FocusItem, focusCountDueToday } from '../../shared/focus.ts';
import type { Actor } from '../../shared/roles.ts';
import type { LeadlineDb, LeadRow } from './db.ts';
import { teamContext } from './meta.ts';

const HOUR = 3_600_000;

/**
 * The leads the daily focus can pick for this user, read through indexes (never the whole table): their
 * own leads, for managers the SQLs with a pending extension or a deadline within two days, for
 * telemarketers the nurture leads due for recall.
 */
export async function focusCandidates(db: LeadlineDb, actor: Actor, now: number): Promise<LeadRow[]> {
  const seesTeam = actor.role === 'manager' || actor.role === 'admin';
  const parts = await Promise.all([
    db.leads.where('owner').equals(actor.userId).toArray(),
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
