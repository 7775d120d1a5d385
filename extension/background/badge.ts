import { browser } from '#imports';
import type { Actor } from '../../shared/roles.ts';
import type { LeadlineDb } from '../store/db.ts';
import { today } from '../store/today.ts';

/** The toolbar badge: focus items due today (overdue included); empty when signed out or nothing is due. */
export async function updateBadge(db: LeadlineDb, actor: Actor | null, now: number): Promise<number> {
  const n = actor ? (await today(db, actor, now)).dueToday : 0;
  await browser.action.setBadgeText({ text: n ? (n > 99 ? '99+' : String(n)) : '' });
  await browser.action.setBadgeBackgroundColor({ color: '#c2410c' });
  await browser.action.setTitle({ title: n ? `Leadline: ${n} to push today` : 'Leadline' });
  return n;
}
