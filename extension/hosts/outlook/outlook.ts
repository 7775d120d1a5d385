import { queryAllVisible, queryFirst, senderFrom, textOf, watchPage } from '../dom';
import { extractSignature } from '../signature';
import type { HostAdapter, Reading } from '../types';
import { OUTLOOK, OUTLOOK_HOSTS } from './selectors';

export const OUTLOOK_MATCHES = OUTLOOK_HOSTS.map((host) => `https://${host}/*`);

/** `/mail/inbox/id/AAQk…`, `/mail/0/id/…`, `/mail/deeplink/read/…`: a message is open. */
export function messageOpenInPath(pathname: string): boolean {
  return /\/mail\/(.+\/)?(id|read)\/[^/]+/.test(pathname);
}

/** The reading pane's subject and the sender and signature of its last expanded message. */
export function readOutlook(doc: Document, pathname: string): Reading {
  const pane = queryFirst(doc, OUTLOOK.readingPane);
  const bodies = queryAllVisible(pane ?? doc, [OUTLOOK.body]);
  const expected = messageOpenInPath(pathname) || Boolean(pane) || bodies.length > 0;
  if (!expected) return { status: 'idle' };
  const body = bodies[bodies.length - 1];
  if (!pane || !body) {
    return {
      status: 'unreadable',
      problem: "Outlook's layout changed: Leadline can't find the open message. Capture manually.",
    };
  }
  const message = OUTLOOK.message.map((selector) => body.closest(selector)).find(Boolean) ?? pane;
  const senderEl = queryFirst(message, OUTLOOK.sender) ?? queryFirst(pane, OUTLOOK.sender);
  const sender = senderEl ? senderFrom(senderEl) : undefined;
  const subject = textOf(queryFirst(pane, OUTLOOK.subject)) || undefined;
  if (!sender) {
    return {
      status: 'unreadable',
      subject,
      problem: "Outlook's layout changed: Leadline can't read the sender. Capture manually.",
    };
  }
  const signatureText = extractSignature(body, {
    quoteSelectors: OUTLOOK.quotes,
    bannerSelectors: OUTLOOK.banners,
    signatureSelectors: OUTLOOK.signature,
  });
  return { status: 'ok', sender, subject, signatureText };
}

export function createOutlookAdapter({
  graceMs = 2500,
  win,
}: {
  graceMs?: number;
  win?: Window;
} = {}): HostAdapter {
  return {
    host: 'outlook',
    matchPatterns: OUTLOOK_MATCHES,
    matches: (url) => (OUTLOOK_HOSTS as readonly string[]).includes(url.hostname),
    init(signal, report) {
      const w = win ?? window;
      watchPage(w, signal, report, () => readOutlook(w.document, w.location.pathname), { graceMs });
    },
  };
}

export const outlook = createOutlookAdapter();
