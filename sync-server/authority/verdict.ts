import type { Decision } from '../../shared/decide.ts';
import type { Verdict } from '../../shared/sync-docs.ts';

const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v.slice(0, 64) : fallback);

/** The published verdict of a decision. Type and lead id are echoed from the body, even a malformed one. */
export function verdictOf(
  commandId: string,
  body: unknown,
  actor: string,
  decidedAt: number,
  d: Decision,
): Verdict {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const base = {
    commandId,
    leadId: str(b.leadId, ''),
    type: str(b.type, 'unknown'),
    by: actor,
    decidedAt,
  };
  if (d.ok) return { ...base, status: 'accepted' };
  const { code, message, hint, details } = d.rejection;
  return {
    ...base,
    status: 'rejected',
    code,
    message,
    ...(hint ? { hint } : {}),
    ...(details ? { details } : {}),
  };
}
