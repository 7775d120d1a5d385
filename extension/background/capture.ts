import { findPhones, type Region } from '../../shared/contact/phone';
import type { PageContext } from '../page-context';

/** The pure half of the capture menu (no extension APIs): what to read in the page and what to store. */
export interface PageRead {
  url?: string;
  selection: string;
  telLinks: string[];
  text: string;
}

/** Runs in the page (serialised by `executeScript`): must not reference anything outside its body. */
export function readPageInTab(maxText: number): PageRead {
  const active = document.activeElement;
  let selection = window.getSelection()?.toString() ?? '';
  if (!selection && (active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement)) {
    const { selectionStart, selectionEnd, value } = active;
    if (selectionStart !== null && selectionEnd !== null)
      selection = value.slice(selectionStart, selectionEnd);
  }
  const telLinks = Array.from(document.querySelectorAll('a[href^="tel:" i]'))
    .map((a) =>
      decodeURIComponent((a.getAttribute('href') ?? '').slice(4))
        .split(';')[0]
        .trim(),
    )
    .filter(Boolean)
    .slice(0, 20);
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text (no hidden nodes, with line breaks)
  const text = selection ? '' : (document.body?.innerText ?? '').slice(0, maxText);
  return { url: location.href, selection, telLinks, text };
}

/** `tel:+49%2030%20123` → `+49 30 123` (as written; the extension side normalises). */
export function numberFromTelLink(linkUrl: string | undefined): string | undefined {
  if (!linkUrl?.toLowerCase().startsWith('tel:')) return undefined;
  try {
    return decodeURIComponent(linkUrl.slice(4)).split(';')[0].trim().slice(0, 60) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * What to store for a page read: the selection; else the one number on the page (a `tel:` link first); else
 * the numbers found, one per line, as a selection to pick from; else `idle` with a sentence saying why.
 */
export function contextFromPageRead(
  read: PageRead,
  url: string,
  base: PageContext | undefined,
  region?: Region,
) {
  const host = base?.host ?? 'page';
  const keep = base ? { ...base } : undefined;
  const selection = read.selection.trim();
  if (selection) {
    return { ...keep, host, url, status: 'ok', selection: selection.slice(0, 5000) } satisfies PageContext;
  }
  const numbers = [
    ...new Set([...read.telLinks, ...findPhones(read.text, region).map((phone) => phone.raw)]),
  ];
  if (numbers.length === 1) {
    return { ...keep, host, url, status: 'ok', phone: numbers[0].slice(0, 60) } satisfies PageContext;
  }
  if (numbers.length > 1) {
    return {
      ...keep,
      host,
      url,
      status: 'ok',
      selection: numbers.join('\n').slice(0, 5000),
    } satisfies PageContext;
  }
  return {
    ...keep,
    host,
    url,
    status: base?.status ?? 'idle',
    problem:
      base?.problem ?? 'Nothing selected and no phone number on this page: select the contact text first.',
  } satisfies PageContext;
}
