// The rows the user confirmed → capture commands. Ids come from the preview's row keys (file fingerprint +
// row number), so a second run of the same import after a failure half-way sends the same ids: the server
// answers the ones it already decided from its verdicts and decides only the rest. Nothing is lost, nothing doubles.

import type { Command } from '../commands/index.ts';
import { commandIdOf, leadIdOf } from './ids.ts';
import type { ImportPreview } from './preview.ts';

export type CaptureCommand = Extract<Command, { type: 'capture' }>;

/**
 * One command per selected row that can be imported, in file order. Error rows are never sent, even if
 * selected (the preview does not let them be). `issuedAt` is the caller's clock (shared/ has none).
 */
export function toCaptureCommands(
  preview: ImportPreview,
  selectedRows: Iterable<number>,
  issuedAt?: number,
): CaptureCommand[] {
  if (!preview.ok) return [];
  const selected = new Set(selectedRows);
  const out: CaptureCommand[] = [];
  for (const r of preview.rows) {
    if (!r.key || !selected.has(r.row)) continue;
    const { contact, note, sourceUrl } = r.draft;
    out.push({
      id: commandIdOf(r.key),
      type: 'capture',
      leadId: leadIdOf(r.key),
      contact,
      source: 'csv',
      ...(sourceUrl ? { sourceUrl } : {}),
      ...(note ? { note } : {}),
      ...(issuedAt !== undefined ? { issuedAt } : {}),
    });
  }
  return out;
}

/** The rows a preview selects by default: everything that can be imported and is not already. */
export function importableRows(preview: ImportPreview): number[] {
  return preview.ok ? preview.rows.filter((r) => r.key && !r.alreadyImported).map((r) => r.row) : [];
}
