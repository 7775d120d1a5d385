import { isHiddenElement } from './text';
import type { Reading, Report } from './types';

export const CRASH_PROBLEM = "Leadline can't read this page right now; capture manually.";

/**
 * Calls `callback` once the DOM under `root` has been quiet for `quietMs` after a change (hosts re-render in
 * bursts), and at most every `maxWaitMs` during a long burst. Stops when `signal` aborts.
 */
export function observeDebounced(
  root: Node,
  signal: AbortSignal,
  callback: () => void,
  {
    quietMs = 150,
    maxWaitMs = 1000,
    attributes = true,
  }: { quietMs?: number; maxWaitMs?: number; attributes?: boolean } = {},
): void {
  if (signal.aborted) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstChangeAt: number | undefined;
  const fire = () => {
    timer = undefined;
    firstChangeAt = undefined;
    if (!signal.aborted) callback();
  };
  const observer = new MutationObserver(() => {
    const now = Date.now();
    firstChangeAt ??= now;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(fire, now - firstChangeAt >= maxWaitMs ? 0 : quietMs);
  });
  observer.observe(root, { childList: true, subtree: true, characterData: attributes, attributes });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (timer !== undefined) clearTimeout(timer);
    },
    { once: true },
  );
}

/** `setTimeout` that is cleared when `signal` aborts. */
export function delay(signal: AbortSignal, ms: number, callback: () => void): void {
  if (signal.aborted) return;
  const timer = setTimeout(() => {
    if (!signal.aborted) callback();
  }, ms);
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}

/** Hidden by an attribute or inline style on the element or an ancestor (how Gmail parks inactive views). */
export function isHidden(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (isHiddenElement(node) || node.getAttribute('aria-hidden') === 'true') return true;
  }
  return false;
}

/** First element matching any of the selectors, in the order given (the most specific first). */
export function queryFirst(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = Array.from(root.querySelectorAll(selector)).find((el) => !isHidden(el));
    if (found) return found;
  }
  return null;
}

/** All visible elements matching any of the selectors, in document order. */
export function queryAllVisible(root: ParentNode, selectors: readonly string[]): Element[] {
  if (selectors.length === 0) return [];
  return Array.from(root.querySelectorAll(selectors.join(', '))).filter((el) => !isHidden(el));
}

/** Text of an element's own content, whitespace collapsed. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const EMAIL = /[A-Z0-9._%+'-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i;

/** `Name <a@b.example>`, `a@b.example`, a `title`/`email` attribute or a mailto link → sender. */
export function senderFrom(el: Element): { name?: string; email: string } | undefined {
  const candidates = [
    el.getAttribute('email'),
    el.getAttribute('title'),
    ...Array.from(el.querySelectorAll('[title*="@"], [email]')).map(
      (child) => child.getAttribute('email') ?? child.getAttribute('title'),
    ),
    el.querySelector('a[href^="mailto:" i]')?.getAttribute('href')?.slice(7),
    textOf(el),
  ];
  const email = candidates.map((value) => value?.match(EMAIL)?.[0]).find(Boolean);
  if (!email) return undefined;
  const rawName =
    el.getAttribute('name') ??
    textOf(el)
      .replace(email, '')
      .replace(/[<>()[\]"]/g, ' ')
      .replace(/^(from|von|de)\s*:\s*/i, '')
      .replace(/\s+/g, ' ')
      .trim();
  const name = rawName && rawName !== email ? rawName.slice(0, 200) : undefined;
  return name ? { name, email: email.slice(0, 254) } : { email: email.slice(0, 254) };
}

/**
 * Passes readings through, except that `unreadable` is held for `graceMs`: a host re-rendering or still
 * loading a view must not flash "can't read this page". A readable report in the meantime cancels it.
 */
export function withGrace<T extends { status: string }>(
  signal: AbortSignal,
  graceMs: number,
  report: (reading: T) => void,
): (reading: T) => void {
  let pending: T | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const clear = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  signal.addEventListener('abort', clear, { once: true });
  return (reading) => {
    if (signal.aborted) return;
    if (reading.status !== 'unreadable' || graceMs <= 0) {
      clear();
      report(reading);
      return;
    }
    pending = reading;
    timer ??= setTimeout(() => {
      const held = pending;
      timer = undefined;
      pending = undefined;
      if (held && !signal.aborted) report(held);
    }, graceMs);
  };
}

/**
 * The loop every adapter runs: read the page now and after each burst of DOM changes (and typing, for
 * dialers whose inputs change without mutations), holding `unreadable` for `graceMs`. A reader that throws
 * on a later re-read (the host changed its markup under us) becomes an `unreadable` report, like a throw at
 * start-up in the runtime: it never escapes into the page's event loop, and the sidebar says so.
 */
export function watchPage(
  win: Window,
  signal: AbortSignal,
  report: Report,
  readPage: () => Reading,
  { graceMs, quietMs, onInput = false }: { graceMs: number; quietMs?: number; onInput?: boolean },
): void {
  const send = withGrace(signal, graceMs, report);
  const read = () => {
    let reading: Reading;
    try {
      reading = readPage();
    } catch {
      reading = { status: 'unreadable', problem: CRASH_PROBLEM };
    }
    send(reading);
  };
  if (onInput) win.document.addEventListener('input', read, { signal, passive: true });
  observeDebounced(win.document.body ?? win.document, signal, read, quietMs ? { quietMs } : {});
  read();
}
