// Text → rows of cells. Papa Parse does the RFC 4180 work (quoted delimiters, doubled quotes, newlines inside
// quotes, CRLF/LF); we choose the delimiter ourselves so the choice is explainable and testable.

import Papa from 'papaparse';

export type Delimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

/** A problem Papa Parse reported, tied to the spreadsheet row it is on (header = row 1). */
export type CsvIssue = { code: 'UNTERMINATED_QUOTE' | 'MALFORMED_QUOTE'; row: number; message: string };

export type ParsedCsv = {
  delimiter: Delimiter;
  /** Every record including blank ones, so that index + 1 is the row number a spreadsheet shows. */
  records: string[][];
  issues: CsvIssue[];
};

/** Records read to choose the delimiter: the header and enough rows to see that the count holds. */
const SAMPLE_RECORDS = 30;

/**
 * The delimiter that splits the first records into the most consistent number of cells (more than one),
 * parsing each candidate properly so a `,` inside quotes or a `;` inside a HubSpot id list does not count.
 * Ties go to the earlier candidate; a one-column file gets `,`.
 */
export function detectDelimiter(text: string): Delimiter {
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const { data, errors } = Papa.parse<string[]>(text, { delimiter: d, preview: SAMPLE_RECORDS });
    const rows = data.filter((r) => !isBlank(r));
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const same = rows.filter((r) => r.length === width).length;
    // Consistency first (0–1, quote errors count against it), then the width breaks near-ties.
    const score = (same - errors.length) / rows.length + width / 1e6;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

export function parseCsv(text: string, delimiter: Delimiter = detectDelimiter(text)): ParsedCsv {
  const { data, errors } = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const issues: CsvIssue[] = [];
  for (const e of errors) {
    const row = (e.row ?? 0) + 1;
    if (e.code === 'MissingQuotes') {
      issues.push({
        code: 'UNTERMINATED_QUOTE',
        row,
        message: `Row ${row} opens a quote (") that is never closed, so the rest of the file was read into one cell. The file may be cut off.`,
      });
    } else if (e.code === 'InvalidQuotes') {
      issues.push({
        code: 'MALFORMED_QUOTE',
        row,
        message: `Row ${row} has text right after a closing quote ("…"x); the cells from there on may be wrong.`,
      });
    }
  }
  return { delimiter, records: data, issues };
}

export function isBlank(record: readonly string[]): boolean {
  return record.every((c) => c.trim() === '');
}
