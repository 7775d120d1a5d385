import type { CommandType } from '../../shared/commands/index.ts';
import { decide } from '../../shared/decide.ts';
import type { Lead } from '../../shared/lead.ts';
import type { RejectionCode } from '../../shared/rejections.ts';
import type { Actor } from '../../shared/roles.ts';
import type { TeamState } from '../../shared/team.ts';

/** What the card offers for one command: a button, or the rule that blocks it right now. */
export type ActionOption =
  | { type: CommandType; available: true; approveBlocked?: { message: string; hint?: string } }
  | { type: CommandType; available: false; code: RejectionCode; message: string; hint?: string };

/** Rejections that mean "not your action here" (hidden), as opposed to "a rule blocks it now" (explained). */
const NOT_APPLICABLE: ReadonlySet<RejectionCode> = new Set([
  'ROLE_NOT_ALLOWED',
  'WRONG_STAGE',
  'NOT_OWNER',
  'LEAD_CLOSED',
  'UNKNOWN_LEAD',
  'LEAD_EXISTS',
  'INVALID_COMMAND',
  'NO_PENDING_EXTENSION',
  'ALREADY_CLAIMED',
  'TARGET_NOT_REP',
  'UNKNOWN_PHASE',
  'MISSING_FIELDS',
]);

/** Plausible arguments for probing whether a command is allowed; the form asks for the real ones. */
function probeArgs(type: CommandType, lead: Lead, state: TeamState): Record<string, unknown> | null {
  const reps = [...state.members.values()].filter((m) => m.active && m.role === 'rep');
  switch (type) {
    case 'logCall':
      return { outcome: 'interested' };
    case 'transfer':
      return reps[0] ? { toRep: reps[0].id } : null;
    case 'returnMql':
    case 'requestExtension':
    case 'closeLost':
      return { reason: 'probe' };
    case 'qualify':
      return { demand: 'probe', seats: 1, companyName: 'probe' };
    case 'decideExtension':
      return { approve: false };
    case 'reassign': {
      const to = [...state.members.values()].find(
        (m) =>
          m.active &&
          m.id !== lead.owner &&
          (m.role === 'rep' || (lead.stage === 'new' && m.role === 'telemarketer')),
      );
      return to ? { to: to.id } : null;
    }
    case 'advancePhase': {
      const phases = state.settings.phases;
      const next =
        phases[phases.findIndex((p) => p.id === lead.phase) + 1] ?? phases.find((p) => p.id !== lead.phase);
      return next ? { phase: next.id } : null;
    }
    case 'setDeal':
      return { amount: 1, currency: 'EUR' };
    case 'acceptMql':
    case 'claim':
    case 'release':
    case 'closeWon':
      return {};
    case 'capture':
      return null;
  }
  return null;
}

export const CARD_ACTIONS: readonly CommandType[] = [
  'logCall',
  'transfer',
  'acceptMql',
  'returnMql',
  'qualify',
  'requestExtension',
  'decideExtension',
  'claim',
  'advancePhase',
  'setDeal',
  'closeWon',
  'closeLost',
  'release',
  'reassign',
];

/**
 * The actions this user may take on this lead now, computed with the shared rules against the local state
 * (the server decides again; this only decides what to offer and what to explain).
 */
export function availableActions(state: TeamState, lead: Lead, actor: Actor, now: number): ActionOption[] {
  const out: ActionOption[] = [];
  for (const type of CARD_ACTIONS) {
    const args = probeArgs(type, lead, state);
    if (!args) continue;
    const d = decide(state, { id: 'probe-0000', leadId: lead.id, type, ...args }, actor, now);
    if (d.ok) {
      if (type === 'decideExtension') {
        const approve = decide(state, { id: 'probe-0000', leadId: lead.id, type, approve: true }, actor, now);
        out.push({
          type,
          available: true,
          ...(approve.ok
            ? {}
            : { approveBlocked: { message: approve.rejection.message, hint: approve.rejection.hint } }),
        });
      } else out.push({ type, available: true });
    } else if (!NOT_APPLICABLE.has(d.rejection.code)) {
      out.push({
        type,
        available: false,
        code: d.rejection.code,
        message: d.rejection.message,
        hint: d.rejection.hint,
      });
    }
  }
  return out;
}
