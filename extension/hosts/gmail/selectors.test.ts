// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { loadPage, sharedFixture, showGmailView, testPage } from '../test-support';
import { readGmail } from './gmail';
import { GMAIL, threadIdFromHash } from './selectors';

describe('GMAIL selectors on saved Gmail markup', () => {
  it('2014 inbox list: sender spans carry [email][name], rows are tr.zA, no thread is open', () => {
    loadPage(
      sharedFixture('webmail/gmail-2014-inbox-list__InboxSDK.html'),
      'https://mail.google.com/mail/u/0/#inbox',
    );
    expect(document.querySelectorAll(GMAIL.threadListRow).length).toBeGreaterThan(10);
    const sender = document.querySelector('span[email][name]');
    expect(sender?.getAttribute('email')).toMatch(/@/);
    expect(document.querySelector(GMAIL.subject)).toBeNull();
    expect(readGmail(document, '#inbox')).toEqual({ status: 'idle' });
  });

  it('2017 add-on side panel (div.bnl) is not mistaken for a message', () => {
    loadPage(
      sharedFixture('webmail/gmail-2017-addon-sidebar__InboxSDK.html'),
      'https://mail.google.com/mail/u/0/#inbox',
    );
    expect(document.querySelector('div.bnl')).not.toBeNull();
    expect(readGmail(document, '#inbox').status).toBe('idle');
  });

  it('saved Gmail-composed body: div.gmail_quote is what the quote selectors find', () => {
    document.body.innerHTML = sharedFixture('webmail/gmail-body-reply__talon.html');
    expect(document.querySelector(GMAIL.quotes.join(', '))?.className).toBe('gmail_quote');
  });
});

describe('GMAIL selectors on our conversation test page', () => {
  beforeEach(() => {
    loadPage(
      testPage('gmail-thread.html'),
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmQvAcmeThread',
    );
    showGmailView('FMfcgzQXJWDsKmQvAcmeThread');
  });

  it('each selector matches what it names', () => {
    expect(document.querySelector(GMAIL.subject)?.textContent).toBe('Seats for Q3');
    expect(document.querySelectorAll(GMAIL.message)).toHaveLength(3);
    expect(document.querySelectorAll(`${GMAIL.collapsedMessage} ${GMAIL.message}`)).toHaveLength(2);
    expect(document.querySelectorAll(GMAIL.body)).toHaveLength(1);
    expect(document.querySelectorAll(GMAIL.sender)).toHaveLength(3);
  });
});

describe('threadIdFromHash', () => {
  it.each([
    ['#inbox/FMfcgzQXJWDsKmQvAcmeThread', 'FMfcgzQXJWDsKmQvAcmeThread'],
    ['#label/Clients/FMfcgzQXKQmnWbtbGlobex', 'FMfcgzQXKQmnWbtbGlobex'],
    ['#search/acme/FMfcgzQXKQmnWbtbGlobex', 'FMfcgzQXKQmnWbtbGlobex'],
    ['#inbox', undefined],
    ['#settings/general', undefined],
  ])('%s → %s', (hash, id) => expect(threadIdFromHash(hash)).toBe(id));
});
