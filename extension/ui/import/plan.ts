import { commandIdOf, leadIdOf } from '../../../shared/import/ids.ts';
import type { ImportPreview, PreviewRow } from '../../../shared/import/preview.ts';

export type ReadyPreview = Extract<ImportPreview, { ok: true }>;

/** Ids this file's import gets (`imp-<fileKey>-<row>` / `lead-…`): a prefix finds all of them. */
export const commandPrefix = (fileKey: string) => commandIdOf(`${fileKey}-`);
export const leadPrefix = (fileKey: string) => leadIdOf(`${fileKey}-`);

/**
 * Marks the rows an earlier run of this import already handed over — their lead exists on this device or
 * their command is in the outbox — as `alreadyImported`, and recounts. The shared preview finds those only
 * through a shared email or phone; a name-only row would otherwise look new again (its id is stable, so
 * re-sending it would be harmless, but the user must see that it is done).
 */
export function markImported(
  preview: ReadyPreview,
  done: { leadIds: ReadonlySet<string>; commandIds: ReadonlySet<string> },
): ReadyPreview {
  const rows = preview.rows.map((r): PreviewRow => {
    if (!r.key || r.alreadyImported) return r;
    if (done.leadIds.has(leadIdOf(r.key)) || done.commandIds.has(commandIdOf(r.key)))
      return { ...r, alreadyImported: true };
    return r;
  });
  const counts = { ok: 0, warning: 0, error: 0, alreadyImported: 0 };
  for (const r of rows) {
    counts[r.status]++;
    if (r.alreadyImported) counts.alreadyImported++;
  }
  return { ...preview, rows, counts };
}

/** Rows the user may tick: not errors, not already imported. */
export const selectable = (r: PreviewRow): boolean => !!r.key && !r.alreadyImported;

export type RowFilter = 'all' | 'problems' | 'errors' | 'imported';

export function filterRows(rows: readonly PreviewRow[], filter: RowFilter): PreviewRow[] {
  switch (filter) {
    case 'all':
      return rows as PreviewRow[];
    case 'problems':
      return rows.filter((r) => r.problems.length > 0);
    case 'errors':
      return rows.filter((r) => r.status === 'error');
    case 'imported':
      return rows.filter((r) => r.alreadyImported);
  }
}

/** "HubSpot", "Salesforce"… for the file summary. */
export const CRM_LABEL = {
  hubspot: 'HubSpot',
  salesforce: 'Salesforce',
  zoho: 'Zoho',
  pipedrive: 'Pipedrive',
  unknown: 'not recognised',
} as const;

export const DELIMITER_LABEL = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'bar' } as const;

/**
 * Rows per message to the background (~1.3 MB): the background splits them into work-doc updates of 500
 * (background/import-commands.ts). Few, large messages so that the server gets the whole file at once and does
 * not wait for this client's flushes between chunks.
 */
export const CHUNK = 2500;
