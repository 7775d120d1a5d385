/**
 * Every rejection carries a stable code (for programs) and a sentence (for the rep), plus what to do next.
 * Codes are part of the public contract (PROTOCOL.md); never rename one.
 */
export const REJECTION_CODES = {
  INVALID_COMMAND: 'The action is malformed.',
  UNKNOWN_LEAD: 'This lead does not exist or is not visible to you.',
  LEAD_EXISTS: 'A lead with this id already exists.',
  DUPLICATE_LEAD: 'This contact is already a lead.',
  ROLE_NOT_ALLOWED: 'Your role cannot take this action.',
  NOT_OWNER: 'This lead belongs to someone else.',
  WRONG_STAGE: 'The lead is not at the stage this action needs.',
  NOT_QUALIFIED: 'The lead has no interested call yet.',
  TARGET_NOT_REP: 'The lead can only go to an active sales rep.',
  MISSING_FIELDS: 'Some required fields are missing.',
  SQL_DEADLINE_PASSED: 'The one-week deadline for this SQL has passed.',
  EXTENSION_LIMIT_REACHED: 'This lead has used all its extensions.',
  EXTENSION_PENDING: 'An extension request for this lead is already waiting for a manager.',
  EXTENSION_QUOTA_FULL: 'The rep already holds the maximum number of extended leads.',
  NO_PENDING_EXTENSION: 'There is no extension request waiting on this lead.',
  OWN_LEAD: 'Managers cannot decide extensions on their own leads.',
  ALREADY_CLAIMED: 'Someone else claimed this lead first.',
  RECLAIM_COOLDOWN: 'You let this lead expire recently and cannot reclaim it yet.',
  UNKNOWN_PHASE: 'That opportunity phase is not one of the team’s phases.',
  LEAD_CLOSED: 'The lead is closed.',
} as const;

export type RejectionCode = keyof typeof REJECTION_CODES;

export type Rejection = {
  code: RejectionCode;
  /** A sentence a rep understands: what happened. */
  message: string;
  /** What the user can do now. */
  hint?: string;
  details?: Record<string, unknown>;
};

export function reject(
  code: RejectionCode,
  message?: string,
  hint?: string,
  details?: Record<string, unknown>,
): Rejection {
  const r: Rejection = { code, message: message ?? REJECTION_CODES[code] };
  if (hint) r.hint = hint;
  if (details) r.details = details;
  return r;
}
