import type { DialerSelectors } from '../dialers/dialer';

/**
 * Dialpad selectors. UNVERIFIED against the live app: they match our own test page
 * `test/pages/dialpad.html` (there is no saved Dialpad markup), which imitates the app's general shape (hooks guessed, not copied) —
 * the web app under dialpad.com/app, with `data-qa` hooks.
 * When the live app differs, the adapter reports `unreadable` and the sidebar offers manual capture;
 * fix the selectors here and the test page together.
 */
export const DIALPAD: DialerSelectors = {
  appRoot: ['[data-qa="app-root"]', '#dialpad-app'],
  callView: ['[data-qa="active-call"]'],
  callNumber: ['[data-qa="call-peer-number"]', '[data-qa="call-peer"] [dir="ltr"]'],
  callState: ['[data-qa="call-status"]', '[aria-live]'],
  dialInput: ['input[data-qa="dialer-input"]', 'input[type="tel"]'],
};
