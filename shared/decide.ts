import type { Decision } from './commands/define.ts';
import { COMMAND_BY_TYPE, type Command, CommandSchema } from './commands/index.ts';
import { CLOSED_STAGES } from './lead.ts';
import { reject } from './rejections.ts';
import type { Actor } from './roles.ts';
import type { TeamState } from './team.ts';

export type { Decision } from './commands/define.ts';

/** Validates untrusted input as a command; a failure names every bad field path. */
export function parseCommand(
  input: unknown,
): { ok: true; command: Command } | { ok: false; issues: { path: string; message: string }[] } {
  const r = CommandSchema.safeParse(input);
  if (r.success) return { ok: true, command: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
  };
}

/**
 * The rules: what a command by `actor` at `now` does to the team, as events, or why it is refused.
 * Pure. The caller runs due timers up to `now` first (runTimers) so that deadlines are already applied.
 */
export function decide(state: TeamState, input: unknown, actor: Actor, now: number): Decision {
  const parsed = parseCommand(input);
  if (!parsed.ok) {
    return {
      ok: false,
      rejection: reject(
        'INVALID_COMMAND',
        `The action is malformed: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`,
        undefined,
        {
          issues: parsed.issues,
        },
      ),
    };
  }
  const cmd = parsed.command;
  const def = COMMAND_BY_TYPE.get(cmd.type)!;
  if (!def.roles.includes(actor.role)) {
    return {
      ok: false,
      rejection: reject(
        'ROLE_NOT_ALLOWED',
        `A ${actor.role} cannot ${cmd.type}.`,
        `Allowed: ${def.roles.join(', ')}.`,
      ),
    };
  }
  const lead = state.leads.get(cmd.leadId);
  const ctx = { state, actor, now, settings: state.settings };
  if (def.createsLead) {
    if (lead)
      return {
        ok: false,
        rejection: reject('LEAD_EXISTS', undefined, undefined, { existingLeadId: lead.id }),
      };
    // biome-ignore lint/suspicious/noExplicitAny: capture's decide does not read the lead it creates.
    return def.decide(cmd, undefined as any, ctx);
  }
  if (!lead) return { ok: false, rejection: reject('UNKNOWN_LEAD') };
  if (CLOSED_STAGES.has(lead.stage)) {
    return {
      ok: false,
      rejection: reject('LEAD_CLOSED', `The lead is closed (${lead.stage}).`, undefined, {
        stage: lead.stage,
      }),
    };
  }
  return def.decide(cmd, lead, ctx);
}
