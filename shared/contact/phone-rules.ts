// The few rules that libphonenumber cannot decide alone, applied to the text around each number it finds.
// Each one exists because of a real input shape (see CONTEXT.md); none of them invents digits.

import {
  EXTENSION_MARKERS,
  NON_PHONE_LABELS,
  PHONE_LABELS,
  type PhoneLabel,
  phoneLabelOf,
  vocabulary,
} from './labels.ts';

const ALL_PHONE_WORDS = Object.values(PHONE_LABELS).flat();
const PHONE_AT_END = vocabulary(ALL_PHONE_WORDS, '$');
const PHONE_AT_START = vocabulary(ALL_PHONE_WORDS, '^');
const NON_PHONE_AT_END = vocabulary(NON_PHONE_LABELS, '$');
const EXTENSION_AT_END = vocabulary(EXTENSION_MARKERS, '$');
const EXTENSION_AFTER = new RegExp(
  `^\\s*[,;]?\\s*[-–—]?\\s*${vocabulary(EXTENSION_MARKERS).source}\\.?\\s*[:.]?\\s*(\\d{1,7})(?![\\d#])`,
  'iu',
);

export type Context =
  | { kind: 'phone'; label: PhoneLabel | undefined }
  | { kind: 'extension' }
  | { kind: 'not-a-phone' }
  | { kind: 'none' };

const clean = (s: string): string => s.normalize('NFKC').replace(/\uFE0F/g, '');

/**
 * What the text just before a number (same line) says about it. `betweenNumbers` is true when another number
 * precedes on the line: a parenthesised label right before us then belongs to that one ('… (fax) 713…').
 */
export function contextBefore(gap: string, betweenNumbers: boolean): Context {
  let s = clean(gap).replace(/[\s:.\-–—=|,;(#*/]+$/u, '');
  if (s.endsWith(')')) {
    if (betweenNumbers) return { kind: 'none' };
    s = s.replace(/\(([^()]*)\)$/u, ' $1').trimEnd();
  }
  s = s.replace(/[\s:.\-–—=|,;#*/]+$/u, '');
  if (NON_PHONE_AT_END.test(s)) return { kind: 'not-a-phone' };
  if (EXTENSION_AT_END.test(s)) return { kind: 'extension' };
  const m = PHONE_AT_END.exec(s);
  return m ? { kind: 'phone', label: phoneLabelOf(m[0]) } : { kind: 'none' };
}

/**
 * A label written after the number: '(fax)' always; a bare word ('Pager') only when no other number follows
 * on the line, since then it is more likely that number's prefix ('tel 0123 fax 0456').
 */
export function labelAfter(gap: string, numberFollows: boolean): PhoneLabel | undefined {
  const s = clean(gap).replace(/^[\s,;:\-–—]+/u, '');
  const paren = /^\(\s*([^()]+?)\.?\s*\)/u.exec(s);
  if (paren) return phoneLabelOf(paren[1]);
  if (numberFollows) return undefined;
  const m = PHONE_AT_START.exec(s);
  return m ? phoneLabelOf(m[0]) : undefined;
}

/** An extension the library left out because of the separator before it ('0710– ext.8109'). */
export function extensionAfter(gap: string): { digits: string; length: number } | undefined {
  const m = EXTENSION_AFTER.exec(clean(gap));
  return m ? { digits: m[1], length: m[0].length } : undefined;
}

/** '2015-03-12', '12.03.2015', '06/08/2001': dates that some regions' numbering plans would accept. */
export function looksLikeDate(raw: string): boolean {
  const s = raw.trim();
  const ymd = /^(19|20)\d\d([-./])(\d{1,2})\2(\d{1,2})$/.exec(s);
  if (ymd) return Number(ymd[3]) <= 12 && Number(ymd[4]) <= 31;
  const dmy = /^(\d{1,2})([-./])(\d{1,2})\2((19|20)?\d\d)$/.exec(s);
  if (!dmy) return false;
  const [a, b] = [Number(dmy[1]), Number(dmy[3])];
  return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
}

/**
 * '010-12345678/79': a second number written as the digits that differ from the first. Returns the national
 * number of the second one; the caller validates it with the library like any other.
 */
export function abbreviatedAfter(gap: string, nationalNumber: string): string | undefined {
  const m = /^\s*\/\s*(\d{1,4})(?![\s.\-–]*\d)/u.exec(gap);
  if (!m || m[1].length >= nationalNumber.length) return undefined;
  const candidate = nationalNumber.slice(0, -m[1].length) + m[1];
  return candidate === nationalNumber ? undefined : candidate;
}

/**
 * The digits of a line that reads as a phone entry even though no valid number was found in it
 * ('t. 555-931-0702', '📱 +1 555-0123', 'X 3-0403'), so that the block can warn instead of staying silent.
 */
export function phoneLikeRest(line: string): string | undefined {
  const m = /^([^\d+(]{0,16}?)\s*([+(]?\d[\d\s().\-–—/]*\d)\s*(\(?\p{L}{1,10}\.?\)?)?$/u.exec(
    clean(line).trim(),
  );
  if (!m) return undefined;
  const prefix = m[1].replace(/[\s:.=-]+$/u, '').trim();
  const digits = m[2].replace(/\D/g, '').length;
  const extension = EXTENSION_AT_END.test(prefix) && digits <= 7;
  if (prefix && !extension && !PHONE_AT_END.test(prefix)) return undefined;
  if (!extension && (digits < 7 || digits > 17)) return undefined;
  return extension ? `${prefix} ${m[2]}` : m[2];
}
