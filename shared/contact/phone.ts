// Phone numbers from free text. libphonenumber (full `max` metadata, so validity and type are exact) decides
// what a number is; phone-rules.ts only reads the words around it. Inputs are NFKC-normalised first, so
// full-width digits and colons ('ＴＥＬ：０３…') read like ASCII; offsets refer to the normalised text.

import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
import {
  findPhoneNumbersInText,
  isSupportedCountry,
  ParseError,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import type { PhoneLabel } from './labels.ts';
import { EXTENSION_MARKERS } from './labels.ts';
import { abbreviatedAfter, contextBefore, extensionAfter, labelAfter, looksLikeDate } from './phone-rules.ts';

export type Region = CountryCode;
export type PhoneType =
  | 'mobile'
  | 'fixed_line'
  | 'fixed_line_or_mobile'
  | 'toll_free'
  | 'premium_rate'
  | 'shared_cost'
  | 'voip'
  | 'personal_number'
  | 'pager'
  | 'uan'
  | 'voicemail';

export interface Phone {
  /** E.164 without the extension, e.g. '+861012345678'. */
  e164: string;
  extension?: string;
  /** Known only where the numbering plan tells (US numbers are 'fixed_line_or_mobile'). */
  type?: PhoneType;
}

export interface FoundPhone extends Phone {
  label?: PhoneLabel;
  /** The matched text (NFKC-normalised) and its offsets in the normalised input. */
  raw: string;
  start: number;
  end: number;
}

export type PhoneErrorCode =
  | 'EMPTY'
  | 'NO_REGION'
  | 'NOT_A_NUMBER'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'INVALID_NUMBER'
  | 'LOOKS_LIKE_DATE'
  | 'INTERNAL_EXTENSION'
  | 'NOT_A_PHONE'
  | 'MULTIPLE_NUMBERS';

export interface PhoneError {
  error: { code: PhoneErrorCode; message: string };
}

export type Rejected = { raw: string; code: 'LOOKS_LIKE_DATE' | 'INTERNAL_EXTENSION' | 'NOT_A_PHONE' };

export function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && isSupportedCountry(value);
}

const URL_OR_EMAIL = /(?:https?:\/\/|www\.)\S+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/giu;

function toPhone(n: PhoneNumber, extension = n.ext): Phone {
  const type = n.getType()?.toLowerCase() as PhoneType | undefined;
  return { e164: n.number, ...(extension ? { extension } : {}), ...(type ? { type } : {}) };
}

const REFUSED_BY_CONTEXT: Partial<Record<string, Rejected['code']>> = {
  extension: 'INTERNAL_EXTENSION',
  'not-a-phone': 'NOT_A_PHONE',
};

/** Every phone in `text` with its label, plus what was seen but refused (for warnings). */
export function scanPhones(
  text: string,
  region?: Region | null,
): { phones: FoundPhone[]; rejected: Rejected[] } {
  const t = text.normalize('NFKC');
  const skip = [...t.matchAll(URL_OR_EMAIL)].map((m) => [m.index, m.index + m[0].length]);
  const found = findPhoneNumbersInText(t, region ? { defaultCountry: region } : {}).filter(
    (m) => !skip.some(([a, b]) => m.startsAt < b && m.endsAt > a),
  );
  const phones: FoundPhone[] = [];
  const rejected: Rejected[] = [];
  for (const [i, m] of found.entries()) {
    const prev = found[i - 1];
    const next = found[i + 1];
    const lineStart = t.lastIndexOf('\n', m.startsAt - 1) + 1;
    const lineEnd = t.indexOf('\n', m.endsAt) === -1 ? t.length : t.indexOf('\n', m.endsAt);
    const prevOnLine = prev !== undefined && prev.endsAt > lineStart;
    const nextOnLine = next !== undefined && next.startsAt < lineEnd;
    const before = t.slice(prevOnLine ? prev.endsAt : lineStart, m.startsAt);
    const raw = t.slice(m.startsAt, m.endsAt);
    const context = contextBefore(before, prevOnLine);
    const refused = looksLikeDate(raw) ? 'LOOKS_LIKE_DATE' : REFUSED_BY_CONTEXT[context.kind];
    if (refused) {
      rejected.push({ raw, code: refused });
      continue;
    }
    let after = t.slice(m.endsAt, nextOnLine ? next.startsAt : lineEnd);
    let end = m.endsAt;
    const ext = m.number.ext ? undefined : extensionAfter(after);
    if (ext) [after, end] = [after.slice(ext.length), end + ext.length];
    const label = (context.kind === 'phone' ? context.label : undefined) ?? labelAfter(after, nextOnLine);
    const at = { raw: t.slice(m.startsAt, end), start: m.startsAt, end };
    phones.push({ ...toPhone(m.number, m.number.ext ?? ext?.digits), ...(label ? { label } : {}), ...at });
    const second = abbreviatedAfter(after, m.number.nationalNumber);
    const n = second ? tryParse(`+${m.number.countryCallingCode}${second}`) : undefined;
    if (n?.isValid()) phones.push({ ...toPhone(n, undefined), ...(label ? { label } : {}), ...at });
  }
  return { phones, rejected };
}

/** All phones in a free text (signature, web page selection, CSV cell), labelled where the text says so. */
export function findPhones(text: string, region?: Region | null): FoundPhone[] {
  return scanPhones(text, region).phones;
}

function tryParse(text: string, region?: Region | null): PhoneNumber | undefined {
  try {
    return parsePhoneNumberWithError(text, region ? { defaultCountry: region } : {});
  } catch {
    return undefined;
  }
}

const fail = (code: PhoneErrorCode, message: string): PhoneError => ({ error: { code, message } });
const EXTENSION_ONLY = new RegExp(
  `^(?:${EXTENSION_MARKERS.join('|')})\\.?\\s*[:.]?\\s*\\d[\\d\\s-]{0,7}$`,
  'iu',
);

const REJECTION_MESSAGES: Record<Rejected['code'], string> = {
  LOOKS_LIKE_DATE: 'This looks like a date, not a phone number.',
  INTERNAL_EXTENSION: 'This is an internal extension, which cannot be dialled from outside.',
  NOT_A_PHONE: 'These digits are labelled as something else (postal code, chat id…), not a phone.',
};

/** One phone number, or a typed reason why `text` is not one. Never pads or guesses missing digits. */
export function parsePhone(text: string, region?: Region | null): Phone | PhoneError {
  const t = text.normalize('NFKC').trim();
  if (!t) return fail('EMPTY', 'No phone number was given.');
  const { phones, rejected } = scanPhones(t, region);
  const distinct = new Map(phones.map((p) => [`${p.e164};${p.extension ?? ''}`, p]));
  if (distinct.size > 1) return fail('MULTIPLE_NUMBERS', 'This text holds more than one phone number.');
  const [only] = distinct.values();
  // Digits left outside the number found mean the library read only part of the input
  // (e.g. "0123 5432114" in DE gives +495432114): refuse rather than keep a guessed half.
  if (only && (t.slice(0, only.start) + t.slice(only.end)).replace(/\D/g, '').length > 0) {
    return fail('NOT_A_NUMBER', 'Only part of these digits reads as a phone number.');
  }
  if (only)
    return { e164: only.e164, ...(only.extension ? { extension: only.extension } : {}), type: only.type };
  if (rejected[0]) return fail(rejected[0].code, REJECTION_MESSAGES[rejected[0].code]);
  if (EXTENSION_ONLY.test(t)) return fail('INTERNAL_EXTENSION', REJECTION_MESSAGES.INTERNAL_EXTENSION);
  return explainFailure(t, region);
}

/** "DE" → "Germany", for sentences; undefined when unknown (or Intl has no name for it). */
export function regionName(region: string | undefined): string | undefined {
  if (!region) return undefined;
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'region' }).of(region);
    return name && name !== region ? name : undefined;
  } catch {
    return undefined;
  }
}

function explainFailure(t: string, region?: Region | null): PhoneError {
  let n: PhoneNumber;
  try {
    n = parsePhoneNumberWithError(t, region ? { defaultCountry: region } : {});
  } catch (e) {
    const code = e instanceof ParseError ? e.message : '';
    if (code === 'INVALID_COUNTRY')
      return fail('NO_REGION', 'The number has no country code and no default region was given.');
    if (code === 'TOO_SHORT') return fail('TOO_SHORT', 'The number has too few digits.');
    if (code === 'TOO_LONG') return fail('TOO_LONG', 'The number has too many digits.');
    return fail('NOT_A_NUMBER', 'No phone number was found in this text.');
  }
  const length = validatePhoneNumberLength(n.number);
  // Said in the user's words: where it was read ("in Germany") and as what, not a bare E.164 string.
  const as = `read as ${n.formatInternational()}`;
  const country = regionName(n.country);
  const where = country ? `in ${country}` : `with country code +${n.countryCallingCode}`;
  if (length === 'TOO_SHORT') return fail('TOO_SHORT', `Too few digits for a phone number ${where} (${as}).`);
  if (length === 'TOO_LONG') return fail('TOO_LONG', `Too many digits for a phone number ${where} (${as}).`);
  if (!n.isValid()) return fail('INVALID_NUMBER', `Not a number in use ${where} (${as}).`);
  return fail(
    'NOT_A_NUMBER',
    'The digits are mixed with text in a way that does not read as a phone number.',
  );
}

/** The key phones are indexed by for duplicate detection and search: E.164 without extension, or null. */
export function normalizePhoneForIndex(text: string, region?: Region | null): string | null {
  const parsed = parsePhone(text, region);
  return 'error' in parsed ? null : parsed.e164;
}
