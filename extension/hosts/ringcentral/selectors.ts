import type { DialerSelectors } from '../dialers/dialer';

/**
 * RingCentral selectors. UNVERIFIED against the live app: they match our own test page
 * `test/pages/ringcentral.html` (there is no saved RingCentral markup), which imitates the app's general shape (hooks guessed, not copied) —
 * app.ringcentral.com, with the `data-sign` hooks RingCentral's web widgets use.
 * When the live app differs, the adapter reports `unreadable` and the sidebar offers manual capture;
 * fix the selectors here and the test page together.
 */
export const RINGCENTRAL: DialerSelectors = {
  appRoot: ['[data-sign="appRoot"]', '#app'],
  callView: ['[data-sign="callCtrlPanel"]', '[data-sign="incomingCallPanel"]'],
  callNumber: ['[data-sign="callCtrlNumber"]', '[data-sign="callerNumber"]'],
  callState: ['[data-sign="callStatus"]', '[aria-live]'],
  dialInput: ['input[data-sign="dialerInput"]', 'input[type="tel"]'],
};
