// What can be wrong with one row of an import, as typed codes with a sentence for the preview.
// Errors keep a row out of the import (the server would refuse it anyway); warnings say what was dropped.

import type { PhoneErrorCode } from '../contact/phone.ts';

export const PROBLEM_SEVERITY = {
  /** Neither name, company, email nor phone: nothing to capture. */
  NO_CONTACT: 'error',
  /** Shares an email or phone with a lead the team already has (the server would refuse DUPLICATE_LEAD). */
  DUPLICATE_LEAD: 'error',
  /** Shares an email or phone with an earlier row of this file. */
  DUPLICATE_IN_FILE: 'error',
  /** The row opens a quote that never closes: its cells swallowed the rest of the file. */
  UNTERMINATED_QUOTE: 'error',
  /** Not an email address; dropped. */
  INVALID_EMAIL: 'warning',
  /** Excel turned a phone into a number in scientific notation (`1.38001E+10`): the digits are gone; dropped. */
  PHONE_MANGLED: 'warning',
  /** Not a real phone number (too short, not in use, no country…); dropped. */
  PHONE_INVALID: 'warning',
  /** Written the North American way without +1, in a row without a country, read in another region. */
  PHONE_COUNTRY_ASSUMED: 'warning',
  /** Imported with a name or company only: nobody can call or mail it yet. */
  NO_EMAIL_OR_PHONE: 'warning',
  /** Text right after a closing quote; the cells after it may be shifted. */
  MALFORMED_QUOTE: 'warning',
  /** More or fewer cells than the header: a stray delimiter, or a row cut short. */
  CELL_COUNT: 'warning',
  /** Longer than a lead field holds; cut. */
  TRUNCATED: 'warning',
  /** More than 10 emails or phones; the first 10 kept. */
  TOO_MANY: 'warning',
} as const;

export type ProblemCode = keyof typeof PROBLEM_SEVERITY;
export type Severity = 'error' | 'warning';

export type RowProblem = {
  code: ProblemCode;
  severity: Severity;
  message: string;
  /** The column header the problem is in, and the cell text. */
  column?: string;
  value?: string;
  /** DUPLICATE_LEAD: the lead to open instead. */
  existingLeadId?: string;
  /** DUPLICATE_IN_FILE: the spreadsheet row it repeats. */
  firstRow?: number;
  /** PHONE_INVALID: why, from the phone parser. */
  phoneError?: PhoneErrorCode;
};

export function problem(
  code: ProblemCode,
  message: string,
  extra: Omit<RowProblem, 'code' | 'severity' | 'message'> = {},
): RowProblem {
  return { code, severity: PROBLEM_SEVERITY[code], message, ...extra };
}
