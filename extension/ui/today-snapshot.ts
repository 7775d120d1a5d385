import type { Member } from '../../shared/roles.ts';
import type { TeamSettings } from '../../shared/settings.ts';
import type { LeadRow } from '../store/db.ts';
import type { Session } from '../store/meta.ts';
import type { Today } from '../store/today.ts';

/**
 * The last Today list this user saw, so that a sidebar opening paints it in its first frame instead of
 * after two IndexedDB round trips in a row (the session, then the focus query: ~35 of the ~120 ms a warm
 * open took). The live queries replace it a few dozen milliseconds later.
 *
 * It is only as stale as an open sidebar already is: Today recomputes every 30 s and on every change, and
 * each result is saved here; a snapshot older than MAX_AGE_MS, of another user or team, or of a page that
 * has since signed out is never shown. Extension-origin storage only (never a host page); sign-in and
 * sign-out clear it.
 */
const KEY = 'leadline:today-snapshot';
const VERSION = 1;
export const MAX_AGE_MS = 60_000;

export type Meta = { session: Session; settings: TeamSettings | undefined; members: Member[] | undefined };
type Stored = {
  v: number;
  savedAt: number;
  meta: Meta;
  today: { items: Today['items']; rows: LeadRow[]; dueToday: number };
};

export type TodaySnapshot = { meta: Meta; today: Today };

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null; // blocked third-party storage throws on access
  } catch {
    return null;
  }
}

/** The snapshot if it is fresh enough to show now. */
export function readTodaySnapshot(now = Date.now()): TodaySnapshot | null {
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Stored;
    if (s.v !== VERSION || !(now - s.savedAt >= 0 && now - s.savedAt <= MAX_AGE_MS)) return null;
    const rows = new Map(s.today.rows.map((r) => [r.id, r]));
    return { meta: s.meta, today: { items: s.today.items, rows, dueToday: s.today.dueToday } };
  } catch {
    return null; // unreadable: the live queries paint as before
  }
}

/** Saves what Today just computed (only the rows its items show). */
export function saveTodaySnapshot(meta: Meta, today: Today, now = Date.now()): void {
  const rows: LeadRow[] = [];
  for (const it of today.items) {
    const r = today.rows.get(it.leadId);
    if (r) rows.push(r);
  }
  const stored: Stored = {
    v: VERSION,
    savedAt: now,
    meta: { ...meta, session: { ...meta.session, token: '' } }, // the UI never reads it: keep it in IndexedDB only
    today: { items: today.items, rows, dueToday: today.dueToday },
  };
  try {
    storage()?.setItem(KEY, JSON.stringify(stored));
  } catch {
    // quota or blocked storage: the next opening waits for the queries, nothing else changes
  }
}

export function clearTodaySnapshot(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // nothing stored where storage is blocked
  }
}

/** Read once per page (undefined until then): only the first paint of a freshly opened sidebar uses it. */
let snapshot: TodaySnapshot | null | undefined;
export function pageSnapshot(): TodaySnapshot | null {
  if (snapshot === undefined) snapshot = readTodaySnapshot();
  return snapshot;
}
/** The snapshot for the first Today of this page, once (later visits to Today query as usual). */
export function takeTodaySnapshot(): TodaySnapshot | null {
  const s = pageSnapshot();
  snapshot = null;
  return s;
}

/** The same signed-in user of the same team (the only case where a snapshot may be shown). */
export const sameSession = (a: Session | undefined | null, b: Session | undefined | null): boolean =>
  !!a && !!b && a.user.id === b.user.id && a.team.id === b.team.id && a.user.role === b.user.role;
