import { clip, normaliseLines, toPlainText } from './text';

/**
 * The signature / contact block of one message body, as plain text for the extension's parser
 * (`shared/contact/parseContactBlock`). This does not parse: it only removes what is certainly not the
 * sender's block (quoted replies, inserted banners) and keeps the end of the message where signatures live.
 */
export interface SignatureOptions {
  /** Elements holding quoted earlier messages: removed with everything after them. */
  quoteSelectors: readonly string[];
  /** Elements inserted into the body by the mail system (external-sender banners): removed. */
  bannerSelectors?: readonly string[];
  /** An explicit signature element written by the mail client (`div.gmail_signature`, `#Signature`). */
  signatureSelectors?: readonly string[];
}

export const MAX_SIGNATURE_CHARS = 5000;
const MAX_SIGNATURE_LINES = 25;

/** Banner texts that mail gateways insert at the top of external mail (EN/DE/FR/ZH/JA). */
const BANNER_TEXT =
  /^\s*(\[?external\]?|caution\b|warning\b|external (e-?mail|sender|message)|this (e-?mail|message) (originated|came|was sent) from outside|you don't often get email from|extern(e)? (e-?mail|nachricht|absender)|achtung\b|vorsicht\b|diese (e-?mail|nachricht) (stammt|kommt) von (außerhalb|extern)|attention\s*:|ce (courriel|message) provient de l'extérieur|外部(邮件|郵件|メール)|【外部】|\[外部\])/i;

/** A line that starts a quoted earlier message in plain text (no wrapper element, e.g. Word HTML). */
const QUOTE_HEADER = [
  /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|原始邮件|元のメッセージ)\s*-{2,}/i,
  /^-{2,}\s*forwarded (message|by)/i,
  /^(on|am|le) .{4,200}(wrote|schrieb|a écrit)\s*:?$/i,
  /^在.{4,100}写道[:：]?$/,
];
const HEADER_FIELD = /^(from|von|de|发件人|差出人)\s*[:：]/i;
const HEADER_NEXT = /^(sent|gesendet|envoyé|date|datum|发送时间|送信日時|to|an|à)\s*[:：]/i;

const SIGN_OFF =
  /^(thanks|thank you|many thanks|best|best regards|kind regards|warm regards|regards|cheers|sincerely|yours( truly| sincerely)?|br|mfg|mit freundlichen grüßen|freundliche grüße|viele grüße|beste grüße|liebe grüße|cordialement|bien à vous|此致|敬礼|谢谢|顺祝商祺|よろしくお願いします|よろしくお願いいたします|以上)[\s,.!:;，。、]*$/i;

const CONTACT_SIGNAL =
  /@|https?:\/\/|www\.|\d[\d ().\-/]{5,}\d|\b(tel|phone|mobile|mob|cell|fax|direct|office)\b|电话|手机|電話|携帯/i;

function removeAll(root: Element, selectors: readonly string[]): void {
  for (const selector of selectors) {
    for (const el of Array.from(root.querySelectorAll(selector))) el.remove();
  }
}

/** Removes each quote element and every node after it in document order (the rest of the body is older mail). */
function cutFromQuotes(root: Element, selectors: readonly string[]): void {
  const first = selectors
    .flatMap((selector) => Array.from(root.querySelectorAll(selector)))
    .sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1))[0];
  if (!first) return;
  let node: Node | null = first;
  while (node && node !== root) {
    while (node.nextSibling) node.nextSibling.remove();
    const parent: Node | null = node.parentNode;
    node.parentNode?.removeChild(node);
    node = parent;
  }
}

function removeBanners(root: Element): void {
  // A gateway banner sits at the top of the body: only blocks whose text starts in its first 300 characters
  // are candidates (a reply may quote an older banner further down), and only the innermost matching block
  // goes, so a wrapper holding the whole message is never removed.
  const bodyText = (root.textContent ?? '').replace(/\s+/g, ' ').trim();
  const matching = Array.from(root.querySelectorAll('div, p, table, td')).filter((block) => {
    const text = (block.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text || text.length > 600 || !BANNER_TEXT.test(text)) return false;
    const at = bodyText.indexOf(text);
    return at >= 0 && at < 300;
  });
  for (const block of matching) {
    if (!matching.some((other) => other !== block && block.contains(other))) block.remove();
  }
}

/** Lines before the first plain-text quote header. */
export function cutQuotedText(lines: readonly string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (QUOTE_HEADER.some((re) => re.test(line)) || line.startsWith('>')) return lines.slice(0, i);
    if (HEADER_FIELD.test(line) && lines.slice(i + 1, i + 5).some((next) => HEADER_NEXT.test(next))) {
      return lines.slice(0, i);
    }
  }
  return [...lines];
}

/** The last block that looks like a signature, from the plain text of a message without quotes. */
export function lastSignatureBlock(text: string): string {
  const lines = cutQuotedText(normaliseLines(text).split('\n'));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  let start = -1;
  const delimiter = lines.lastIndexOf('--');
  if (delimiter >= 0) start = delimiter + 1;
  else {
    for (let i = lines.length - 1; i >= 0; i--) {
      if (SIGN_OFF.test(lines[i])) {
        start = i;
        break;
      }
    }
  }
  if (start < 0) start = contactBlockStart(lines);
  const block = lines.slice(Math.max(start, lines.length - MAX_SIGNATURE_LINES));
  return clip(normaliseLines(block.join('\n')), MAX_SIGNATURE_CHARS);
}

/** Without a delimiter or sign-off: the last paragraph with contact details, and the short lines above it. */
function contactBlockStart(lines: readonly string[]): number {
  const paragraphs: Array<[number, number]> = [];
  let begin = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || lines[i] === '') {
      if (i > begin) paragraphs.push([begin, i]);
      begin = i + 1;
    }
  }
  for (let p = paragraphs.length - 1; p >= 0; p--) {
    const [from, to] = paragraphs[p];
    if (lines.slice(from, to).some((line) => CONTACT_SIGNAL.test(line))) {
      const previous = paragraphs[p - 1];
      const shortHeader =
        previous && previous[1] - previous[0] <= 4 && lines.slice(...previous).every(isShortLine);
      return shortHeader ? previous[0] : from;
    }
  }
  const last = paragraphs[paragraphs.length - 1];
  return last && last[1] - last[0] <= 6 ? last[0] : lines.length;
}

const isShortLine = (line: string) => line.length <= 60 && !/[.!?。！？]$/.test(line);

/** Signature text of a message body element. Works on a clone: the host page's DOM is never changed. */
export function extractSignature(body: Element, options: SignatureOptions): string {
  const clone = body.cloneNode(true) as Element;
  cutFromQuotes(clone, options.quoteSelectors);
  removeAll(clone, options.bannerSelectors ?? []);
  removeBanners(clone);
  for (const selector of options.signatureSelectors ?? []) {
    const explicit = Array.from(clone.querySelectorAll(selector)).pop();
    const text = explicit ? toPlainText(explicit) : '';
    if (text) return clip(text, MAX_SIGNATURE_CHARS);
  }
  return lastSignatureBlock(toPlainText(clone));
}
