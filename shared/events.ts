import type { CallOutcome, Contact, DisqualifyReason, PoolReason, Source } from './lead.ts';

/**
 * Decided facts. `decide` produces them, `apply` folds them into a lead. `at` is the authority's clock;
 * timer events carry the deadline's own time, so a server that was down applies them as of then.
 */
type Base = { leadId: string; at: number; by: string; commandId?: string };
export type SYSTEM = 'system';
export const SYSTEM_ACTOR = 'system';

export type LeadEvent = Base &
  (
    | {
        type: 'captured';
        contact: Contact;
        source: Source;
        sourceUrl?: string;
        note?: string;
        owner: string | null;
      }
    | { type: 'callLogged'; outcome: CallOutcome; note?: string; durationSec?: number }
    | { type: 'disqualified'; reason: DisqualifyReason }
    | { type: 'pooled'; reason: PoolReason; recallAt: number | null; note?: string }
    | { type: 'transferred'; to: string }
    | { type: 'mqlAccepted'; deadline: number }
    | { type: 'qualified'; demand: string; seats: number; companyName: string; phase: string }
    | { type: 'extensionRequested'; extensionId: string; reason: string }
    | {
        type: 'extensionDecided';
        extensionId: string;
        approved: boolean;
        deadline: number | null;
        note?: string;
      }
    | { type: 'claimed'; stage: 'new' | 'sql'; deadline: number | null }
    | { type: 'reassigned'; to: string }
    | { type: 'phaseAdvanced'; phase: string }
    | { type: 'dealSet'; amount: number; currency: string; expectedClose: number | null }
    | { type: 'closed'; outcome: 'won' | 'lost'; reason?: string }
    | { type: 'sqlExpired'; cooldownUntil: number }
    | { type: 'dangerFlagged' }
    | { type: 'recallDue' }
  );

export type LeadEventType = LeadEvent['type'];
