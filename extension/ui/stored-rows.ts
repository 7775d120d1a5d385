import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';
import type { LeadlineDb, LeadRow } from '../store/db.ts';

/**
 * Rows a user action just stored, handed to the card showing that lead. The live query would show the same
 * row too, but only after Dexie noticed the commit and read it back (with every other live query of the page
 * re-running at the same moment): the action's "Waiting to sync" then came a frame or two late.
 */
const listeners = new Map<string, Set<(row: LeadRow) => void>>();

export function rowStored(row: LeadRow): void {
  for (const l of listeners.get(row.id) ?? []) l(row);
}

/** A lead's row, live: undefined until read, and while the lead is not on this device. */
export function useLeadRow(db: LeadlineDb, leadId: string): LeadRow | undefined {
  const [row, setRow] = useState<LeadRow | undefined>(undefined);
  useLayoutEffect(() => {
    const sub = liveQuery(() => db.leads.get(leadId)).subscribe({
      next: (v) => setRow(() => v),
      error: (e: unknown) => console.error('Leadline: live query failed', e),
    });
    const set = listeners.get(leadId) ?? new Set();
    const listener = (r: LeadRow) => setRow(() => r);
    set.add(listener);
    listeners.set(leadId, set);
    return () => {
      sub.unsubscribe();
      set.delete(listener);
      if (!set.size) listeners.delete(leadId);
    };
  }, [db, leadId]);
  return row;
}
