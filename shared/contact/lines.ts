// Line-level reading of a contact block: normalising, cutting quoted replies, and telling prose, dividers
// and sign-offs from the short lines a signature is made of.

import { SIGN_OFFS, vocabulary } from './labels.ts';

/** Where a quoted or forwarded message starts; everything from there on is someone else's. */
const QUOTE_STARTS: readonly RegExp[] = [
  /^-{2,}\s*(original message|forwarded by|forwarded message|ursprüngliche nachricht|weitergeleitete nachricht|原始邮件|転送メッセージ)/i,
  /^(on|am|le)\s.{4,200}\s(wrote|schrieb|a écrit)\s?:$/i,
  /^在.{4,100}写道[:：]?$/,
];
const HEADER = /^(from|von|de|发件人|寄件者|差出人)\s*[:：]/i;
const HEADER_NEXT = /^(sent|date|gesendet|datum|envoyé|发送时间|日期|送信日時|to|an|à|收件人|宛先)\s*[:：]/i;

/** NFKC, LF line ends, quoted replies cut, comment/quote markers dropped, lines trimmed (blanks kept as ''). */
export function prepareLines(text: string): string[] {
  const raw = text.normalize('NFKC').replace(/\r\n?/g, '\n').split('\n');
  const lines: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i].replace(/\t/g, ' ').trim();
    const isHeader = HEADER.test(line) && raw.slice(i + 1, i + 4).some((l) => HEADER_NEXT.test(l.trim()));
    if (isHeader || QUOTE_STARTS.some((re) => re.test(line))) break;
    if (line.startsWith('>')) continue;
    lines.push(line.replace(/^(?:\/\*+|\*+\/|\*(?=\s|$))\s*/, '').replace(/\s*\*+\/$/, ''));
  }
  return lines;
}

export function isDivider(line: string): boolean {
  return /^[-_=—–─━*~#.·•+|]{2,}\s*$/u.test(line) || line === '--';
}

const words = (line: string): string[] => line.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));

/** A sentence rather than a signature line: body text, a salutation ('Erin:'), a disclaimer. */
export function isProse(line: string): boolean {
  const w = words(line);
  if (/[。！？、]$/u.test(line)) return true;
  if (/[!?:]$/.test(line)) return true; // 'Happy Fathers Day!', salutations ('Erin:') and lead-ins
  if (w.length >= 10) return true;
  const lower = w.filter((x) => /^\p{Ll}/u.test(x)).length;
  return /\.$/.test(line) && w.length >= 5 && lower >= 2;
}

const SIGN_OFF = vocabulary(SIGN_OFFS, '^');

/** 'Thanks,', 'Cheers 🎉', 'Mit freundlichen Grüßen': the closing right above a signature. */
export function isSignOff(line: string): boolean {
  return SIGN_OFF.test(line) && words(line).length <= 4 && !/[@\d]/.test(line);
}
