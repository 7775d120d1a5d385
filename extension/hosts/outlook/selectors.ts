/**
 * Outlook on the web (OWA, "new Outlook"): React markup with generated class names, so these prefer ARIA and
 * `data-app-section` hooks. All of them are tested against `test/pages/outlook-reading-pane.html`, our own
 * reconstruction (no saved OWA reading pane exists in `../shared/fixtures`), and the message-body rules against
 * the saved Word-HTML reply `../shared/fixtures/webmail/outlook2010-body-reply__talon.html` with OWA's `x_` prefix.
 * Sources:
 * - `div[aria-label="Message body"]` (the body), `x_`-prefixed ids/classes inside it (OWA rewrites a mail's
 *   own ids and classes with `x_`: `x_divRplyFwdMsg`, `x_MsoNormal`, `x_Signature`): the issue and OWA itself.
 * - `[data-app-section="MailReadCompose"]` / `ConversationContainer` (the reading pane), `div[role="heading"]`
 *   (subject): hooks used by public OWA extensions (e.g. fperezdev/wd-extension-poc `consts.ts`).
 * - sender persona: the From line's persona button, whose text is `Name <address>` and whose `title` holds the
 *   address; several shapes are listed, most specific first.
 */
export const OUTLOOK = {
  readingPane: [
    '[data-app-section="ConversationContainer"]',
    '[data-app-section="MailReadCompose"]',
    '#ReadingPaneContainerId',
    'div[role="main"][aria-label*="Reading" i]',
  ],
  subject: ['[data-app-section="ConversationTopic"] [title]', 'div[role="heading"][aria-level="2"]'],
  /** One message of the conversation; expanded ones contain a body. */
  message: ['[data-app-section="ConversationItem"]', 'div[role="listitem"]', 'div[aria-expanded]'],
  body: 'div[aria-label="Message body"]',
  sender: [
    '[data-testid="SenderPersona"]',
    'span[class*="SenderPersona"]',
    'button[aria-label^="From:" i]',
    'div[aria-label^="From:" i]',
  ],
  quotes: [
    '[id$="divRplyFwdMsg"]',
    '[id$="appendonsend"]',
    'div[class$="gmail_quote"]',
    'blockquote',
    '[id$="OLK_SRC_BODY_SECTION"]',
  ],
  /** Banners some tenants' mail flow inserts into the body; text-matched ones are found by `signature.ts`. */
  banners: ['[id$="ExternalBanner"]', '[class*="externalBanner" i]', '[data-external-banner]'],
  signature: ['[id$="Signature"]', '[id$="signature"]'],
} as const;

export const OUTLOOK_HOSTS = ['outlook.office.com', 'outlook.live.com', 'outlook.office365.com'] as const;
