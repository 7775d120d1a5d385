/**
 * Gmail's markup (obfuscated class names that change without notice). Every selector the adapter uses is here
 * and is tested against saved markup in `selectors.test.ts`. Sources:
 * - `h2.hP` (subject), `span.gD[email][name]` (sender in an open message's header): the issue and
 *   InboxSDK's thread/message view drivers; `span[email][name]` is also how the saved 2014 inbox list
 *   (`../shared/fixtures/webmail/gmail-2014-inbox-list__InboxSDK.html`) marks senders (`span.zF`, `span.yP`).
 * - `div.adn` one message of a thread, `.kv`/`.kQ` collapsed message rows, `div.a3s` the message body:
 *   InboxSDK's message view driver (`.adn`, collapsed `.kv`, `.kQ`) and Gmail's own body class.
 * - `div.gmail_quote`, `blockquote.gmail_quote`, `div.gmail_signature`: classes Gmail writes into the mail
 *   itself (`../shared/fixtures/webmail/gmail-body-reply__talon.html`), stable because other clients rely on them.
 * - `tr.zA`: a row of the thread list (2014 fixture), used only to tell "a list is showing" from "broken".
 */
export const GMAIL = {
  subject: 'h2.hP',
  message: 'div.adn',
  collapsedMessage: '.kv, .kQ',
  sender: 'span.gD[email]',
  body: 'div.a3s',
  threadListRow: 'tr.zA',
  quotes: ['div.gmail_quote', 'blockquote.gmail_quote', 'blockquote[type="cite"]', 'div.ajR'],
  signature: ['div.gmail_signature', '[data-smartmail="gmail_signature"]'],
} as const;

/** `#inbox/FMfcgzQXJWDsKmQv`, `#label/Clients/…`, `#search/acme/…`: the last hash segment is a thread id. */
export function threadIdFromHash(hash: string): string | undefined {
  const last = hash.replace(/^#/, '').split('?')[0].split('/').pop() ?? '';
  return /^[A-Za-z0-9_-]{16,}$/.test(last) ? last : undefined;
}
