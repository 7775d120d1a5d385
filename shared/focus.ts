import { formatDuration } from './commands/define.ts';
import { approvedExtensions, type Lead, OPEN_STAGES, pendingExtension } from './lead.ts';
import type { Actor } from './roles.ts';
import { DAY_MS, days, localDate, type TeamSettings } from './settings.ts';

/**
 * The daily focus: what one user should push today, most urgent first, each item with the reason it is there.
 *
 * One item per lead (a lead with several problems shows the worst one as `reason` and the others in `also`).
 * Ranking is by `score` (higher first), then `dueAt` (earlier first, none last), then lead id, so the order
 * is total and stable. Scores are tiers, not a formula, so that "why is A above B" has a one-line answer:
 *
 * | score | kind                  | for                   | dueAt                     |
 * |-------|-----------------------|-----------------------|---------------------------|
 * | 100   | sqlDeadline (passed)  | owner                 | the deadline              |
 * | 95/85 | extensionApproval     | managers (not owner)  | the SQL deadline          |
 * | 90    | sqlDeadline ≤ 24 h    | owner                 | the deadline              |
 * | 80    | mqlAwaiting           | owner                 | when it reached the owner |
 * | 80    | interestedToTransfer  | owner of a new lead   | the interested call       |
 * | 80/65 | teamSqlExpiring       | managers, admins      | the deadline              |
 * | 75/60 | sqlDeadline ≤ 3 d / later | owner             | the deadline              |
 * | 70    | inDanger              | owner                 | when it came in danger    |
 * | 65/50/25/20 | opportunityClose (passed / soon / no date / later) | owner | expected close |
 * | 60    | recallDue (nurture)   | telemarketers (pool)  | the recall date           |
 * | 55/50/45/15 | newToCall (never / last try / retry due / retry later) | owner | when to call |
 *
 * A lead in danger whose main item is something else gets +2 (tiers are 5 apart, so it never jumps a tier).
 * A pending extension the owner asked for is informational: it rides along in `also`, it never adds urgency.
 *
 * Cost: one pass over the leads, O(1) work per lead that is not a candidate, and a bounded heap of `limit`
 * candidates (partial selection, never a sort of everything): O(n + c·log limit).
 */

export type FocusKind =
  | 'sqlDeadline'
  | 'extensionApproval'
  | 'mqlAwaiting'
  | 'interestedToTransfer'
  | 'teamSqlExpiring'
  | 'inDanger'
  | 'opportunityClose'
  | 'recallDue'
  | 'newToCall';

export type FocusItem = {
  leadId: string;
  kind: FocusKind;
  /** One short sentence: why this lead is on the list. */
  reason: string;
  /** Other reasons on the same lead, e.g. "In danger: obtained 34 days ago", "Extension requested …". */
  also: string[];
  score: number;
  /** When it is (or was) due; absent for items without a date (an opportunity without expected close). */
  dueAt?: number;
};

export type FocusOptions = {
  /** At most this many items (default FOCUS_LIMIT). */
  limit?: number;
  /** Member id → display name, for reasons such as "Extension request from Ana". Defaults to the id. */
  nameOf?: (userId: string) => string | undefined;
  /** How far ahead a manager sees other people's SQL deadlines (default 48 h). */
  teamSqlHorizonMs?: number;
  /** An expected close within this is "soon" (default 7 days). */
  closeSoonMs?: number;
  /** After an unanswered call, try again this much later (default 4 h). */
  retryAfterMs?: number;
};

type Candidate = {
  lead: Lead;
  kind: FocusKind;
  score: number;
  dueAt: number | undefined;
  danger: boolean;
  /** The item a danger flag outranked (its reason goes to `also`). */
  under?: { kind: FocusKind; dueAt: number | undefined };
};

const HOUR = 3_600_000;

/** True when `a` ranks above `b`. */
function ranksAbove(a: Candidate, b: Candidate): boolean {
  if (a.score !== b.score) return a.score > b.score;
  const da = a.dueAt ?? Number.POSITIVE_INFINITY;
  const db = b.dueAt ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db;
  return a.lead.id < b.lead.id;
}

/** Keeps the best `limit` candidates; the root is the worst of them, so most losers cost one comparison. */
class TopK {
  readonly heap: Candidate[] = [];
  constructor(private readonly limit: number) {}

  offer(c: Candidate): void {
    const h = this.heap;
    if (this.limit <= 0) return;
    if (h.length < this.limit) {
      h.push(c);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!ranksAbove(h[p], h[i])) break;
        [h[p], h[i]] = [h[i], h[p]];
        i = p;
      }
      return;
    }
    if (!ranksAbove(c, h[0])) return;
    h[0] = c;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < h.length && ranksAbove(h[worst], h[l])) worst = l;
      if (r < h.length && ranksAbove(h[worst], h[r])) worst = r;
      if (worst === i) return;
      [h[worst], h[i]] = [h[i], h[worst]];
      i = worst;
    }
  }
}

/** Today's length: a list a rep works through in a day. A list this long is cut: show "50+". */
export const FOCUS_LIMIT = 50;

/** What `user` should push today among `leads`, at most `opts.limit` items, most urgent first. */
export function dailyFocus(
  leads: Iterable<Lead>,
  user: Actor,
  now: number,
  settings: TeamSettings,
  opts: FocusOptions = {},
): FocusItem[] {
  const top = new TopK(opts.limit ?? FOCUS_LIMIT);
  const dangerMs = days(settings.dangerDays);
  const teamHorizon = opts.teamSqlHorizonMs ?? 48 * HOUR;
  const closeSoon = opts.closeSoonMs ?? days(7);
  const retryAfter = opts.retryAfterMs ?? 4 * HOUR;
  const lastTry = settings.unansweredCallsToDisqualify - 1;
  const isManager = user.role === 'manager';
  const seesTeam = isManager || user.role === 'admin';
  const isTele = user.role === 'telemarketer';
  const me = user.userId;

  for (const lead of leads) {
    const stage = lead.stage;
    if (lead.owner === me) {
      if (!OPEN_STAGES.has(stage)) continue;
      const danger = lead.inDanger || now >= lead.obtainedAt + dangerMs;
      let kind: FocusKind;
      let score: number;
      let dueAt: number | undefined;
      if (stage === 'sql' && lead.sqlDeadline !== null) {
        const left = lead.sqlDeadline - now;
        kind = 'sqlDeadline';
        score = left <= 0 ? 100 : left <= 24 * HOUR ? 90 : left <= 3 * DAY_MS ? 75 : 60;
        dueAt = lead.sqlDeadline;
      } else if (stage === 'mql') {
        kind = 'mqlAwaiting';
        score = 80;
        dueAt = lead.history[lead.history.length - 1]?.at;
      } else if (stage === 'new' && lead.interested) {
        kind = 'interestedToTransfer';
        score = 80;
        dueAt = lastCall(lead, 'interested')?.at ?? lead.obtainedAt;
      } else if (stage === 'opportunity') {
        kind = 'opportunityClose';
        const close = lead.expectedClose;
        dueAt = close ?? undefined;
        score = close === null ? 25 : close <= now ? 65 : close - now <= closeSoon ? 50 : 20;
      } else if (stage === 'new') {
        kind = 'newToCall';
        const last = lead.calls[lead.calls.length - 1];
        dueAt = last ? last.at + retryAfter : lead.obtainedAt;
        score = !last ? 55 : dueAt > now ? 15 : lead.unansweredStreak >= lastTry ? 50 : 45;
      } else continue;
      if (danger && score < 70) {
        top.offer({
          lead,
          kind: 'inDanger',
          score: 70,
          dueAt: lead.obtainedAt + dangerMs,
          danger,
          under: { kind, dueAt },
        });
      } else top.offer({ lead, kind, score: danger ? score + 2 : score, dueAt, danger });
    } else if (seesTeam && stage === 'sql' && lead.sqlDeadline !== null) {
      const left = lead.sqlDeadline - now;
      const pending = isManager && lead.owner !== null ? pendingExtension(lead) : undefined;
      if (pending) {
        const score = left <= 24 * HOUR ? 95 : 85;
        top.offer({ lead, kind: 'extensionApproval', score, dueAt: lead.sqlDeadline, danger: false });
      } else if (left <= teamHorizon) {
        const score = left <= 24 * HOUR ? 80 : 65;
        top.offer({ lead, kind: 'teamSqlExpiring', score, dueAt: lead.sqlDeadline, danger: false });
      }
    } else if (isTele && stage === 'pool' && lead.poolReason === 'nurture') {
      if (!lead.recallDue && (lead.recallAt === null || lead.recallAt > now)) continue;
      top.offer({ lead, kind: 'recallDue', score: 60, dueAt: lead.recallAt ?? undefined, danger: false });
    }
  }

  const ranked = top.heap.sort((a, b) => (ranksAbove(a, b) ? -1 : ranksAbove(b, a) ? 1 : 0));
  const ctx: ReasonContext = { now, settings, nameOf: opts.nameOf ?? (() => undefined), me };
  return ranked.map((c) => toItem(c, ctx));
}

/**
 * The toolbar badge: items due by `endOfDay` (the caller's local end of today, since shared code knows no
 * time zone), overdue included, plus every extension approval (a manager can act on those at once).
 * Counted over the (capped) list: when `items.length` equals the limit, show "50+".
 */
export function focusCountDueToday(items: readonly FocusItem[], endOfDay: number): number {
  let n = 0;
  for (const it of items) {
    if (it.kind === 'extensionApproval' || (it.dueAt !== undefined && it.dueAt <= endOfDay)) n++;
  }
  return n;
}

type ReasonContext = {
  now: number;
  settings: TeamSettings;
  nameOf: (id: string) => string | undefined;
  me: string;
};

function lastCall(lead: Lead, outcome?: string) {
  for (let i = lead.calls.length - 1; i >= 0; i--) {
    if (!outcome || lead.calls[i].outcome === outcome) return lead.calls[i];
  }
  return undefined;
}

const ago = (ms: number) => (ms < 60_000 ? 'just now' : `${formatDuration(ms)} ago`);
const daysAgo = (ms: number) => {
  const d = Math.floor(ms / DAY_MS);
  return d === 1 ? '1 day ago' : `${d} days ago`;
};

/** The local calendar day of a time, as a day number (differences count calendar days, whatever the hour). */
const calendarDay = (at: number) => {
  const d = new Date(at);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS;
};

function toItem(c: Candidate, ctx: ReasonContext): FocusItem {
  const { lead } = c;
  const also: string[] = [];
  if (c.under) also.push(reasonFor(lead, c.under.kind, c.under.dueAt, ctx));
  else if (c.danger) also.push(reasonFor(lead, 'inDanger', c.dueAt, ctx));
  const pending = lead.owner === ctx.me && lead.stage === 'sql' ? pendingExtension(lead) : undefined;
  if (pending) {
    also.push(
      `Extension requested ${ago(ctx.now - pending.requestedAt)}, waiting for a manager (${used(lead, ctx)})`,
    );
  }
  return {
    leadId: lead.id,
    kind: c.kind,
    reason: reasonFor(lead, c.kind, c.dueAt, ctx),
    also,
    score: c.score,
    ...(c.dueAt !== undefined ? { dueAt: c.dueAt } : {}),
  };
}

const used = (lead: Lead, ctx: ReasonContext) =>
  `${approvedExtensions(lead)} of ${ctx.settings.maxExtensionsPerLead} used`;

function reasonFor(lead: Lead, kind: FocusKind, dueAt: number | undefined, ctx: ReasonContext): string {
  const { now, settings } = ctx;
  const name = (id: string | null) => (id ? (ctx.nameOf(id) ?? id) : 'nobody');
  const deadline = lead.sqlDeadline ?? now;
  const deadlineIn =
    deadline <= now ? `passed ${ago(now - deadline)}` : `in ${formatDuration(deadline - now)}`;
  switch (kind) {
    case 'sqlDeadline':
      return deadline <= now
        ? `Deadline passed ${ago(now - deadline)}: the lead returns to the pool`
        : `Deadline in ${formatDuration(deadline - now)}`;
    case 'extensionApproval': {
      const from = name(pendingExtension(lead)?.requestedBy ?? lead.owner);
      return `Extension request from ${from} (${used(lead, ctx)}); deadline ${deadlineIn}`;
    }
    case 'teamSqlExpiring':
      return `${name(lead.owner)}'s SQL: deadline ${deadlineIn}`;
    case 'mqlAwaiting':
      return `Awaiting your acceptance (from ${name(lead.mqlBy)}, ${ago(now - (dueAt ?? now))})`;
    case 'interestedToTransfer':
      return `Interested on the call ${ago(now - (dueAt ?? now))}: transfer to a rep`;
    case 'inDanger':
      return `In danger: obtained ${daysAgo(now - lead.obtainedAt)}`;
    case 'opportunityClose': {
      const close = lead.expectedClose;
      if (close === null) return 'Opportunity without an expected close date';
      // A date (stored at local noon), not a moment: counted in the user's calendar days.
      const late = calendarDay(now) - calendarDay(close);
      if (late <= 0)
        return close > now ? `Expected close in ${formatDuration(close - now)}` : 'Expected close today';
      const ago = late === 1 ? '1 day ago' : `${late} days ago`;
      return `Expected close date ${localDate(close)} passed ${ago}: update the date or close it`;
    }
    case 'recallDue': {
      if (lead.recallAt === null) return 'Recall due';
      const call = lastCall(lead);
      const as = call?.outcome === 'hostile' ? 'after a hostile call' : 'as no demand';
      const mine = call?.by === ctx.me ? ' (your call)' : '';
      return `Recall due: parked ${as} ${daysAgo(now - (lead.recallAt - days(settings.nurtureRecallDays)))}${mine}`;
    }
    case 'newToCall': {
      const n = lead.unansweredStreak;
      const last = lead.calls[lead.calls.length - 1];
      if (!last)
        return `Not called yet (${lead.source === 'csv' ? 'imported' : 'captured'} ${ago(now - lead.obtainedAt)})`;
      if (dueAt !== undefined && dueAt > now)
        return `Called ${ago(now - last.at)}; try again in ${formatDuration(dueAt - now)}`;
      if (n === 0) return `Call again (last call ${ago(now - last.at)})`;
      const left = settings.unansweredCallsToDisqualify - n;
      return `${n} unanswered call${n === 1 ? '' : 's'} in a row: ${left <= 1 ? 'one more disqualifies it' : 'call again'}`;
    }
  }
}
