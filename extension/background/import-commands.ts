import type { Command } from '../../shared/commands/index.ts';
import { parseCommand } from '../../shared/decide.ts';
import { AUTHORITY, type Verdict, WORK } from '../../shared/sync-docs.ts';
import type { BackgroundReply, ImportStatus } from '../messages.ts';
import { ORIGIN_LOCAL, type SyncClient } from '../sync/client.ts';

/**
 * A chunk of a CSV import (ui/import) goes straight into the work doc, not through the outbox. The work doc is
 * itself persisted (the flush that stores this update commits before we answer) and y-websocket resends what
 * the server lacks on every reconnect, so nothing is lost offline either. The outbox would add one pending row
 * per command, which the sync client re-reads on every flush: right for a few offline actions, quadratic for
 * 10,000 rows. Imported leads appear once the server decided them (the import page shows that progress);
 * their verdicts land in `verdicts` like any other. Commands already decided or already in the doc are skipped
 * (ids derive from the file: a re-run resends only what is missing, and the server decides each id once).
 */
/** Commands per work-doc update: far below the server's 10 MiB frame limit and 200 messages/s. */
export const DOC_CHUNK = 500;

export async function importCommands(client: SyncClient, input: unknown[]): Promise<BackgroundReply> {
  const commands = client.work.getMap(WORK.commands);
  const verdicts = client.authority.getMap(AUTHORITY.verdicts);
  const valid: Command[] = [];
  for (const c of input) {
    const parsed = parseCommand(c);
    if (!parsed.ok || parsed.command.type !== 'capture')
      return { ok: false, message: 'The import sent a command that is not a valid capture.' };
    if (!verdicts.has(parsed.command.id) && !commands.has(parsed.command.id)) valid.push(parsed.command);
  }
  // One work-doc update (one WebSocket message, ~250 KB) per DOC_CHUNK commands, all put at once: the server
  // starts deciding while the rest is still on the wire, instead of waiting for this client's flushes.
  for (let i = 0; i < valid.length; i += DOC_CHUNK) {
    client.work.transact(() => {
      for (const c of valid.slice(i, i + DOC_CHUNK)) commands.set(c.id, c);
    }, ORIGIN_LOCAL);
  }
  // Stored in their own transaction (SyncClient.commandsStored), not behind the flushes of earlier verdicts.
  await client.commandsStored();
  return { ok: true };
}

/**
 * Where an import stands, read from the docs in memory: the server's verdicts arrive here long before the
 * flushes that write the thousands of rows they create are in IndexedDB, and reading the docs costs a map
 * lookup per row (the import page asks a few times a second).
 */
export function importStatus(client: SyncClient, prefix: string, suffixes: readonly string[]): ImportStatus {
  const commands = client.work.getMap(WORK.commands);
  const verdicts = client.authority.getMap(AUTHORITY.verdicts);
  const status: ImportStatus = { queued: [], decided: 0, rejected: 0, reasons: [] };
  const reasons = new Map<string, number>();
  for (const suffix of suffixes) {
    const id = prefix + suffix;
    // Read, not parsed: a few fields of a server-written record, 10,000 times per tick.
    const v = verdicts.get(id) as Partial<Verdict> | undefined;
    if (v) {
      status.decided++;
      if (v.status === 'rejected') {
        status.rejected++;
        const m = (typeof v.message === 'string' && v.message) || v.code || 'Refused.';
        reasons.set(m, (reasons.get(m) ?? 0) + 1);
      }
    }
    if (v || commands.has(id) || client.isDroppedImport(id)) status.queued.push(suffix);
  }
  status.reasons = [...reasons];
  return status;
}
