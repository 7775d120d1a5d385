import { z } from 'zod';
import type { LeadEvent } from '../events.ts';
import type { Lead } from '../lead.ts';
import { type Rejection, reject } from '../rejections.ts';
import type { Actor, Role } from '../roles.ts';
import type { TeamSettings } from '../settings.ts';
import type { TeamState } from '../team.ts';

/** Client-made ids: UUIDs in practice; any URL-safe token of 8–64 characters (imports derive stable ones). */
export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an id of 8–64 letters, digits, - or _');

/** Fields every command carries. `issuedAt` is the client's clock: shown to people, never used by rules. */
export const envelope = {
  id: IdSchema,
  leadId: IdSchema,
  issuedAt: z.number().int().nonnegative().optional(),
};

export type DecideContext = { state: TeamState; actor: Actor; now: number; settings: TeamSettings };
export type Decision = { ok: true; events: LeadEvent[] } | { ok: false; rejection: Rejection };

export type CommandDef<S extends z.ZodObject = z.ZodObject> = {
  type: string;
  /** One line for PROTOCOL.md and the UI. */
  summary: string;
  roles: readonly Role[];
  schema: S;
  /** capture creates the lead; every other command needs it to exist. */
  createsLead?: boolean;
  decide(cmd: z.infer<S>, lead: Lead, ctx: DecideContext): Decision;
};

export function defineCommand<S extends z.ZodObject>(def: CommandDef<S>): CommandDef<S> {
  return def;
}

export const ok = (...events: LeadEvent[]): Decision => ({ ok: true, events });
export const no = (r: Rejection): Decision => ({ ok: false, rejection: r });

/** Base fields of an event produced by a command. */
export function by(cmd: { id: string; leadId: string }, ctx: DecideContext) {
  return { leadId: cmd.leadId, at: ctx.now, by: ctx.actor.userId, commandId: cmd.id };
}

export function requireOwner(lead: Lead, ctx: DecideContext): Rejection | null {
  if (lead.owner === ctx.actor.userId) return null;
  return reject(
    'NOT_OWNER',
    lead.owner
      ? 'This lead belongs to another user.'
      : 'This lead has no owner: claim it from the pool first.',
    lead.owner ? 'Ask a manager to reassign it if it should be yours.' : undefined,
  );
}

export function requireStage(lead: Lead, ...stages: Lead['stage'][]): Rejection | null {
  if (stages.includes(lead.stage)) return null;
  return reject(
    'WRONG_STAGE',
    `This action needs a lead at stage ${stages.join(' or ')}; this one is at ${lead.stage}.`,
    undefined,
    { stage: lead.stage, expected: stages },
  );
}

export function isActiveRep(ctx: DecideContext, userId: string): boolean {
  const m = ctx.state.members.get(userId);
  return !!m && m.active && m.role === 'rep';
}

/** "a", "a and b", "a, b and c": the items of a rejection's sentence. */
export function listOf(items: readonly string[]): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function formatDuration(ms: number): string {
  const mins = Math.round(Math.abs(ms) / 60_000);
  const d = Math.floor(mins / 1440);
  const h = Math.floor((mins % 1440) / 60);
  const m = mins % 60;
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  return `${m} min`;
}

/** The SQL window is closed from its deadline on (7 days to the millisecond). */
export function deadlinePassed(lead: Lead, ctx: DecideContext): Rejection | null {
  // The actor's own SQL on this lead expired (recently: the cool-down is still running) and they do not hold it
  // now: whatever happened since (still in the pool, or claimed by someone else), the reason is the deadline.
  const cd = lead.cooldown;
  const expiredWhileMine =
    cd?.userId === ctx.actor.userId && ctx.now < cd.until && lead.owner !== ctx.actor.userId;
  if (expiredWhileMine) {
    const holder = lead.owner ? (ctx.state.members.get(lead.owner)?.name ?? 'another user') : null;
    return reject(
      'SQL_DEADLINE_PASSED',
      holder
        ? `The one-week deadline passed before this reached the server; the lead went back to the pool and ${holder} claimed it.`
        : 'The one-week deadline passed before this reached the server; the lead went back to the pool.',
      holder
        ? `Talk to ${holder} if you still have news for this contact.`
        : 'If it is still free you can claim it again once the cool-down ends.',
      { poolReason: 'sql_expired', owner: lead.owner },
    );
  }
  if (lead.stage === 'sql' && lead.sqlDeadline !== null && ctx.now >= lead.sqlDeadline) {
    return reject(
      'SQL_DEADLINE_PASSED',
      `The one-week deadline passed ${formatDuration(ctx.now - lead.sqlDeadline)} ago.`,
      'The lead returns to the pool.',
      { deadline: lead.sqlDeadline },
    );
  }
  return null;
}
