import { isHidden, queryAllVisible, queryFirst, senderFrom, textOf, watchPage } from '../dom';
import { extractSignature } from '../signature';
import type { HostAdapter, Reading } from '../types';
import { GMAIL, threadIdFromHash } from './selectors';

export const GMAIL_MATCHES = ['https://mail.google.com/*'] as const;

/**
 * What Gmail shows: the open thread's subject, and the sender and signature of its open message — the last
 * expanded one (collapsed messages above it are skipped; a thread list or an empty reading pane is `idle`).
 */
export function readGmail(doc: Document, hash: string): Reading {
  const subject = queryFirst(doc, [GMAIL.subject]);
  const messages = queryAllVisible(doc, [GMAIL.message]);
  const expanded = messages.filter(
    (message) => !message.closest(GMAIL.collapsedMessage) && message.querySelector(GMAIL.body),
  );
  const open = expanded[expanded.length - 1];
  const threadExpected = Boolean(threadIdFromHash(hash) || subject || messages.length);

  if (!threadExpected) return { status: 'idle' };
  if (!subject || !open) {
    if (!subject && !messages.length && queryAllVisible(doc, [GMAIL.threadListRow]).length) {
      return { status: 'idle' }; // the hash names a thread but Gmail still shows the list
    }
    return {
      status: 'unreadable',
      problem: !open
        ? "Gmail's layout changed: Leadline can't find the open message. Capture manually."
        : "Gmail's layout changed: Leadline can't find the subject. Capture manually.",
    };
  }
  const senderEl = Array.from(open.querySelectorAll(GMAIL.sender)).find((el) => !isHidden(el));
  const sender = senderEl ? senderFrom(senderEl) : undefined;
  if (!sender) {
    return {
      status: 'unreadable',
      subject: textOf(subject),
      problem: "Gmail's layout changed: Leadline can't read the sender. Capture manually.",
    };
  }
  const body = open.querySelector(GMAIL.body);
  const signatureText = body
    ? extractSignature(body, { quoteSelectors: GMAIL.quotes, signatureSelectors: GMAIL.signature })
    : undefined;
  return { status: 'ok', sender, subject: textOf(subject), signatureText };
}

export function createGmailAdapter({
  graceMs = 2500,
  win,
}: {
  graceMs?: number;
  win?: Window;
} = {}): HostAdapter {
  return {
    host: 'gmail',
    matchPatterns: GMAIL_MATCHES,
    matches: (url) => url.hostname === 'mail.google.com',
    init(signal, report) {
      const w = win ?? window;
      watchPage(w, signal, report, () => readGmail(w.document, w.location.hash), { graceMs });
    },
  };
}

export const gmail = createGmailAdapter();
