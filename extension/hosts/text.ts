/**
 * Plain text of an element with the line breaks a reader sees (innerText semantics without layout, so it is the
 * same in Chromium and in happy-dom): block elements and `<br>` break lines, table cells are separated by a
 * space, hidden and non-content elements are skipped. Reads `textContent` only: page text is data, never HTML.
 */
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TR',
  'UL',
]);
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'SVG',
  'IMG',
  'BUTTON',
]);

export function isHiddenElement(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = (el as HTMLElement).style;
  return style?.display === 'none' || style?.visibility === 'hidden';
}

export function toPlainText(root: Node): string {
  let out = '';
  // A block boundary is one line break however many blocks open or close there; a `<br>` is always one.
  const blockBreak = () => {
    if (out !== '' && !out.endsWith('\n')) out += '\n';
  };
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === 3) {
      const raw = (node.textContent ?? '').replace(/\u00a0/g, ' ');
      const text = pre ? raw : raw.replace(/[ \t\r\n\f]+/g, ' ');
      if (!pre && text === ' ' && (out === '' || out.endsWith('\n'))) return;
      out += text;
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    const el = node as Element;
    const tag = node.nodeType === 1 ? el.tagName.toUpperCase() : '';
    if (SKIP.has(tag) || (node.nodeType === 1 && isHiddenElement(el))) return;
    if (tag === 'BR') {
      out += '\n';
      return;
    }
    const block = BLOCK.has(tag);
    if (block) blockBreak();
    for (const child of Array.from(node.childNodes)) walk(child, pre || tag === 'PRE');
    if (tag === 'TD' || tag === 'TH') out += ' ';
    if (block) blockBreak();
  };
  walk(root, false);
  return normaliseLines(out);
}

/** Trims each line, keeps at most one blank line in a row, trims the whole. */
export function normaliseLines(text: string): string {
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.replace(/[ \t]+/g, ' ').trim());
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(line);
  }
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}

/** Cuts to `max` characters without splitting a UTF-16 surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}
