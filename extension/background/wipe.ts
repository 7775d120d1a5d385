import type { LeadlineDb } from '../store/db.ts';

/** Deletes every local trace of the signed-in team (rows, outbox, verdicts, docs, session) in one transaction. */
export async function wipeLocalData(db: LeadlineDb): Promise<void> {
  await db.transaction('rw', db.all, async () => {
    await Promise.all(db.all.map((t) => t.clear()));
  });
}
