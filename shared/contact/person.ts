// What a short signature line is: a person's name, a job title, an organisation, or something to skip.
// Decided by vocabulary (labels.ts) and by the shape of names, never by position alone; signature.ts then
// uses position to settle lines that are none of these ('Fundamental Analysis' above 'Enron North America').

import {
  CJK,
  COMPANY_WORDS,
  DEPARTMENT_WORDS,
  HONORIFICS,
  NAME_SUFFIXES,
  TITLE_COMPANY_JOINERS,
  TITLE_WORDS,
  vocabulary,
} from './labels.ts';

export type Role = 'name' | 'title' | 'company' | 'text';
export interface Segment {
  role: Role;
  value: string;
}

const TITLE = vocabulary(TITLE_WORDS);
// German titles are compounds ('Vertriebsleiterin', 'Projektingenieur'): match their heads as word endings.
const GERMAN_TITLE =
  /\p{L}{2,}(leiter|leiterin|führer|führerin|berater|beraterin|referent|referentin|ingenieur|ingenieurin|managerin|assistent|assistentin|entwickler|entwicklerin)(?!\p{L})/iu;
const COMPANY_WORD = vocabulary(COMPANY_WORDS);
// Legal forms that are also names or words in lower case ('Sa Min-jun', 'sa'): only in capitals.
const CAPITAL_FORMS = /(?<![\p{L}\p{N}])(?:SA|NV|BV|UG)(?![\p{L}\p{N}])/u;
const COMPANY = { test: (s: string) => COMPANY_WORD.test(s) || CAPITAL_FORMS.test(s) };
const DEPARTMENT = vocabulary(DEPARTMENT_WORDS);
const JOINER = new RegExp(`\\s*,\\s*|\\s+${vocabulary(TITLE_COMPANY_JOINERS).source}\\s+`, 'giu');
const COPYRIGHT =
  /^(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*,?\s*)?(.+?)[.,]?(?:\s*all rights reserved\.?)?$/iu;
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'da',
  'di',
  'du',
  'del',
  'la',
  'le',
  'bin',
  'al',
  'zu',
]);
const WORD = /^(?:\p{Lu}\.)*(?:Mc|Mac|O'|O’|D')?\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?\p{Ll}+)*$/u;
const INITIAL = /^\p{Lu}\.?$/u;
const CAPS = /^\p{Lu}{2,}$/u;
const HAN_NAME = /^(?:\p{Script=Han}{2,4}|\p{Script=Han}{1,3} \p{Script=Han}{1,3})$/u;

const bare = (token: string): string => token.toLowerCase().replace(/\./g, '');
const isTitle = (s: string): boolean => TITLE.test(s) || GERMAN_TITLE.test(s);

/** The person's name in `text` ('Me John Doe' → 'John Doe', 'Lily ZHANG' → 'Lily Zhang'), if it is one. */
export function asName(text: string): string | undefined {
  const s = text
    .trim()
    .replace(/,\s*([\p{L}.-]+)$/u, (m, suffix: string) => (NAME_SUFFIXES.includes(bare(suffix)) ? '' : m));
  if (HAN_NAME.test(s)) return s;
  const tokens = s.split(/\s+/);
  while (tokens.length > 1 && HONORIFICS.includes(bare(tokens[0]))) {
    if (bare(tokens[0]) === 'me' && tokens.length < 3) break; // 'Me' is only Maître before a full name
    tokens.shift();
  }
  if (tokens.length > 4 || !tokens.some((t) => WORD.test(t))) return undefined;
  const fits = (t: string) => WORD.test(t) || INITIAL.test(t) || CAPS.test(t) || PARTICLES.has(t);
  if (!tokens.every(fits) || PARTICLES.has(tokens[0])) return undefined;
  return tokens.map((t) => (CAPS.test(t) ? t[0] + t.slice(1).toLowerCase() : t)).join(' ');
}

/** An organisation name as it should be stored: a trailing kana reading in parentheses is dropped. */
export function cleanCompany(text: string): string {
  return text.replace(/\s*\([\p{Script=Katakana}\p{Script=Hiragana}ー・\s]+\)$/u, '').trim();
}

/** 'Copyright © 2015 珠海云帆软件科技有限公司.' → the holder, an organisation. */
export function copyrightHolder(line: string): string | undefined {
  const m = COPYRIGHT.exec(line);
  return m && /^(copyright|©|\(c\))/i.test(line) ? m[1].trim() : undefined;
}

/** Lower-case letters and digits only: 'Acme-Industrial' and the domain 'acme-industrial' compare equal. */
const compact = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** An organisation by its legal form or group word, or named like the email/web domain ('Nordwind'). */
function isCompany(part: string, domains: readonly string[]): boolean {
  if (COMPANY.test(part)) return true;
  const c = compact(part);
  const named = c.length >= 3 && domains.some((d) => c.startsWith(d) || d.startsWith(c));
  // 'Director, Sales' at salesforce.com: a title or department is never the company by its domain.
  return named && !isTitle(part) && !DEPARTMENT.test(part);
}

/**
 * 'Sales Operations, Nordwind AG', 'Head of Sales at Nordwind AG' (or 'Nordwind AG, Sales Operations'): a
 * title and a company in one segment, split where one side is a title and the other a company. Every other
 * comma stays: 'Smith, Jones & Partners GmbH' has no title side, 'Berlin, Germany' no company side.
 */
function splitTitleCompany(seg: string, domains: readonly string[]): Segment[] | undefined {
  const titleLike = (p: string) => (isTitle(p) || DEPARTMENT.test(p)) && !COMPANY.test(p);
  let best: { title: string; company: string; titleFirst: boolean } | undefined;
  for (const m of seg.matchAll(JOINER)) {
    const [a, b] = [seg.slice(0, m.index), seg.slice(m.index + m[0].length)];
    const split =
      titleLike(a) && isCompany(b, domains)
        ? { title: a, company: b, titleFirst: true }
        : // Company first only with a comma (nobody writes 'Nordwind AG at Sales'), and only by its legal form:
          // 'John Smith, Marketing Consultant' from johnsmith.example is a person and a title.
          m[0].trim() === ',' && COMPANY.test(a) && titleLike(b)
          ? { title: b, company: a, titleFirst: false }
          : undefined;
    // Titles hold commas ('Director, Southwest Region, Anti-Defamation League'): the shortest company wins.
    if (split && (!best || split.company.length < best.company.length)) best = split;
  }
  if (!best) return undefined;
  const title: Segment = { role: 'title', value: best.title };
  const company: Segment = { role: 'company', value: cleanCompany(best.company) };
  return best.titleFirst ? [title, company] : [company, title];
}

const tooLong = (s: string) => s.length > 60 || s.split(/\s+/).length > 6;

function classifySegment(seg: string, domains: readonly string[]): Segment[] {
  if (/\d/.test(seg) || /_/.test(seg)) return [];
  // Split before the length limit, which then holds per part: 'Senior Key Account Manager at Nordwind AG'
  // is seven words, but a title and a company of reasonable length.
  if (!CJK.test(seg)) {
    const split = splitTitleCompany(seg, domains);
    if (split && !split.some((p) => tooLong(p.value))) return split;
  }
  if (tooLong(seg)) return [];
  const title = isTitle(seg);
  const company = COMPANY.test(seg);
  if (title && company && CJK.test(seg)) {
    // '株式会社サンプル 営業部 部長': CJK writes the organisation and the title side by side.
    const parts = seg.split(/[,、]\s*|\s+/u);
    const org = parts.filter((p) => COMPANY.test(p));
    const rest = parts.filter((p) => !COMPANY.test(p));
    if (org.length && rest.length) {
      return [
        { role: 'title', value: rest.join(' ') },
        { role: 'company', value: cleanCompany(org.join(' ')) },
      ];
    }
  }
  if (title) return [{ role: 'title', value: seg }];
  if (company) return [{ role: 'company', value: cleanCompany(seg) }];
  const name = asName(seg);
  return [name ? { role: 'name', value: name } : { role: 'text', value: seg }];
}

/**
 * The parts of one line ('Senior Project Manager | SZ&W Group' holds a title and a company). `domains` are
 * the names of the block's email and web domains ('nordwind'), which mark a company without a legal form.
 */
export function classifyLine(line: string, domains: readonly string[] = []): Segment[] {
  const holder = copyrightHolder(line);
  if (holder) return [{ role: 'company', value: cleanCompany(holder) }];
  const segments = line
    .split(/\s+[|•·–—]\s+|\s+-\s+/u)
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((s) => classifySegment(s, domains));
  // 'Sales Operations | Nordwind AG': beside a company, a department is the title (and not a name by shape).
  if (!segments.some((s) => s.role === 'company')) return segments;
  return segments.map((s) =>
    s.role !== 'company' && DEPARTMENT.test(s.value) ? { ...s, role: 'title' } : s,
  );
}
