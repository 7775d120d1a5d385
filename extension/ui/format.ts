import type { CommandType } from '../../shared/commands/index.ts';
import type { CallOutcome, Lead, Stage } from '../../shared/lead.ts';

export const STAGE_LABEL: Record<Stage, string> = {
  new: 'New',
  mql: 'MQL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  won: 'Won',
  lost: 'Lost',
  pool: 'Pool',
  disqualified: 'Disqualified',
};

export const COMMAND_LABEL: Record<CommandType, string> = {
  capture: 'Capture',
  logCall: 'Log call',
  transfer: 'Transfer',
  acceptMql: 'Accept MQL',
  returnMql: 'Return MQL',
  qualify: 'Qualify',
  requestExtension: 'Request extension',
  decideExtension: 'Decide extension',
  claim: 'Claim',
  release: 'Release',
  reassign: 'Reassign',
  advancePhase: 'Move phase',
  setDeal: 'Set deal',
  closeWon: 'Close won',
  closeLost: 'Close lost',
};

export const OUTCOME_LABEL: Record<CallOutcome, string> = {
  interested: 'Interested',
  no_answer: 'No answer',
  no_demand: 'No demand',
  wrong_number: 'Wrong number',
  invalid_number: 'Invalid number',
  hostile: 'Hostile',
};

export const POOL_REASON_LABEL: Record<string, string> = {
  nurture: 'nurture (no demand for now)',
  returned_mql: 'returned: not a valid MQL',
  sql_expired: 'SQL deadline passed',
  released: 'released by its owner',
};

/**
 * Why a lead is in the pool, with what its last holder wrote when letting it go ("released by its owner ·
 * “Wrong department”"), for whoever claims it next.
 */
export function poolReasonText(lead: Lead): string {
  const why = POOL_REASON_LABEL[lead.poolReason ?? ''] ?? lead.poolReason ?? 'in the pool';
  const note = lead.history.at(-1)?.note;
  return note ? `${why} · “${note}”` : why;
}

/** A stage-history step in words ("accepted by Alex"); `history[].event` is the event's type. */
export const HISTORY_EVENT_LABEL: Record<string, string> = {
  captured: 'captured',
  transferred: 'transferred as MQL',
  mqlAccepted: 'accepted as SQL',
  qualified: 'qualified',
  pooled: 'returned to the pool',
  claimed: 'claimed',
  sqlExpired: 'deadline passed',
  reassigned: 'reassigned',
  closed: 'closed',
  disqualified: 'disqualified',
};

/** "2 d 4 h", "3 h 12 min", "45 s" — compact, for countdowns. */
export function duration(ms: number, seconds = false): string {
  const abs = Math.abs(ms);
  const s = Math.floor(abs / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  if (m || !seconds) return `${m} min`;
  return `${s % 60} s`;
}

export function countdown(
  deadline: number,
  now: number,
): { text: string; urgency: 'passed' | 'urgent' | 'soon' | 'ok' } {
  const left = deadline - now;
  if (left <= 0) return { text: `deadline passed ${duration(left)} ago`, urgency: 'passed' };
  const text = `${duration(left, left < 3_600_000)} left`;
  if (left <= 24 * 3_600_000) return { text, urgency: 'urgent' };
  if (left <= 3 * 24 * 3_600_000) return { text, urgency: 'soon' };
  return { text, urgency: 'ok' };
}

export function ago(at: number, now: number): string {
  const ms = now - at;
  if (ms < 60_000) return 'just now'; // never "0 min ago"
  return `${duration(ms)} ago`;
}

export function dateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      amount,
    );
  } catch {
    return `${amount} ${currency}`;
  }
}

/** "2 actions and 1 edit", "1 action", "3 edits" (nothing: empty string). */
export function waitingText(actions: number, edits: number): string {
  const parts = [
    actions ? `${actions} action${actions === 1 ? '' : 's'}` : '',
    edits ? `${edits} edit${edits === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.join(' and ');
}
