import type { DialerSelectors } from '../dialers/dialer';

/**
 * Google Voice selectors. UNVERIFIED against the live app: they match our own test page
 * `test/pages/googlevoice.html` (there is no saved Google Voice markup), which imitates the app's general shape (hooks guessed, not copied) —
 * voice.google.com's Angular `gv-` custom elements.
 * When the live app differs, the adapter reports `unreadable` and the sidebar offers manual capture;
 * fix the selectors here and the test page together.
 */
export const GOOGLEVOICE: DialerSelectors = {
  appRoot: ['gv-app', '[data-app="google-voice"]'],
  callView: ['gv-call-panel', '[aria-label="Call panel"]'],
  callNumber: ['[gv-test-id="call-number"]', '.call-number'],
  callState: ['[gv-test-id="call-status"]', '[aria-live]'],
  dialInput: ['input[gv-test-id="dialer-input"]', 'input[type="tel"]'],
};
