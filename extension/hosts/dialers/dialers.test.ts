// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { AIRCALL } from '../aircall/selectors';
import { DIALPAD } from '../dialpad/selectors';
import { GOOGLEVOICE } from '../googlevoice/selectors';
import { ADAPTERS } from '../registry';
import { RINGCENTRAL } from '../ringcentral/selectors';
import { loadPage, testPage } from '../test-support';
import { callStateFrom, type DialerSelectors, readDialer } from './dialer';

/** Each dialer's selectors against its own test page (test/pages/<site>.html), driven as the page's script would. */
const DIALERS: Array<[string, DialerSelectors, string]> = [
  ['aircall', AIRCALL, 'https://phone.aircall.io/phone'],
  ['dialpad', DIALPAD, 'https://dialpad.com/app/calls'],
  ['ringcentral', RINGCENTRAL, 'https://app.ringcentral.com/phone'],
  ['googlevoice', GOOGLEVOICE, 'https://voice.google.com/u/0/calls'],
];

function ring(number: string, state: string) {
  const view = document.querySelector('[data-testpage-call]') as HTMLElement;
  view.hidden = false;
  view.querySelector('[data-testpage-number]')!.textContent = number;
  view.querySelector('[data-testpage-state]')!.textContent = state;
}

describe.each(DIALERS)('%s', (site, selectors, url) => {
  it('selectors match the test page; idle between calls, typed number reported', () => {
    loadPage(testPage(`${site}.html`), url);
    for (const list of Object.values(selectors))
      expect(document.querySelector(list.join(', '))).not.toBeNull();
    expect(readDialer(document, selectors, site)).toEqual({ status: 'idle' });
    (document.querySelector(selectors.dialInput.join(', ')) as HTMLInputElement).value = '+49 30 1234567';
    expect(readDialer(document, selectors, site)).toEqual({ status: 'idle', phone: '+49 30 1234567' });
  });

  it.each([
    ['Incoming call', 'ringing'],
    ['Calling…', 'dialing'],
    ['00:42', 'connected'],
    ['Call ended', 'ended'],
  ] as const)('call view "%s" → %s', (text, state) => {
    loadPage(testPage(`${site}.html`), url);
    ring('+1 (415) 555-0134', text);
    expect(readDialer(document, selectors, site)).toEqual({
      status: 'ok',
      phone: '+1 (415) 555-0134',
      callState: state,
    });
  });

  it('markup changed: unreadable, no throw', () => {
    loadPage(testPage(`${site}.html`), url);
    document.body.innerHTML = '<div class="new-app-shell"></div>';
    expect(readDialer(document, selectors, site)).toMatchObject({ status: 'unreadable' });
    loadPage(testPage(`${site}.html`), url);
    ring('+1 (415) 555-0134', 'Incoming call');
    for (const el of document.querySelectorAll(selectors.callNumber.join(', '))) el.remove();
    expect(readDialer(document, selectors, site).status).toBe('unreadable');
  });

  it('the registered adapter matches the real URL', () => {
    expect(ADAPTERS.find((a) => a.host === site)?.matches(new URL(url))).toBe(true);
  });
});

describe('callStateFrom', () => {
  it.each([
    ['+1 415 555 0134 is calling', 'ringing'],
    ['Eingehender Anruf', 'ringing'],
    ['Klingelt …', 'ringing'],
    ['On hold 03:12', 'connected'],
    ['', undefined],
  ])('%s → %s', (text, state) => expect(callStateFrom(text)).toBe(state));

  it('Dialpad only under /app', () => {
    expect(ADAPTERS.find((a) => a.host === 'dialpad')?.matches(new URL('https://dialpad.com/pricing'))).toBe(
      false,
    );
  });
});
