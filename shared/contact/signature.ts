// A lead draft from a signature or contact block. The block is found from its contact lines (phones,
// emails, URLs, labelled fields): the densest cluster of them, then the short lines right above it up to a
// blank line, a divider, a sentence or a sign-off. Quoted replies are cut first (lines.ts), so names in
// forwarded headers and legal footers below the block are never read as the lead.

import type { DraftPhone, DraftWarning, LeadDraft } from './draft.ts';
import { FIELD_LABELS, type FieldLabel, ROLE_MAILBOXES, vocabulary } from './labels.ts';
import { isDivider, isProse, isSignOff, prepareLines } from './lines.ts';
import { asName, classifyLine, cleanCompany, type Segment } from './person.ts';
import { findPhones, parsePhone, type Region } from './phone.ts';
import { phoneLikeRest } from './phone-rules.ts';

export interface ContactBlockOptions {
  defaultRegion?: Region | null;
  /** The address the block came from (a webmail sender): its domain helps recognise the company. */
  senderEmail?: string;
}

interface LineInfo {
  text: string;
  phones: DraftPhone[];
  emails: string[];
  urls: string[];
  field?: { label: FieldLabel; value: string };
  warning?: string;
  anchor: boolean;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const URL = /(?:https?:\/\/|www\.)[^\s<>()"'，。]+/giu;
const FIELD = new RegExp(`^(${vocabulary(Object.values(FIELD_LABELS).flat()).source})\\s*:\\s*(.+)$`, 'iu');
const ROLE_MAILBOX = vocabulary(ROLE_MAILBOXES, '^');
const WARNABLE = new Set(['TOO_SHORT', 'TOO_LONG', 'INVALID_NUMBER', 'INTERNAL_EXTENSION', 'NO_REGION']);

function readLine(text: string, region: Region | null): LineInfo {
  const phones = findPhones(text, region).map(({ e164, extension, label }) => ({
    e164,
    ...(extension ? { extension } : {}),
    ...(label ? { label } : {}),
  }));
  const emails = text.match(EMAIL) ?? [];
  const urls = (text.match(URL) ?? []).map((u) => u.replace(/[.,;:]+$/, '')).filter((u) => !u.includes('@'));
  const f = FIELD.exec(text);
  const label =
    f &&
    (Object.keys(FIELD_LABELS) as FieldLabel[]).find((k) => FIELD_LABELS[k].includes(f[1].toLowerCase()));
  const field = label && f ? { label, value: f[2].trim() } : undefined;
  let warning: string | undefined;
  const digits = phones.length ? undefined : phoneLikeRest(text);
  if (digits) {
    const parsed = parsePhone(digits, region);
    if ('error' in parsed && WARNABLE.has(parsed.error.code))
      warning = `"${digits}": ${parsed.error.message}`;
  }
  const contact = phones.length > 0 || emails.length > 0 || urls.length > 0 || field || warning;
  return { text, phones, emails, urls, field, warning, anchor: Boolean(contact) && !isProse(text) };
}

/** The densest run of contact lines (ties: the last), allowing two other lines between two of them. */
function pickCluster(info: LineInfo[]): [number, number] | undefined {
  const anchors = info.flatMap((l, i) => (l.anchor ? [i] : []));
  let best: [number, number, number] | undefined;
  let start = 0;
  for (let k = 0; k < anchors.length; k++) {
    if (k > 0 && anchors[k] - anchors[k - 1] > 3) start = k;
    const size = k - start + 1;
    if (!best || size >= best[2]) best = [anchors[start], anchors[k], size];
  }
  return best && [best[0], best[1]];
}

const stops = (t: string): boolean => isDivider(t) || isProse(t) || isSignOff(t);

/** Short lines right above the contact lines: name, title, company, address. */
function linesAbove(info: LineInfo[], first: number, doubleSpaced: boolean): number[] {
  const above: number[] = [];
  let blanks = 0;
  for (let i = first - 1; i >= 0 && above.length < 8; i--) {
    const t = info[i].text;
    if (t === '') {
      blanks++;
      if (blanks > 1 || (above.length > 0 && !doubleSpaced)) break;
      continue;
    }
    blanks = 0;
    if (stops(t) || info[i].anchor) break;
    above.unshift(i);
  }
  return above;
}

/** A name written after the contact lines ('… Asia/Australia: +61 …' then 'Dave'). */
function nameBelow(info: LineInfo[], last: number): string | undefined {
  let seen = 0;
  for (let i = last + 1; i < info.length && seen < 3; i++) {
    const t = info[i].text;
    if (t === '') continue;
    if (stops(t) || info[i].anchor) return undefined;
    seen++;
    const name = asName(t);
    if (name) return name;
  }
  return undefined;
}

/** Lines that are neither title nor company by vocabulary: wrapped names are joined, then placed by order. */
function settleTexts(texts: Segment[], title?: string, company?: string) {
  const joined: string[] = [];
  for (const s of texts) {
    const prev = joined.length - 1;
    if (prev >= 0 && !/\s/.test(joined[prev])) joined[prev] = `${joined[prev]} ${s.value}`;
    else joined.push(s.value);
  }
  const c = company ?? joined.pop();
  return { company: c, title: title ?? joined[0] };
}

/** Labels that name a mail provider or a kind of domain, never the sender's organisation. */
const GENERIC_DOMAIN_LABELS = new Set(
  'www mail com org net gov edu web free live gmail googlemail yahoo hotmail outlook msn icloud aol gmx tonline freenet orange wanadoo proton protonmail yandex'.split(
    ' ',
  ),
);

/** 'o.berg@nordwind.example', 'https://www.acme-industrial.example' → 'nordwind', 'acmeindustrial'. */
function domainNames(addresses: string[]): string[] {
  const hosts = addresses.map((a) => a.replace(/^.*@|^[a-z]+:\/\/|[/?#].*$/gi, '').toLowerCase());
  // Every label but the top-level one ('muster.example.de' → muster, example); 'www', 'mail', 'com' name nobody.
  const labels = hosts.flatMap((h) => h.split('.').slice(0, -1));
  return [...new Set(labels.map((l) => l.replace(/[^\p{L}\p{N}]/gu, '')))].filter(
    (l) => l.length >= 3 && !GENERIC_DOMAIN_LABELS.has(l),
  );
}

/** A lead draft from a signature or any contact block. Never invents a phone: rejected digits become warnings. */
export function parseContactBlock(text: string, options: ContactBlockOptions = {}): LeadDraft {
  const region = options.defaultRegion ?? null;
  const info = prepareLines(text).map((t) => readLine(t, region));
  const cluster = pickCluster(info);
  const [first, last] = cluster ?? [info.length, info.length - 1];
  const block = info.slice(Math.max(first, 0), last + 1);
  const doubleSpaced = block.length > 2 && block.every((l, i) => (i % 2 === 0 ? l.anchor : l.text === ''));
  const inside = block.filter((l) => !l.anchor && l.text !== '' && !stops(l.text));
  const candidates = [...linesAbove(info, first, doubleSpaced).map((i) => info[i]), ...inside];
  const fields = new Map(block.flatMap((l) => (l.field ? [[l.field.label, l.field.value] as const] : [])));
  const warnings: DraftWarning[] = block.flatMap((l) =>
    l.warning ? [{ code: 'PHONE_REJECTED' as const, message: l.warning }] : [],
  );

  const domains = domainNames([
    ...(options.senderEmail ? [options.senderEmail] : []),
    ...block.flatMap((l) => [...l.emails, ...l.urls]),
  ]);
  const segments = candidates.flatMap((l) => classifyLine(l.text, domains));
  const people = segments.flatMap((s, i) =>
    s.role === 'name' && segments[i + 1]?.role === 'title' ? [i] : [],
  );
  if (people.length > 1) {
    const [a, b] = [segments[people[0]].value, segments[people[1]].value];
    warnings.push({
      code: 'MULTIPLE_PEOPLE',
      message: `The block names more than one person (${a}, ${b}); ${a} was kept.`,
    });
    segments.splice(people[1], 2);
  }
  const nameAt = segments.findIndex((s) => s.role === 'name');
  const fieldName = fields.get('name')?.replace(/\s*\(.*\)$/, '');
  const name = fieldName ?? (nameAt >= 0 ? segments[nameAt].value : nameBelow(info, last));
  const texts = segments.filter((s, i) => s.role === 'text' || (s.role === 'name' && i !== nameAt));
  const companies = segments.filter((s) => s.role === 'company');
  const settled = settleTexts(
    texts,
    fields.get('title') ?? segments.find((s) => s.role === 'title')?.value,
    fields.get('company') ? cleanCompany(fields.get('company') as string) : companies.at(-1)?.value,
  );

  const emails = dedupe(block.flatMap((l) => l.emails));
  for (const e of emails) {
    if (ROLE_MAILBOX.test(e.split('@')[0])) {
      warnings.push({ code: 'ROLE_EMAIL', message: `${e} is a shared mailbox, not a person's address.` });
    }
  }
  const phones = dedupe(block.flatMap((l) => l.phones));
  if (!phones.length && !emails.length) {
    warnings.push({ code: 'NO_CONTACT_DATA', message: 'No phone number or email address was found.' });
  }
  const website = block.find((l) => l.field?.label === 'website')?.urls[0] ?? block.flatMap((l) => l.urls)[0];
  return {
    ...(name ? { name } : {}),
    ...(settled.title ? { title: settled.title } : {}),
    ...(settled.company ? { company: settled.company } : {}),
    emails,
    phones,
    ...(website ? { website } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const key = JSON.stringify(x).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
