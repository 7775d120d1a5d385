// Leads → a CSV file Excel opens correctly: UTF-8 with a BOM (without it Excel reads UTF-8 as the local ANSI
// code page), CRLF, RFC 4180 quoting, and no cell that a spreadsheet would run as a formula.

import type { Lead } from '../lead.ts';

export type ExportOptions = {
  /** Member id → display name (owner, captured by). Unknown ids are written as the id. */
  memberName?: (id: string) => string | undefined;
  /** `;` for spreadsheets in locales with a decimal comma (most of Europe). Default `,`. */
  delimiter?: ',' | ';' | '\t';
};

type Cell = string | number | boolean | null | undefined;
type Column = { header: string; value: (l: Lead, name: (id: string | null) => string) => Cell };

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/** Header names the importer maps back (Name, Company, Title, Email, Phone, Website, Note): export → import round-trips. */
export const EXPORT_COLUMNS: readonly Column[] = [
  { header: 'Lead ID', value: (l) => l.id },
  { header: 'Name', value: (l) => l.contact.name },
  { header: 'Company', value: (l) => l.contact.company },
  { header: 'Title', value: (l) => l.contact.title },
  { header: 'Email', value: (l) => l.contact.emails.join('; ') },
  { header: 'Phone', value: (l) => l.contact.phones.join('; ') },
  { header: 'Website', value: (l) => l.contact.website },
  { header: 'Stage', value: (l) => l.stage },
  { header: 'Owner', value: (l, name) => name(l.owner) },
  { header: 'Pool reason', value: (l) => l.poolReason },
  { header: 'Disqualify reason', value: (l) => l.disqualifyReason },
  { header: 'SQL deadline', value: (l) => iso(l.sqlDeadline) },
  { header: 'In danger', value: (l) => (l.inDanger ? 'yes' : '') },
  { header: 'Phase', value: (l) => l.phase },
  { header: 'Amount', value: (l) => l.amount },
  { header: 'Currency', value: (l) => l.currency },
  { header: 'Seats', value: (l) => l.seats },
  { header: 'Expected close', value: (l) => iso(l.expectedClose) },
  { header: 'Source', value: (l) => l.source },
  { header: 'Captured by', value: (l, name) => name(l.capturedBy) },
  { header: 'Captured at', value: (l) => iso(l.capturedAt) },
  { header: 'Note', value: (l) => l.note },
];

export function exportLeadsCsv(leads: Iterable<Lead>, options: ExportOptions = {}): string {
  const d = options.delimiter ?? ',';
  const name = (id: string | null) => (id === null ? '' : (options.memberName?.(id) ?? id));
  const lines = [EXPORT_COLUMNS.map((c) => csvCell(c.header, d)).join(d)];
  for (const lead of leads) lines.push(EXPORT_COLUMNS.map((c) => csvCell(c.value(lead, name), d)).join(d));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function csvCell(value: Cell, delimiter: string): string {
  if (value === null || value === undefined) return '';
  // Our own numbers (amount, seats) are data; a negative amount is not a formula.
  const text = typeof value === 'string' ? neutralise(value) : String(value);
  const quote = text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim();
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEGATIVE_NUMBER = /^-\d+(?:[.,]\d+)?$/;

/**
 * CSV injection guard (OWASP): a text cell starting with = + - @ tab or CR gets a leading apostrophe, which
 * makes Excel and LibreOffice take it as text. Leading spaces do not hide a formula, so they are looked past.
 * Exception: a plain negative number ("-5") is not a formula and stays as it is.
 * Phones are text, not an exception: Excel would read "+4930123456" as the number 4930123456 (the + and, in
 * longer numbers, digits lost to "4.93E+09") and "+49 30 123456" as a formula. So E.164 phones go out as
 * `'+4930123456`: Excel shows the apostrophe, but every digit and the + survive, and our importer strips it
 * (cells.ts `unguard`). Wrapping as `="+49…"` would hide the apostrophe but is itself a formula.
 */
export function neutralise(text: string): string {
  const start = text.trimStart();
  if (!FORMULA_START.test(start) || NEGATIVE_NUMBER.test(start)) return text;
  return `'${text}`;
}
