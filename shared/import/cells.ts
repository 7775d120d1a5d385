// One cell → lead values, with a problem for whatever had to be dropped. Phones are read by
// shared/contact/phone.ts (libphonenumber); here only what is specific to spreadsheet cells.

import { parsePhone, type Region, scanPhones } from '../contact/phone.ts';
import { EmailSchema } from '../lead.ts';
import { problem, type RowProblem } from './problems.ts';

export type CellRead = { values: string[]; problems: RowProblem[] };

/**
 * A number Excel stored as a float and shows in scientific notation, "1.38001E+10" or with a decimal comma
 * "1,38001E+10": the digits after the sixth are gone for good, so the cell is flagged, never completed.
 */
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?E\+?\d+$/i;
/** Excel read "+49 30 …" as a formula and kept only its error value. */
const FORMULA_ERROR = /^#(?:NAME\?|VALUE!|REF!|NUM!|NULL!|N\/A|DIV\/0!|ERROR!?)$/i;

/**
 * A leading apostrophe is Excel's "this is text" marker, and our own export's formula guard (export.ts):
 * `'+4930…` and `'=x` read back as `+4930…` and `=x`.
 */
export function unguard(cell: string): string {
  const t = cell.trim();
  return /^'\s*[=+\-@\t\r]/.test(t) ? t.slice(1) : t;
}

/** Every phone in a phone cell ("030 1234567 / 0171 2345678" holds two), as E.164 with `;ext=`. */
export function readPhones(cell: string, column: string, region: Region | undefined): CellRead {
  const text = unguard(cell).normalize('NFKC');
  if (!text) return { values: [], problems: [] };
  const at = { column, value: cell };
  if (SCIENTIFIC.test(text) || FORMULA_ERROR.test(text)) {
    const how = SCIENTIFIC.test(text) ? 'into a number in scientific notation' : 'into a formula error';
    return {
      values: [],
      problems: [
        problem(
          'PHONE_MANGLED',
          `Excel turned this phone ${how} (${text}); its digits are lost. Re-export the file with the column formatted as text.`,
          at,
        ),
      ],
    };
  }
  const { phones } = scanPhones(text, region);
  // A number found inside other digits ("0123 5432114" → "5432114") is a fragment, not the cell's phone.
  let rest = text;
  for (const p of [...phones].reverse()) rest = rest.slice(0, p.start) + rest.slice(p.end);
  if (phones.length && !/\d/.test(rest)) {
    const values = phones.map((p) =>
      p.extension && p.extension.length <= 8 ? `${p.e164};ext=${p.extension}` : p.e164,
    );
    return { values: [...new Set(values)], problems: [] };
  }
  const parsed = parsePhone(text, region);
  const why = 'error' in parsed ? parsed.error : undefined;
  return {
    values: [],
    problems: [
      problem(
        'PHONE_INVALID',
        why
          ? `"${text}" is not a usable phone number: ${why.message}`
          : `Only part of "${text}" reads as a phone number.`,
        { ...at, ...(why ? { phoneError: why.code } : {}) },
      ),
    ],
  };
}

/** Email addresses in a cell: one, several separated by `;` `,` or spaces, or `Name <a@b.example>`. */
export function readEmails(cell: string, column: string): CellRead {
  const text = unguard(cell);
  if (!text) return { values: [], problems: [] };
  const tokens = text
    .split(/[;,\s<>]+/)
    .map((t) => t.replace(/^mailto:/i, '').replace(/^["']+|["'.]+$/g, ''))
    .filter(Boolean);
  const candidates = text.includes('@') ? tokens.filter((t) => t.includes('@')) : [text];
  const values: string[] = [];
  const problems: RowProblem[] = [];
  for (const c of candidates) {
    if (EmailSchema.safeParse(c).success) values.push(c);
    else problems.push(problem('INVALID_EMAIL', `"${c}" is not an email address.`, { column, value: cell }));
  }
  return { values, problems };
}

/** Cuts text to a lead field's length limit, saying so. */
export function clip(value: string, max: number, column: string): { value: string; problem?: RowProblem } {
  if (value.length <= max) return { value };
  return {
    value: value.slice(0, max),
    problem: problem('TRUNCATED', `Cut to ${max} characters (it had ${value.length}).`, { column }),
  };
}

const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u;

/** "Lily" + "ZHANG" → "Lily ZHANG"; "伟" + "张" → "张伟" (family name first, no space, in CJK names). */
export function joinName(first: string, last: string): string {
  if (first && last && CJK.test(first) && CJK.test(last)) return `${last}${first}`;
  return [first, last].filter(Boolean).join(' ');
}
