// A CRM file → what importing it would do, row by row, before anything is sent. Never throws on bad input:
// an unreadable file is `{ ok: false, error }`, a bad row carries its problems.

import { type Region, regionName } from '../contact/phone.ts';
import { emailKey, phoneKey } from '../lead.ts';
import { type CsvIssue, type Delimiter, isBlank, parseCsv } from './csv.ts';
import { decodeBytes, type Encoding, type FileError } from './decode.ts';
import { fingerprint, leadIdOf } from './ids.ts';
import { type Crm, type Mapping, type MappingOverrides, mapColumns } from './mapping.ts';
import { problem, type RowProblem } from './problems.ts';
import { type Draft, planOf, readRow } from './row.ts';

export type ImportOptions = {
  /** The team's default region, for national numbers in rows without a recognised country. */
  region?: Region;
  /** The lead that already has one of these emails (lower-cased) or phones (E.164, no extension), if any. */
  existing?: (emails: string[], phones: string[]) => string | undefined;
  overrides?: MappingOverrides;
  /** Skip detection (the user picked it in the preview). */
  encoding?: Encoding;
  delimiter?: Delimiter;
  /** The importing user's id: two people importing the same file must not share command ids. */
  salt?: string;
};

export type RowStatus = 'ok' | 'warning' | 'error';

export type PreviewRow = {
  /** The row number a spreadsheet shows for this record (the header is row 1). */
  row: number;
  status: RowStatus;
  draft: Draft;
  problems: RowProblem[];
  /** Stable across re-runs of the same file: the root of the command and lead ids. Absent on errors. */
  key?: string;
  /** The lead this row creates exists already: an earlier run of this import got this far. */
  alreadyImported?: true;
};

export type FileProblem =
  | CsvIssue
  | { code: 'NO_COLUMNS_RECOGNISED' | 'UNREADABLE_CHARACTERS' | 'PHONES_REGION_ASSUMED'; message: string };

export type ImportPreview =
  | {
      ok: true;
      encoding: Encoding;
      delimiter: Delimiter;
      crm: Crm;
      headers: string[];
      mapping: Mapping;
      rows: PreviewRow[];
      counts: Record<RowStatus, number> & { alreadyImported: number };
      fileProblems: FileProblem[];
      /** Fingerprint of the text (and salt). */
      fileKey: string;
    }
  | { ok: false; error: FileError | { code: 'NO_ROWS'; message: string } };

export function buildImportPreview(input: Uint8Array | string, options: ImportOptions = {}): ImportPreview {
  let text: string;
  let encoding: Encoding = 'utf-8';
  let replaced = 0;
  if (typeof input === 'string') text = input.replace(/^\uFEFF/, '');
  else {
    const decoded = decodeBytes(input, options.encoding);
    if (!decoded.ok) return decoded;
    [text, encoding, replaced] = [decoded.text, decoded.encoding, decoded.replaced];
  }
  const { delimiter, records, issues } = parseCsv(text, options.delimiter);
  const headerIndex = records.findIndex((r) => !isBlank(r));
  if (headerIndex < 0 || records.slice(headerIndex + 1).every(isBlank)) {
    return { ok: false, error: { code: 'NO_ROWS', message: 'The file has no rows below its header.' } };
  }
  const headers = records[headerIndex]!.map((h) => h.trim());
  const mapping = mapColumns(headers, options.overrides);
  const plan = planOf(mapping);
  const fileKey = fingerprint(options.salt ? `${options.salt}\u0000${text}` : text);
  const seen = new Map<string, number>();
  const rows: PreviewRow[] = [];
  let assumed = 0;
  for (let r = headerIndex + 1; r < records.length; r++) {
    const record = records[r]!;
    if (isBlank(record)) continue;
    const row = r + 1;
    const key = `${fileKey}-${row}`;
    const { draft, problems, assumedRegion } = readRow(record, headers, plan, options.region);
    assumed += assumedRegion;
    problems.push(...shapeProblems(record, headers.length, issues, row));
    problems.push(...contactProblems(draft, problems));
    const keys = [
      ...draft.contact.emails.map((e) => `e:${emailKey(e)}`),
      ...draft.contact.phones.map((p) => `p:${phoneKey(p)}`),
    ];
    const dup = duplicateProblems(draft, keys, seen, options.existing, leadIdOf(key));
    problems.push(...dup.problems);
    const status = statusOf(problems);
    if (status !== 'error') for (const k of keys) if (!seen.has(k)) seen.set(k, row);
    rows.push({
      row,
      status,
      draft,
      problems,
      ...(status !== 'error' ? { key } : {}),
      ...(dup.ownLead && status !== 'error' ? { alreadyImported: true as const } : {}),
    });
  }
  const counts = { ok: 0, warning: 0, error: 0, alreadyImported: 0 };
  for (const r of rows) {
    counts[r.status]++;
    if (r.alreadyImported) counts.alreadyImported++;
  }
  const fileProblems: FileProblem[] = [...issues];
  if (replaced) {
    fileProblems.push({
      code: 'UNREADABLE_CHARACTERS',
      message: `${replaced} character(s) could not be read as ${encoding} and show as �. Re-save the file as "CSV UTF-8", or pick its encoding.`,
    });
  }
  if (assumed && options.region) {
    // Not an error: most national numbers in a team's own CRM are its own country's. But say it once.
    fileProblems.push({
      code: 'PHONES_REGION_ASSUMED',
      message: `${assumed} phone number(s) have no country code, in rows without a country: they were read as ${named(options.region)} numbers. If the file holds leads of other countries, add a Country column or write their numbers with + and the country code.`,
    });
  }
  if (!mapping.columns.some((c) => c.field)) {
    fileProblems.push({
      code: 'NO_COLUMNS_RECOGNISED',
      message:
        'No column name was recognised as a contact field: choose the columns for name, email and phone.',
    });
  }
  return {
    ok: true,
    encoding,
    delimiter,
    crm: mapping.crm,
    headers,
    mapping,
    rows,
    counts,
    fileProblems,
    fileKey,
  };
}

function shapeProblems(record: string[], width: number, issues: CsvIssue[], row: number): RowProblem[] {
  const out = issues.filter((i) => i.row === row).map((i) => problem(i.code, i.message));
  const extra = record.slice(width).some((c) => c.trim() !== '');
  if (record.length < width || extra) {
    out.push(
      problem(
        'CELL_COUNT',
        `This row has ${record.length} cells where the header has ${width}; values may be in the wrong columns.`,
      ),
    );
  }
  return out;
}

function contactProblems({ contact }: Draft, problems: RowProblem[]): RowProblem[] {
  const reachable = contact.emails.length > 0 || contact.phones.length > 0;
  if (!reachable && !contact.name && !contact.company) {
    const dropped = problems.some((p) => p.code !== 'CELL_COUNT');
    return [
      problem(
        'NO_CONTACT',
        dropped
          ? 'Nothing usable is left in this row: no name, company, valid email or valid phone.'
          : 'This row has no name, company, email or phone.',
      ),
    ];
  }
  if (!reachable)
    return [problem('NO_EMAIL_OR_PHONE', 'No email or phone: the lead cannot be called or mailed yet.')];
  return [];
}

function duplicateProblems(
  draft: Draft,
  keys: string[],
  seen: Map<string, number>,
  existing: ImportOptions['existing'],
  ownLeadId: string,
): { problems: RowProblem[]; ownLead?: true } {
  if (!keys.length) return { problems: [] };
  const leadId = existing?.(draft.contact.emails.map(emailKey), draft.contact.phones.map(phoneKey));
  // The lead this very row created in an earlier, interrupted run: not a duplicate, just done.
  if (leadId === ownLeadId) return { problems: [], ownLead: true };
  if (leadId) {
    // Say which of its keys is taken: the user decides whether it is the same person.
    const email = draft.contact.emails.find((e) => existing?.([emailKey(e)], []) === leadId);
    const phone = draft.contact.phones.find((p) => existing?.([], [phoneKey(p)]) === leadId);
    const same = email
      ? `the same email (${email})`
      : phone
        ? `the same phone (${phone.split(';')[0]})`
        : 'the same contact';
    return {
      problems: [
        problem('DUPLICATE_LEAD', `Already a lead of the team, with ${same}.`, { existingLeadId: leadId }),
      ],
    };
  }
  const firstRow = keys.map((k) => seen.get(k)).find((r) => r !== undefined);
  if (firstRow !== undefined) {
    return {
      problems: [problem('DUPLICATE_IN_FILE', `Same email or phone as row ${firstRow}.`, { firstRow })],
    };
  }
  return { problems: [] };
}

function statusOf(problems: RowProblem[]): RowStatus {
  if (problems.some((p) => p.severity === 'error')) return 'error';
  return problems.length ? 'warning' : 'ok';
}

/** "DE" → "DE (Germany)", for the notice. */
const named = (region: Region) => {
  const name = regionName(region);
  return name ? `${region} (${name})` : region;
};
