import { decide } from '../../shared/decide.ts';
import type { Contact, Lead } from '../../shared/lead.ts';
import type { Actor, Member } from '../../shared/roles.ts';
import type { TeamSettings } from '../../shared/settings.ts';
import { applyEvents, createTeamState, putLead } from '../../shared/team.ts';
import type { LeadRow, OutboxRow, Prediction } from './db.ts';
import { searchKeys } from './search-keys.ts';

export type ProjectionContext = { actor: Actor; settings: TeamSettings; members: readonly Member[] };

/**
 * The lead as this user will see it once the server accepts their pending commands: the authority's state
 * with each pending command decided and applied by the same shared rules the server runs, oldest first,
 * each at the moment the user acted. A command the rules refuse here is reported, not applied: the server
 * still decides it (it may know more, or less, than this replica).
 */
export function project(
  authority: Lead | null,
  pending: readonly OutboxRow[],
  ctx: ProjectionContext,
): { view: Lead | null; predicted: Prediction[] } {
  if (!pending.length) return { view: authority, predicted: [] };
  const state = createTeamState(ctx.settings, ctx.members);
  if (authority) putLead(state, authority);
  const predicted: Prediction[] = [];
  const leadId = authority?.id ?? pending[0].leadId;
  for (const row of pending) {
    const d = decide(state, row.command, ctx.actor, row.command.issuedAt ?? row.createdAt);
    if (d.ok) applyEvents(state, d.events);
    else
      predicted.push({
        commandId: row.id,
        type: row.command.type,
        code: d.rejection.code,
        message: d.rejection.message,
      });
  }
  return { view: state.leads.get(leadId) ?? null, predicted };
}

/** Pending commands of one lead in the order the user issued them. */
export function pendingOf(rows: readonly OutboxRow[]): OutboxRow[] {
  return rows
    .filter((r) => r.status === 'pending')
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

export type RowInput = {
  id: string;
  authority: Lead | null;
  /** Outbox rows of this lead (any status; only pending ones are applied). */
  outbox: readonly OutboxRow[];
  edits: Partial<Contact>;
  notes: string;
};

/** The read-model row of a lead, or null when nothing is left to show (no authority state, nothing pending). */
export function buildRow(input: RowInput, ctx: ProjectionContext, now: number): LeadRow | null {
  const pending = pendingOf(input.outbox);
  const { view, predicted } = project(input.authority, pending, ctx);
  if (!view) return null;
  const contact: Contact = { ...view.contact, ...input.edits };
  return {
    id: input.id,
    authority: input.authority,
    view,
    contact,
    edits: input.edits,
    notes: input.notes,
    pending: pending.map((p) => p.command.type),
    predicted,
    ...searchKeys(view, contact),
    updatedAt: now,
  };
}
