// The multilingual vocabulary that contact parsing relies on, kept in one place so that adding a language
// is a data change. Everything is matched on NFKC-normalised, lower-cased text, so full-width forms
// ('ＴＥＬ：') and their ASCII forms share one entry. Lists are '|'-separated strings to stay readable.

const list = (words: string): readonly string[] => words.split('|');

export type PhoneLabel = 'mobile' | 'office' | 'fax' | 'pager' | 'home';

/** Words (and emoji) that say what kind of number follows or precedes. */
export const PHONE_LABELS: Record<PhoneLabel, readonly string[]> = {
  mobile: list(
    'mobile|mob|mobil|cell|cellular|cell phone|handy|mobiltelefon|m|c|手机|手機|移动电话|行動電話|携帯|携帯電話|ケータイ|📱',
  ),
  office: list(
    'phone|tel|telephone|téléphone|telefon|fon|office|off|work|direct|dir|main|business|zentrale|durchwahl|' +
      't|p|o|d|电话|電話|座机|固话|办公电话|代表|直通|📞|☎',
  ),
  fax: list('fax|facsimile|telefax|f|传真|傳真|ファックス|ファクス|📠'),
  pager: list('pager|beeper|pgr'),
  home: list('home|privat|h|住宅'),
};

/** Labels whose digits are NOT a phone number (postal codes, chat handles, ids, years). */
export const NON_PHONE_LABELS = list(
  'qq|wechat|weixin|微信|skype|icq|line id|〒|zip|postal|postcode|plz|邮编|邮政编码|郵便番号|id|uid|account|' +
    'acct|order|invoice|ref|po box|box|iban|vat|ust-id|ust-idnr|tax id|ein|hrb|fid|copyright|©',
);

/** Markers that introduce an extension; a number right after one is an internal PBX extension. */
export const EXTENSION_MARKERS = list('ext|extn|extension|x|доб|分机|分機|转|轉|内线|內線|内線');

/** Field labels of contact blocks (`Name:`, `公司：`, `Author：`). */
export const FIELD_LABELS = {
  name: list('name|contact|author|ansprechpartner|姓名|联系人|聯絡人|氏名|担当|担当者'),
  title: list('title|position|job title|funktion|职位|職位|职务|役職'),
  company: list('company|organization|organisation|firma|unternehmen|公司|单位|会社名|社名'),
  website: list('website|web|url|homepage|internet|网址|網址|网站|ホームページ'),
  email: list('email|e-mail|mail|e-post|邮箱|电子邮件|郵箱|メール'),
  other: list('skype|qq|wechat|微信|linkedin|twitter|address|adresse|anschrift|地址|住所|icq|line'),
} as const;

export type FieldLabel = keyof typeof FIELD_LABELS;

/** Closing words that precede a signature; never a name, title or company. */
export const SIGN_OFFS = list(
  'thanks|thank you|many thanks|thx|regards|best regards|kind regards|best|cheers|sincerely|yours|' +
    'yours truly|cordially|warm regards|all the best|mit freundlichen grüßen|mit freundlichen grüssen|' +
    'viele grüße|beste grüße|gruß|grüße|mfg|cordialement|saludos|distinti saluti|cordiali saluti|' +
    '谢谢|謝謝|此致|敬礼|よろしくお願いいたします|よろしくお願いします|以上',
);

/** Prefixes dropped from a name ('Me' is the Québec Maître); compared without dots. */
export const HONORIFICS = list('mr|mrs|ms|miss|dr|prof|me|mme|mlle|herr|frau|dipl-ing|ing');

/** Suffixes after a comma that are not part of the name ('John E. Doe, Ph.D.'); compared without dots. */
export const NAME_SUFFIXES = list('phd|md|mba|jr|sr|ii|iii|iv|esq|cpa|pe|msc|bsc|dds|rn|cfa|pmp|dipl-ing');

/** Words that make a line a job title (whole words in Latin script, substrings in CJK). */
export const TITLE_WORDS = list(
  'manager|director|president|vice president|vp|svp|evp|ceo|cto|cfo|coo|cio|founder|co-founder|owner|' +
    'partner|specialist|assistant|analyst|engineer|developer|consultant|coordinator|executive|officer|' +
    'head of|lead|representative|associate|advisor|adviser|counsel|attorney|lawyer|secretary|' +
    'administrator|supervisor|chairman|principal|architect|designer|intern|trader|scientist|buyer|' +
    'geschäftsführer|geschäftsführerin|leiter|leiterin|berater|beraterin|referent|referentin|inhaber|' +
    'inhaberin|vorstand|prokurist|sachbearbeiter|sachbearbeiterin|assistentin|ingenieur|entwickler|' +
    'vertriebsleiter|directeur|directrice|responsable|' +
    '经理|總經理|总经理|总监|總監|董事|主管|工程师|工程師|总裁|總裁|主任|专员|助理|' +
    '部長|課長|係長|社長|取締役|代表取締役|マネージャー|エンジニア',
);

/**
 * Departments and functions ('Sales Operations', 'Einkauf'). They are the person's title only beside a
 * company on the same line: alone, 'Energy Operations' below 'Enron' is part of the company's name.
 */
export const DEPARTMENT_WORDS = list(
  'sales|operations|marketing|procurement|purchasing|finance|accounting|controlling|engineering|' +
    'support|customer success|customer service|business development|human resources|legal|compliance|' +
    'logistics|communications|public relations|research|development|product|partnerships|' +
    'vertrieb|verkauf|einkauf|buchhaltung|personalabteilung|entwicklung|logistik|kundendienst|kundenservice|' +
    'innendienst|außendienst|geschäftsleitung|ventes|achats|comptabilité|ressources humaines|' +
    'service client|commercial|commerciale|juridique',
);

/** Words joining a title to its company in one line ('Sales Manager at Nordwind AG'), besides a comma. */
export const TITLE_COMPANY_JOINERS = list('at|@|bei|chez');

/** Words that make a line an organisation (whole words in Latin script, substrings in CJK). */
export const COMPANY_WORDS = list(
  'inc|inc.|corp|corp.|corporation|llc|l.l.c.|ltd|ltd.|limited|llp|plc|gmbh|ag|kg|s.a.|sas|sarl|' +
    's.p.a.|spa|srl|s.r.l.|b.v.|n.v.|pty|co.|company|group|holdings|holding|league|association|' +
    'foundation|institute|university|bank|gruppe|verein|stiftung|k.k.|ohg|kgaa|' +
    '公司|集团|集團|银行|銀行|研究所|大学|株式会社|有限会社|合同会社|(株)|(有)',
);

/** Chinese/Japanese script, where word boundaries do not exist. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const startsWithWordChar = (w: string): boolean => /^[\p{L}\p{N}]/u.test(w) && !CJK.test(w);

/** A regex finding any of `words`: whole words in Latin script, substrings in CJK and for symbols. */
export function vocabulary(words: readonly string[], anchor: '' | '^' | '$' = ''): RegExp {
  const sorted = [...words].sort((a, b) => b.length - a.length);
  const bounded = sorted.filter(startsWithWordChar).map(escapeRe);
  const free = sorted.filter((w) => !startsWithWordChar(w)).map(escapeRe);
  const parts: string[] = [];
  if (bounded.length) parts.push(`(?<![\\p{L}\\p{N}])(?:${bounded.join('|')})(?![\\p{L}\\p{N}])`);
  if (free.length) parts.push(`(?:${free.join('|')})`);
  const body = `(?:${parts.join('|')})`;
  return new RegExp(anchor === '^' ? `^${body}` : anchor === '$' ? `${body}$` : body, 'iu');
}

/** Which phone label `word` is, if any ('Tel' → office, '📠' → fax). */
export function phoneLabelOf(word: string): PhoneLabel | undefined {
  const w = word.toLowerCase();
  for (const [label, words] of Object.entries(PHONE_LABELS) as [PhoneLabel, readonly string[]][]) {
    if (words.includes(w)) return label;
  }
  return undefined;
}

/** Mailboxes of a function rather than a person ('info@', 'outages@'). */
export const ROLE_MAILBOXES = list(
  'info|sales|support|help|helpdesk|service|admin|office|contact|hello|team|noreply|no-reply|outages|' +
    'billing|accounts|marketing|jobs|hr|press|webmaster|postmaster|kontakt|vertrieb',
);
