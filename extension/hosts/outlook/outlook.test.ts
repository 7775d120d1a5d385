// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { breakMarkup, loadPage, sharedFixture, testPage } from '../test-support';
import { createOutlookAdapter, messageOpenInPath, readOutlook } from './outlook';
import { OUTLOOK } from './selectors';

const URL_OPEN = 'https://outlook.office.com/mail/inbox/id/AAQkADExample';
const load = () => loadPage(testPage('outlook-reading-pane.html'), URL_OPEN);

describe('OUTLOOK selectors on our reading-pane test page', () => {
  it('each selector matches what it names', () => {
    load();
    expect(document.querySelector(OUTLOOK.readingPane[0])).not.toBeNull();
    expect(document.querySelectorAll(OUTLOOK.body)).toHaveLength(1);
    expect(document.querySelectorAll(OUTLOOK.message[0])).toHaveLength(2);
    expect(document.querySelectorAll(OUTLOOK.sender.join(', '))).toHaveLength(2);
    expect(document.querySelector(OUTLOOK.quotes[0])?.id).toBe('x_divRplyFwdMsg');
  });

  it('the saved Word-HTML reply gets x_ classes in OWA; the body selector finds it', () => {
    const saved = sharedFixture('webmail/outlook2010-body-reply__talon.html');
    document.body.innerHTML = `<div aria-label="Message body">${saved.match(/<body[^>]*>([\s\S]*)<\/body>/)![1]}</div>`;
    expect(document.querySelector(OUTLOOK.body)?.querySelector('.MsoNormal')).not.toBeNull();
  });
});

describe('readOutlook', () => {
  it('reads the last expanded message: persona, subject, signature without banner or quoted reply', () => {
    load();
    const reading = readOutlook(document, location.pathname);
    expect(reading).toMatchObject({
      status: 'ok',
      sender: { name: 'Bernd Müller', email: 'bernd.mueller@beispiel-gmbh.example' },
      subject: 'Angebot Lizenzen',
    });
    expect(reading.signatureText).toBe(
      'Mit freundlichen Grüßen\nBernd Müller\nLeiter Einkauf\nBeispiel GmbH\nTel.: +49 (0)89 12345-678\nFax: +49 (0)89 12345-679',
    );
  });

  it('idle without an open message; unreadable when the persona or body markup changed', () => {
    loadPage('<div role="navigation"></div>', 'https://outlook.live.com/mail/0/inbox');
    expect(readOutlook(document, location.pathname)).toEqual({ status: 'idle' });
    load();
    breakMarkup({ SenderPersona: 'Persona2' });
    expect(readOutlook(document, location.pathname)).toMatchObject({
      status: 'unreadable',
      subject: 'Angebot Lizenzen',
    });
    load();
    breakMarkup({ 'aria-label="Message body"': 'aria-label="Nachrichtentext"' });
    expect(readOutlook(document, location.pathname).status).toBe('unreadable');
  });

  it.each([
    ['/mail/inbox/id/AAQkADExample', true],
    ['/mail/0/id/AAQk', true],
    ['/mail/deeplink/read/AAMk', true],
    ['/mail/inbox', false],
    ['/calendar/view/week', false],
  ])('message open in %s: %s', (path, open) => expect(messageOpenInPath(path)).toBe(open));

  it('matches all three Outlook hosts only', () => {
    const adapter = createOutlookAdapter();
    for (const host of ['outlook.office.com', 'outlook.live.com', 'outlook.office365.com']) {
      expect(adapter.matches(new URL(`https://${host}/mail/`))).toBe(true);
    }
    expect(adapter.matches(new URL('https://outlook.example.com/mail/'))).toBe(false);
  });
});
