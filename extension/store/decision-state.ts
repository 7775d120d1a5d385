import { approvedExtensions, type Contact, emailKey, phoneKey } from '../../shared/lead.ts';
import { createTeamState, putLead, type TeamState } from '../../shared/team.ts';
import type { LeadlineDb, LeadRow } from './db.ts';
import type { ProjectionContext } from './projection.ts';

/**
 * A small TeamState holding exactly what `decide` reads for one command: the lead, the owner's extended
 * leads (quota), and for a capture the leads sharing an email or phone (duplicates). Built from indexes in
 * a few milliseconds instead of loading every lead.
 */
export async function stateForLead(db: LeadlineDb, row: LeadRow, ctx: ProjectionContext): Promise<TeamState> {
  const state = createTeamState(ctx.settings, ctx.members);
  const owner = row.view.owner;
  if (owner) {
    // toArray then filter: one getAll, not a cursor stepping through the owner's SQLs.
    const sqls = await db.leads.where('[owner+stage]').equals([owner, 'sql']).toArray();
    for (const r of sqls) if (approvedExtensions(r.view) > 0) putLead(state, r.view);
  }
  putLead(state, row.view);
  return state;
}

export async function stateForCapture(
  db: LeadlineDb,
  contact: Contact,
  ctx: ProjectionContext,
): Promise<TeamState> {
  const state = createTeamState(ctx.settings, ctx.members);
  const emails = contact.emails.map(emailKey);
  const phones = contact.phones.map(phoneKey);
  const rows = [
    ...(emails.length ? await db.leads.where('emails').anyOf(emails).toArray() : []),
    ...(phones.length ? await db.leads.where('phones').anyOf(phones).toArray() : []),
  ];
  for (const r of rows) putLead(state, { ...r.view, contact: r.contact });
  return state;
}
