// Bytes of a CSV file → text. CRM exports and Excel saves come in a handful of encodings and only some carry
// a byte-order mark, so we look at the bytes. TextDecoder (Node ≥ 20, every browser) does the decoding.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';
export const ENCODINGS: readonly Encoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'windows-1252'];

export type DecodeErrorCode = 'EMPTY_FILE' | 'SPREADSHEET_NOT_CSV' | 'NOT_TEXT';
export type FileError = { code: DecodeErrorCode; message: string };

export type Decoded =
  | {
      ok: true;
      text: string;
      encoding: Encoding;
      bom: boolean;
      /** Byte sequences that were not valid in the encoding, now U+FFFD (a UTF-8 file cut mid-character…). */
      replaced: number;
    }
  | { ok: false; error: FileError };

const fail = (code: DecodeErrorCode, message: string): Decoded => ({ ok: false, error: { code, message } });

/** How far we look for the UTF-16 NUL pattern and GB18030 byte pairs: enough for the header and a few rows. */
const SAMPLE = 64 * 1024;

/**
 * Detects and decodes. Order: BOM; UTF-16 by its NUL pattern (ASCII text in UTF-16 has a zero in every other
 * byte); UTF-8 if the bytes are valid UTF-8 (ASCII included); GB18030 (Chinese Excel's "CSV") if the bytes
 * decode and look like Chinese; Windows-1252 (Western Excel's "CSV") otherwise. `force` skips detection, for
 * the "characters look wrong? pick the encoding" choice in the UI.
 */
export function decodeBytes(bytes: Uint8Array, force?: Encoding): Decoded {
  if (bytes.length === 0) return fail('EMPTY_FILE', 'The file is empty.');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return fail(
      'SPREADSHEET_NOT_CSV',
      'This is an Excel workbook, not a CSV file. In Excel choose "Save as" → "CSV UTF-8", or export CSV from the CRM.',
    );
  }
  const encoding = force ?? detect(bytes);
  const text =
    encoding === 'windows-1252'
      ? windows1252(bytes)
      : new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes);
  if (looksBinary(text)) {
    return fail('NOT_TEXT', 'This file does not contain text (it may be an image, an archive or damaged).');
  }
  return { ok: true, text, encoding, bom: bom(bytes) > 0, replaced: count(text, '\uFFFD') };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function bom(bytes: Uint8Array): number {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 3;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return 2;
  return 0;
}

function detect(bytes: Uint8Array): Encoding {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  const sample = bytes.subarray(0, SAMPLE);
  const utf16 = utf16ByNulls(sample);
  if (utf16) return utf16;
  if (mostlyUtf8(bytes)) return 'utf-8';
  if (looksLikeGb18030(sample) && decodes('gb18030', bytes)) return 'gb18030';
  return 'windows-1252';
}

/**
 * Valid UTF-8, or nearly: a file cut mid-character or with one row pasted in from an ANSI editor is still a
 * UTF-8 file, and reading all of it as Windows-1252 would garble every other non-ASCII letter. Text in an
 * 8-bit encoding has few valid UTF-8 sequences and many invalid ones.
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  if (decodes('utf-8', bytes) || decodes('utf-8', withoutCutTail(bytes))) return true;
  const text = new TextDecoder('utf-8').decode(bytes);
  const bad = count(text, '\uFFFD');
  let good = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) good++;
  // Chinese GB18030 read as UTF-8 yields about one valid character per five invalid; Windows-1252 almost none.
  return good - bad >= 2 * bad;
}

/** The bytes before an incomplete UTF-8 sequence at the very end (a file cut off mid-character). */
function withoutCutTail(bytes: Uint8Array): Uint8Array {
  let i = bytes.length - 1;
  while (i > 0 && bytes.length - i < 4 && (bytes[i]! & 0xc0) === 0x80) i--;
  return bytes[i]! >= 0xc0 ? bytes.subarray(0, i) : bytes;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function decodes(encoding: Encoding, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** ASCII characters in UTF-16 have a NUL byte on one side. */
function utf16ByNulls(b: Uint8Array): Encoding | undefined {
  const pairs = Math.floor(b.length / 2);
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < b.length; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  // Even Chinese UTF-16 has NULs in its delimiters, digits and line ends; 8-bit text has none at all.
  if (oddNul > pairs * 0.1 && evenNul <= oddNul * 0.1) return 'utf-16le';
  if (evenNul > pairs * 0.1 && oddNul <= evenNul * 0.1) return 'utf-16be';
  return undefined;
}

/**
 * GB18030 decodes almost any byte string, including Windows-1252 text ("Müller": FC 6C is a valid pair).
 * Real Chinese text is nearly all pairs of two high bytes (GB2312 area) or four-byte sequences, while a
 * Western 8-bit text puts an ASCII byte after each accented letter. So: GB18030 when high-high pairs dominate.
 */
function looksLikeGb18030(b: Uint8Array): boolean {
  let high = 0;
  let lowTrail = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x81 || c === 0xff) continue;
    const next = b[i + 1] ?? 0;
    if (next >= 0x30 && next <= 0x39) {
      high++;
      i += 3;
    } else if (next >= 0x81 && next !== 0xff) {
      high++;
      i++;
    } else {
      lowTrail++;
      i++;
    }
  }
  return high > 0 && high >= 4 * lowTrail;
}

/** C0 control characters other than tab, CR and LF do not occur in CSV text; random or binary bytes are full of them. */
function looksBinary(text: string): boolean {
  const n = Math.min(text.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) control++;
  }
  return control > Math.max(2, n * 0.01);
}

/** Bytes 80–9F of Windows-1252 (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ); FFFD: unassigned, kept as is. */
const CP1252_HIGH =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd' +
  '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

/**
 * Node's TextDecoder('windows-1252') decodes as ISO-8859-1 (80–9F become C1 controls, so “ ” € – vanish);
 * browsers do it right. A 32-entry table makes both agree.
 */
function windows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out.replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = CP1252_HIGH[c.charCodeAt(0) - 0x80]!;
    return mapped === '\ufffd' ? c : mapped;
  });
}
