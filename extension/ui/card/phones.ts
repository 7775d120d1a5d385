import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isRegion, parsePhone } from '../../../shared/contact/phone.ts';
import { EmailSchema } from '../../../shared/lead.ts';

/** "030 1234 567, +1 (212) 555-0199 x12" → E.164 list, or the first entry that is not a phone and why. */
export function parsePhoneList(
  text: string,
  region: string,
): { ok: true; phones: string[] } | { ok: false; message: string } {
  const phones: string[] = [];
  for (const part of text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const p = parsePhone(part, isRegion(region) ? region : undefined);
    if ('error' in p) return { ok: false, message: `“${part}”: ${p.error.message}` };
    phones.push(p.extension ? `${p.e164};ext=${p.extension}` : p.e164);
  }
  return { ok: true, phones: [...new Set(phones)] };
}

export function parseEmailList(
  text: string,
): { ok: true; emails: string[] } | { ok: false; message: string } {
  const emails: string[] = [];
  for (const part of text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!EmailSchema.safeParse(part).success)
      return { ok: false, message: `“${part}” is not an email address.` };
    emails.push(part);
  }
  return { ok: true, emails: [...new Set(emails)] };
}

/** "+12125550142;ext=12" → "+1 212 555 0142 ext. 12" for reading; the stored value stays E.164. */
export function formatPhone(stored: string): string {
  const [e164, ext] = stored.split(';ext=');
  const n = parsePhoneNumberFromString(e164);
  return `${n ? n.formatInternational() : e164}${ext ? ` ext. ${ext}` : ''}`;
}
