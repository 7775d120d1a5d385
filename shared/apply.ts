import type { LeadEvent } from './events.ts';
import type { HistoryEntry, Lead, Stage } from './lead.ts';

/** A lead as it is right after capture. */
function newLead(e: Extract<LeadEvent, { type: 'captured' }>): Lead {
  return {
    id: e.leadId,
    contact: e.contact,
    source: e.source,
    ...(e.sourceUrl ? { sourceUrl: e.sourceUrl } : {}),
    ...(e.note ? { note: e.note } : {}),
    // Nobody to work it (a manager's or admin's capture): it waits in the pool for a claim.
    stage: e.owner ? 'new' : 'pool',
    owner: e.owner,
    capturedBy: e.by,
    capturedAt: e.at,
    obtainedAt: e.at,
    mqlBy: null,
    poolReason: e.owner ? null : 'unassigned',
    disqualifyReason: null,
    recallAt: null,
    recallDue: false,
    calls: [],
    unansweredStreak: 0,
    interested: false,
    sqlSince: null,
    sqlDeadline: null,
    extensions: [],
    phase: null,
    demand: null,
    seats: null,
    companyName: null,
    amount: null,
    currency: null,
    expectedClose: null,
    inDanger: false,
    closedAt: null,
    closeReason: null,
    cooldown: null,
    history: [{ at: e.at, stage: e.owner ? 'new' : 'pool', by: e.by, event: 'captured', owner: e.owner }],
    version: 1,
  };
}

/** Leaving SQL (or any open stage for the pool) clears the window and what only made sense inside it. */
const clearWindow: Pick<Lead, 'sqlSince' | 'sqlDeadline' | 'extensions'> = {
  sqlSince: null,
  sqlDeadline: null,
  extensions: [],
};

/** A pending extension request dies with the SQL window it was asked for, or when the lead changes hands. */
function cancelPending(lead: Lead): Lead['extensions'] {
  return lead.extensions.map((x) => (x.status === 'pending' ? { ...x, status: 'cancelled' } : x));
}

function moved(
  lead: Lead,
  e: LeadEvent,
  stage: Stage,
  patch: Partial<Lead>,
  reason?: string,
  note?: string,
): Lead {
  const next: Lead = { ...lead, ...patch, stage };
  const entry: HistoryEntry = { at: e.at, stage, by: e.by, event: e.type, owner: next.owner };
  if (reason) entry.reason = reason;
  if (note) entry.note = note;
  next.history = [...lead.history, entry];
  return next;
}

/**
 * Folds one decided event into a lead. Pure: returns a new object, never mutates `lead`.
 * `lead` is undefined only for `captured`.
 */
export function apply(lead: Lead | undefined, e: LeadEvent): Lead {
  if (e.type === 'captured') return newLead(e);
  if (!lead) throw new Error(`apply: event ${e.type} for unknown lead ${e.leadId}`);
  const next = step(lead, e);
  next.version = lead.version + 1;
  return next;
}

function step(lead: Lead, e: LeadEvent): Lead {
  switch (e.type) {
    case 'captured':
      return newLead(e);
    case 'callLogged': {
      const call = {
        at: e.at,
        by: e.by,
        outcome: e.outcome,
        ...(e.note ? { note: e.note } : {}),
        ...(e.durationSec !== undefined ? { durationSec: e.durationSec } : {}),
      };
      return {
        ...lead,
        calls: [...lead.calls, call],
        unansweredStreak: e.outcome === 'no_answer' ? lead.unansweredStreak + 1 : 0,
        interested: lead.interested || e.outcome === 'interested',
      };
    }
    case 'disqualified':
      return moved(lead, e, 'disqualified', {
        ...clearWindow,
        disqualifyReason: e.reason,
        owner: null,
        closedAt: e.at,
      });
    case 'pooled':
      return moved(
        lead,
        e,
        'pool',
        {
          ...clearWindow,
          poolReason: e.reason,
          recallAt: e.recallAt,
          recallDue: false,
          owner: null,
          inDanger: false,
        },
        e.reason,
        e.note,
      );
    case 'transferred':
      return moved(lead, e, 'mql', { owner: e.to, mqlBy: e.by });
    case 'mqlAccepted':
      // The rep obtains the lead now: the danger clock restarts for them.
      return moved(lead, e, 'sql', {
        sqlSince: e.at,
        sqlDeadline: e.deadline,
        extensions: [],
        obtainedAt: e.at,
        inDanger: false,
      });
    case 'qualified':
      // The window's dates and extensions stay on the card as history; timers only look at SQLs.
      return moved(lead, e, 'opportunity', {
        extensions: cancelPending(lead),
        demand: e.demand,
        seats: e.seats,
        companyName: e.companyName,
        phase: e.phase,
      });
    case 'extensionRequested':
      return {
        ...lead,
        extensions: [
          ...lead.extensions,
          { id: e.extensionId, requestedBy: e.by, requestedAt: e.at, reason: e.reason, status: 'pending' },
        ],
      };
    case 'extensionDecided':
      return {
        ...lead,
        sqlDeadline: e.approved && e.deadline !== null ? e.deadline : lead.sqlDeadline,
        extensions: lead.extensions.map((x) =>
          x.id === e.extensionId
            ? {
                ...x,
                status: e.approved ? 'approved' : 'denied',
                decidedBy: e.by,
                decidedAt: e.at,
                ...(e.note ? { note: e.note } : {}),
              }
            : x,
        ),
      };
    case 'claimed':
      return moved(lead, e, e.stage, {
        owner: e.by,
        poolReason: null,
        recallAt: null,
        recallDue: false,
        obtainedAt: e.at,
        inDanger: false,
        extensions: [],
        sqlSince: e.stage === 'sql' ? e.at : null,
        sqlDeadline: e.deadline,
        ...(e.stage === 'new' ? { interested: false, unansweredStreak: 0 } : {}),
      });
    case 'reassigned':
      return moved(lead, e, lead.stage, { owner: e.to, extensions: cancelPending(lead) });
    case 'phaseAdvanced':
      return { ...lead, phase: e.phase };
    case 'dealSet':
      return { ...lead, amount: e.amount, currency: e.currency, expectedClose: e.expectedClose };
    case 'closed':
      return moved(
        lead,
        e,
        e.outcome,
        { closedAt: e.at, closeReason: e.reason ?? null, inDanger: false },
        e.outcome,
      );
    case 'sqlExpired':
      return moved(
        lead,
        e,
        'pool',
        {
          ...clearWindow,
          poolReason: 'sql_expired',
          owner: null,
          recallAt: null,
          recallDue: false,
          inDanger: false,
          cooldown: lead.owner ? { userId: lead.owner, until: e.cooldownUntil } : null,
        },
        'sql_expired',
      );
    case 'dangerFlagged':
      return { ...lead, inDanger: true };
    case 'recallDue':
      return { ...lead, recallDue: true };
  }
}
