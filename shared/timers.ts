import type { LeadEvent } from './events.ts';
import { SYSTEM_ACTOR } from './events.ts';
import type { Lead } from './lead.ts';
import { OPEN_STAGES } from './lead.ts';
import { days, type TeamSettings } from './settings.ts';

/** When the lead is in danger: not won `dangerDays` after the current holder obtained it. */
export function dangerAt(lead: Lead, settings: TeamSettings): number | null {
  if (lead.inDanger || !OPEN_STAGES.has(lead.stage)) return null;
  return lead.obtainedAt + days(settings.dangerDays);
}

/** The next moment at which a timer changes this lead, or null when none will. */
export function nextDueAt(lead: Lead, settings: TeamSettings): number | null {
  const candidates: number[] = [];
  if (lead.stage === 'sql' && lead.sqlDeadline !== null) candidates.push(lead.sqlDeadline);
  const danger = dangerAt(lead, settings);
  if (danger !== null) candidates.push(danger);
  if (lead.stage === 'pool' && lead.recallAt !== null && !lead.recallDue) candidates.push(lead.recallAt);
  return candidates.length ? Math.min(...candidates) : null;
}

/**
 * The timer events due on this lead by `now`, each stamped with its own due time, earliest first.
 * The SQL deadline is due at exactly `sqlDeadline` (7 days to the millisecond after acceptance).
 */
export function dueEvents(lead: Lead, now: number, settings: TeamSettings): LeadEvent[] {
  const out: LeadEvent[] = [];
  const base = { leadId: lead.id, by: SYSTEM_ACTOR };
  const danger = dangerAt(lead, settings);
  const expiry = lead.stage === 'sql' && lead.sqlDeadline !== null ? lead.sqlDeadline : null;
  // Danger first when it fell inside the SQL window: the flag is then visible in the history of the expired lead.
  if (danger !== null && danger <= now && (expiry === null || danger < expiry)) {
    out.push({ ...base, type: 'dangerFlagged', at: danger });
  }
  if (expiry !== null && expiry <= now) {
    out.push({
      ...base,
      type: 'sqlExpired',
      at: expiry,
      cooldownUntil: expiry + days(settings.reclaimCooldownDays),
    });
  }
  if (lead.stage === 'pool' && lead.recallAt !== null && !lead.recallDue && lead.recallAt <= now) {
    out.push({ ...base, type: 'recallDue', at: lead.recallAt });
  }
  return out;
}
