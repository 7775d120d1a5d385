import { browser } from '#imports';
import { FOCUS_LIMIT } from '../../shared/focus.ts';
import type { Actor } from '../../shared/roles.ts';
import type { LeadlineDb } from '../store/db.ts';
import { today } from '../store/today.ts';

/** The toolbar badge: focus items due today (overdue included); empty when signed out or nothing is due. */
export async function updateBadge(db: LeadlineDb, actor: Actor | null, now: number): Promise<number> {
  const t = actor ? await today(db, actor, now) : null;
  const n = t?.dueToday ?? 0;
  // Today is cut at FOCUS_LIMIT: when every item of a full list is due, more may be.
  const more = t !== null && t.items.length >= FOCUS_LIMIT && n === t.items.length ? '+' : '';
  await browser.action.setBadgeText({ text: n ? `${n}${more}` : '' });
  await browser.action.setBadgeBackgroundColor({ color: '#c2410c' });
  await browser.action.setTitle({ title: n ? `Leadline: ${n}${more} to push today` : 'Leadline' });
  return n;
}
