import type { Command } from '../../shared/commands/index.ts';
import { parseCommand } from '../../shared/decide.ts';
import type { Verdict } from '../../shared/sync-docs.ts';
import type { LeadlineDb, LeadRow, OutboxRow } from './db.ts';
import { getMeta, type Session, teamContext } from './meta.ts';
import type { ProjectionContext } from './projection.ts';
import { recomputeRows } from './rows.ts';

/** A command as the UI builds it: the envelope (id, issuedAt) is added on submit. */
export type CommandInput = Command extends infer C
  ? C extends Command
    ? Omit<C, 'id' | 'issuedAt'> & { id?: string }
    : never
  : never;

/** On success, the lead's row as stored with the action (pending): the UI shows it without re-reading. */
export type SubmitResult = { ok: true; id: string; row?: LeadRow } | { ok: false; message: string };

export function projectionContext(
  session: Session,
  team: Awaited<ReturnType<typeof teamContext>>,
): ProjectionContext {
  return { actor: { userId: session.user.id, role: session.user.role }, ...team };
}

/**
 * Persists a user action: the outbox row and the lead's re-projected row in one IndexedDB transaction.
 * When this resolves the action survives anything; only then may the UI confirm it. The caller then
 * pings the background, which puts the command into the work doc. `known`: the session and team the
 * caller already holds (the sidebar does), saving a round of reads.
 */
export async function submitCommand(
  db: LeadlineDb,
  input: CommandInput,
  now = Date.now(),
  known?: { session: Session; team: Awaited<ReturnType<typeof teamContext>> },
): Promise<SubmitResult> {
  const parsed = parseCommand({ ...input, id: input.id ?? crypto.randomUUID(), issuedAt: now });
  if (!parsed.ok) {
    return { ok: false, message: parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ') };
  }
  const command = parsed.command;
  // Three rounds of IndexedDB requests (two when `known`): session and team, the lead's row and outbox,
  // then both writes.
  // With `known`, meta is not in the scope: the transaction then need not wait for readers of meta.
  const scope = known ? [db.outbox, db.leads] : [db.outbox, db.leads, db.meta];
  return db.transaction('rw', scope, async () => {
    const [session, team] = known
      ? [known.session, known.team]
      : await Promise.all([getMeta(db, 'session'), teamContext(db)]);
    if (!session) return { ok: false, message: 'You are not signed in.' } as const;
    const row: OutboxRow = {
      id: command.id,
      leadId: command.leadId,
      command,
      createdAt: now,
      status: 'pending',
      sentAt: null,
    };
    const [stored] = await recomputeRows(
      db,
      [command.leadId],
      projectionContext(session, team),
      now,
      undefined,
      [row],
    );
    return { ok: true, id: command.id, row: stored } as const;
  });
}

/**
 * Records verdicts on this user's commands, in bulk (one read and one write per table: a CSV import brings
 * thousands at once, and one request per verdict cost seconds). Returns the leads whose rows must be
 * recomputed: those of commands that were still pending. `unsent(id)` gives the command of a verdict that has
 * no outbox row here (a CSV import's: those go straight into the work doc); a rejected one gets a row, so that
 * it shows in the Rejected list until dismissed, like any other (invariant 3). Call inside a transaction over
 * `verdicts` and `outbox`.
 */
export async function recordVerdicts(
  db: LeadlineDb,
  verdicts: readonly Verdict[],
  unsent: (commandId: string) => Command | undefined = () => undefined,
): Promise<Set<string>> {
  const leads = new Set<string>();
  if (!verdicts.length) return leads;
  const [, rows] = await Promise.all([
    db.verdicts.bulkPut(verdicts as Verdict[]),
    db.outbox.bulkGet(verdicts.map((v) => v.commandId)),
  ]);
  const settled: OutboxRow[] = [];
  verdicts.forEach((verdict, i) => {
    const row = rows[i];
    if (!row && verdict.status === 'rejected') {
      const command = unsent(verdict.commandId);
      if (command) {
        const createdAt = command.issuedAt ?? verdict.decidedAt;
        settled.push({
          id: command.id,
          leadId: command.leadId,
          command,
          createdAt,
          status: 'rejected',
          sentAt: createdAt,
          verdict,
        });
      }
      return;
    }
    if (row?.status !== 'pending') return;
    settled.push({ ...row, status: verdict.status, verdict });
    leads.add(row.leadId);
  });
  if (settled.length) await db.outbox.bulkPut(settled);
  return leads;
}

/** One verdict: see `recordVerdicts`. Returns the lead to recompute, if its command was pending. */
export async function recordVerdict(db: LeadlineDb, verdict: Verdict): Promise<string | null> {
  const [leadId] = await recordVerdicts(db, [verdict]);
  return leadId ?? null;
}

/** The user has read a rejection: it leaves the lists (the verdict stays in `verdicts`). */
export async function dismiss(db: LeadlineDb, commandId: string): Promise<void> {
  await db.outbox
    .where('id')
    .equals(commandId)
    .and((r) => r.status === 'rejected')
    .modify({ status: 'dismissed' });
}

/** Accepted and dismissed commands older than `before` are history: drop them from the outbox. */
export async function pruneOutbox(db: LeadlineDb, before: number): Promise<number> {
  return db.outbox
    .where('status')
    .anyOf('accepted', 'dismissed')
    .and((r) => r.createdAt < before)
    .delete();
}

export function pendingCount(db: LeadlineDb): Promise<number> {
  return db.outbox.where('status').equals('pending').count();
}
