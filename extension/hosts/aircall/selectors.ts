import type { DialerSelectors } from '../dialers/dialer';

/**
 * Aircall selectors. UNVERIFIED against the live app: they match our own test page
 * `test/pages/aircall.html` (there is no saved Aircall markup), which imitates the app's general shape (hooks guessed, not copied) —
 * the web phone at phone.aircall.io / workspace.aircall.io, with `data-test` hooks.
 * When the live app differs, the adapter reports `unreadable` and the sidebar offers manual capture;
 * fix the selectors here and the test page together.
 */
export const AIRCALL: DialerSelectors = {
  appRoot: ['[data-test="phone-app"]', '#aircall-phone'],
  callView: ['[data-test="call-view"]'],
  callNumber: ['[data-test="call-number"]', '[data-test="contact-number"]'],
  callState: ['[data-test="call-status"]', '[aria-live]'],
  dialInput: ['input[data-test="dialer-input"]', 'input[type="tel"]'],
};
