import { z } from 'zod';

/** E.164 with an optional RFC 3966 extension, e.g. +4930123456;ext=12. */
export const PhoneSchema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}(;ext=\d{1,8})?$/, 'a phone number in E.164 form');
export const EmailSchema = z
  .string()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address');

export const ContactSchema = z.object({
  name: z.string().trim().max(200).optional(),
  company: z.string().trim().max(200).optional(),
  title: z.string().trim().max(200).optional(),
  emails: z.array(EmailSchema).max(10).default([]),
  phones: z.array(PhoneSchema).max(10).default([]),
  website: z.string().trim().max(500).optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const STAGES = ['new', 'mql', 'sql', 'opportunity', 'won', 'lost', 'pool', 'disqualified'] as const;
export const StageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof StageSchema>;

/** `unassigned`: captured by a manager or admin (or imported for the team), waiting for someone to claim it. */
export const POOL_REASONS = ['nurture', 'returned_mql', 'sql_expired', 'released', 'unassigned'] as const;
export type PoolReason = (typeof POOL_REASONS)[number];
export const DISQUALIFY_REASONS = ['invalid_number', 'wrong_number', 'unreachable', 'hostile'] as const;
export type DisqualifyReason = (typeof DISQUALIFY_REASONS)[number];
export const CALL_OUTCOMES = [
  'interested',
  'no_demand',
  'hostile',
  'no_answer',
  'invalid_number',
  'wrong_number',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const SOURCES = ['gmail', 'outlook', 'dialer', 'web', 'csv', 'api', 'manual'] as const;
export type Source = (typeof SOURCES)[number];

export type Call = { at: number; by: string; outcome: CallOutcome; note?: string; durationSec?: number };

export type Extension = {
  id: string;
  requestedBy: string;
  requestedAt: number;
  reason: string;
  /** `cancelled`: still pending when the SQL was qualified, reassigned or left the SQL stage. */
  status: 'pending' | 'approved' | 'denied' | 'cancelled';
  decidedBy?: string;
  decidedAt?: number;
  note?: string;
};

/** One step of the lead's life, kept for the card's history and for the funnel metrics. */
export type HistoryEntry = {
  at: number;
  stage: Stage;
  by: string;
  event: string;
  owner: string | null;
  /** Why it moved, where that matters for the figures: the pool or disqualify reason, won/lost. */
  reason?: string;
  /** What the person who moved it wrote (a release's reason), for whoever picks the lead up next. */
  note?: string;
};

/**
 * The decided state of one lead. Only the authority (the sync server, with its clock) writes it;
 * clients compute the same shape to show pending actions.
 */
export type Lead = {
  id: string;
  contact: Contact;
  source: Source;
  sourceUrl?: string;
  note?: string;
  stage: Stage;
  owner: string | null;
  capturedBy: string;
  capturedAt: number;
  /**
   * When the current holder obtained the lead: capture, a rep's acceptance of the MQL, or a claim from the
   * pool. The danger clock ("not signed a month after it was obtained") runs from here; a manager's
   * reassignment does not restart it.
   */
  obtainedAt: number;
  /** The telemarketer who transferred it as an MQL, for marketing's figures. */
  mqlBy: string | null;
  poolReason: PoolReason | null;
  disqualifyReason: DisqualifyReason | null;
  recallAt: number | null;
  recallDue: boolean;
  calls: Call[];
  unansweredStreak: number;
  /** An `interested` call was logged since the lead last became `new`. */
  interested: boolean;
  sqlSince: number | null;
  sqlDeadline: number | null;
  /** Extensions of the current SQL window. */
  extensions: Extension[];
  phase: string | null;
  demand: string | null;
  seats: number | null;
  companyName: string | null;
  amount: number | null;
  currency: string | null;
  expectedClose: number | null;
  inDanger: boolean;
  closedAt: number | null;
  closeReason: string | null;
  /** A rep whose SQL expired may not reclaim it before `until`. */
  cooldown: { userId: string; until: number } | null;
  history: HistoryEntry[];
  /** Number of events applied; lets replicas tell which copy is newer. */
  version: number;
};

export const OPEN_STAGES: ReadonlySet<Stage> = new Set(['new', 'mql', 'sql', 'opportunity']);
export const CLOSED_STAGES: ReadonlySet<Stage> = new Set(['won', 'lost', 'disqualified']);

export function approvedExtensions(lead: Lead): number {
  let n = 0;
  for (const e of lead.extensions) if (e.status === 'approved') n++;
  return n;
}

export function pendingExtension(lead: Lead): Extension | undefined {
  return lead.extensions.find((e) => e.status === 'pending');
}

/** A rep "holds an extended lead" while it is their SQL with at least one approved extension. */
export function isExtendedBy(lead: Lead, repId: string): boolean {
  return lead.stage === 'sql' && lead.owner === repId && approvedExtensions(lead) > 0;
}

/** The phone without its extension: the key for duplicate detection and search. */
export function phoneKey(phone: string): string {
  const i = phone.indexOf(';');
  return i < 0 ? phone : phone.slice(0, i);
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
