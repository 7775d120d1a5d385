import { exportLeadsCsv } from '../../../shared/import/export.ts';
import type { Lead } from '../../../shared/lead.ts';
import type { LeadlineDb, LeadRow } from '../../store/db.ts';

/** A row as the user sees it: the decided lead with the team's contact edits laid over it. */
export const visibleLead = (r: LeadRow): Lead => ({ ...r.view, contact: r.contact });

/**
 * The leads this user sees in the sidebar (all of the team's, or only their own) as CSV for Excel:
 * UTF-8 with BOM, formula-looking cells neutralised (shared/import/export.ts).
 */
export async function exportCsv(
  db: LeadlineDb,
  options: { owner?: string; memberName: (id: string) => string | undefined },
): Promise<{ csv: string; count: number }> {
  const rows = options.owner
    ? await db.leads.where('owner').equals(options.owner).toArray()
    : await db.leads.orderBy('updatedAt').reverse().toArray();
  const leads = rows.map(visibleLead);
  return { csv: exportLeadsCsv(leads, { memberName: options.memberName }), count: leads.length };
}

export function exportFileName(now: Date): string {
  return `leadline-leads-${now.toISOString().slice(0, 10)}.csv`;
}

/** Saves text as a file through the browser's download (an extension page: no host page involved). */
export function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
