import { formatDuration } from '../../shared/commands/define.ts';
import type { Lead } from '../../shared/lead.ts';
import type { LeadChange } from '../sync/client.ts';

export type Note = { id: string; title: string; message: string; leadId: string };

const HOUR = 3_600_000;
const POOL_WHY: Record<string, string> = {
  sql_expired: 'its one-week deadline passed',
  returned_mql: 'the rep returned it as not a valid MQL',
  released: 'it was released',
  nurture: 'no demand for now (nurture)',
};

export const leadName = (lead: Lead): string =>
  lead.contact.name || lead.contact.company || lead.contact.emails[0] || 'A lead';

/** What the user should hear about, from decided changes (never their own doing). */
export function notesForChanges(changes: readonly LeadChange[], me: string): Note[] {
  const out: Note[] = [];
  for (const change of changes) {
    // Read one at a time: a change parses its lead when read, and a new lead has nothing before it.
    const before = change.before;
    const after = before && change.after;
    if (!before || !after) continue;
    const { id } = change;
    const last = after.history[after.history.length - 1];
    const mine = before.owner === me || (after.poolReason === 'returned_mql' && after.mqlBy === me);
    if (after.stage === 'pool' && before.stage !== 'pool' && mine && last?.by !== me) {
      out.push({
        id: `pool:${id}:${after.version}`,
        leadId: id,
        title: 'A lead went back to the pool',
        message: `${leadName(after)}: ${POOL_WHY[after.poolReason ?? ''] ?? 'returned to the pool'}.`,
      });
    }
    if (after.owner === me) {
      for (const x of after.extensions) {
        const was = before.extensions.find((e) => e.id === x.id);
        if (was?.status === 'pending' && x.status !== 'pending') {
          out.push({
            id: `ext:${x.id}`,
            leadId: id,
            title: x.status === 'approved' ? 'Extension approved' : 'Extension denied',
            message:
              x.status === 'approved' && after.sqlDeadline
                ? `${leadName(after)}: one more week, new deadline ${new Date(after.sqlDeadline).toLocaleString()}.`
                : `${leadName(after)}: ${x.note ?? 'qualify it before the deadline or it returns to the pool.'}`,
          });
        }
      }
    }
  }
  return out;
}

/** The user's SQLs now within 24 h of their deadline that were not announced for this deadline yet. */
export function deadlineNotes(
  mySqls: readonly Lead[],
  notified: Record<string, number>,
  now: number,
): Note[] {
  const out: Note[] = [];
  for (const lead of mySqls) {
    const d = lead.sqlDeadline;
    if (lead.stage !== 'sql' || d === null || d <= now || d - now > 24 * HOUR || notified[lead.id] === d)
      continue;
    out.push({
      id: `deadline:${lead.id}:${d}`,
      leadId: lead.id,
      title: 'SQL deadline in less than a day',
      message: `${leadName(lead)}: qualify within ${formatDuration(d - now)} or it returns to the pool.`,
    });
  }
  return out;
}
