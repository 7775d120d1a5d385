// One spreadsheet record → the contact a capture command would carry, plus what had to be dropped.

import type { Region } from '../contact/phone.ts';
import { type Contact, emailKey } from '../lead.ts';
import { clip, joinName, readEmails, readPhones, unguard } from './cells.ts';
import { FIELDS, type Field } from './headers.ts';
import { columnsOf, type Mapping } from './mapping.ts';
import { problem, type RowProblem } from './problems.ts';
import { regionOfCountry } from './region.ts';

export type Draft = { contact: Contact; note?: string; sourceUrl?: string };

/** Column lists per field, computed once per file rather than per row. */
export type Plan = Record<Field, number[]>;

export function planOf(mapping: Mapping): Plan {
  return Object.fromEntries(FIELDS.map((f) => [f, columnsOf(mapping, f)])) as Plan;
}

/** Limits of ContactSchema and the capture command, so every draft passes parseCommand. */
const MAX = { text: 200, website: 500, sourceUrl: 2000, note: 5000, list: 10 } as const;

export function readRow(
  record: readonly string[],
  headers: readonly string[],
  plan: Plan,
  defaultRegion: Region | undefined,
): { draft: Draft; problems: RowProblem[]; assumedRegion: number } {
  const problems: RowProblem[] = [];
  const cell = (i: number) => unguard(record[i] ?? '');
  const first = (f: Field) => plan[f].map(cell).find((v) => v !== '') ?? '';
  const text = (f: Field, max: number, column = f as string) => {
    const i = plan[f].find((c) => cell(c) !== '');
    if (i === undefined) return undefined;
    const r = clip(cell(i).replace(/\s+/g, ' '), max, headers[i] ?? column);
    if (r.problem) problems.push(r.problem);
    return r.value;
  };

  const ownRegion = regionOfCountry(first('country'));
  const region = ownRegion ?? defaultRegion;
  // Numbers written without a country code in a row without a country: read as the team's region. Counted
  // for the file's notice; one written the North American way (713-555-0147) is flagged on its row.
  let assumedRegion = 0;
  const emails: string[] = [];
  for (const i of plan.email) {
    const r = readEmails(record[i] ?? '', headers[i] ?? '');
    problems.push(...r.problems);
    for (const e of r.values) if (!emails.some((x) => emailKey(x) === emailKey(e))) emails.push(e);
  }
  const phones: string[] = [];
  for (const i of [...plan.phone, ...plan.mobile]) {
    const r = readPhones(record[i] ?? '', headers[i] ?? '', region);
    problems.push(...r.problems);
    const written = cell(i);
    if (!ownRegion && region && r.values.length && !INTERNATIONAL.test(written)) {
      assumedRegion += r.values.length;
      if (NANP_SHAPE.test(written) && !NANP_REGIONS.has(region))
        problems.push(
          problem(
            'PHONE_COUNTRY_ASSUMED',
            `"${written}" is written like a North American number but has no country code: it was read as a ${region} number (${r.values.map(formatE164).join(', ')}). Write it with +1, or give the row its country.`,
            { column: headers[i] ?? '', value: written },
          ),
        );
    }
    for (const p of r.values) if (!phones.includes(p)) phones.push(p);
  }
  for (const [list, what] of [
    [emails, 'email addresses'],
    [phones, 'phone numbers'],
  ] as const) {
    if (list.length > MAX.list) {
      problems.push(problem('TOO_MANY', `${list.length} ${what}; the first ${MAX.list} are kept.`));
      list.length = MAX.list;
    }
  }

  const fullName = first('fullName')
    ? text('fullName', MAX.text)
    : clipName(joinName(first('firstName'), first('lastName')), problems);
  const contact: Contact = {
    ...(fullName ? { name: fullName } : {}),
    ...optional('company', text('company', MAX.text)),
    ...optional('title', text('title', MAX.text)),
    emails,
    phones,
    ...optional('website', text('website', MAX.website)),
  };
  const note = notes(record, headers, plan.notes, problems);
  const sourceUrl = text('sourceUrl', MAX.sourceUrl);
  return {
    draft: { contact, ...(note ? { note } : {}), ...(sourceUrl ? { sourceUrl } : {}) },
    problems,
    assumedRegion,
  };
}

/** A number that carries its country: "+49 …", "0049 …". */
const INTERNATIONAL = /^\s*(?:\+|00)/;
/** "713-555-0147", "(713) 555-0147", "713.555.0147 x 3481": the North American 3-3-4 grouping. */
const NANP_SHAPE = /^\s*(?:\(\d{3}\)\s*|\d{3}[-. ])\d{3}[-. ]\d{4}(?:\s*(?:x|ext\.?)\s*\d+)?\s*$/i;
const NANP_REGIONS = new Set(['US', 'CA']);
/** "+4971355550147;ext=3481" → "+4971355550147 ext. 3481", for the sentence. */
const formatE164 = (v: string) => v.replace(';ext=', ' ext. ');

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

function clipName(name: string, problems: RowProblem[]): string {
  const r = clip(name, MAX.text, 'name');
  if (r.problem) problems.push(r.problem);
  return r.value;
}

/** One notes column: its text. Several (Description + Message): "Header: text" paragraphs. */
function notes(
  record: readonly string[],
  headers: readonly string[],
  cols: number[],
  problems: RowProblem[],
) {
  const filled = cols.map((i) => [headers[i] ?? '', unguard(record[i] ?? '')] as const).filter(([, v]) => v);
  if (!filled.length) return undefined;
  const joined = filled.length === 1 ? filled[0]![1] : filled.map(([h, v]) => `${h}: ${v}`).join('\n\n');
  const r = clip(joined, MAX.note, 'notes');
  if (r.problem) problems.push(r.problem);
  return r.value;
}
