// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { GMAIL } from './gmail/selectors';
import { OUTLOOK } from './outlook/selectors';
import { extractSignature, lastSignatureBlock } from './signature';
import { sharedFixture } from './test-support';

const element = (markup: string) => {
  const div = document.createElement('div');
  div.innerHTML = markup;
  return div;
};
const gmailOptions = { quoteSelectors: GMAIL.quotes, signatureSelectors: GMAIL.signature };
const outlookOptions = {
  quoteSelectors: OUTLOOK.quotes,
  bannerSelectors: OUTLOOK.banners,
  signatureSelectors: OUTLOOK.signature,
};

/** OWA serves a mail's own classes and ids with an `x_` prefix. */
const owaPrefixed = (markup: string) =>
  markup
    .replace(
      /class="([^"]+)"/g,
      (_, names: string) =>
        `class="${names
          .split(/\s+/)
          .map((n) => `x_${n}`)
          .join(' ')}"`,
    )
    .replace(/id="([^"]+)"/g, 'id="x_$1"');

describe('extractSignature', () => {
  it('Gmail reply (saved): keeps the sign-off block and cuts div.gmail_quote', () => {
    const body = element(sharedFixture('webmail/gmail-body-reply__talon.html'));
    const text = extractSignature(body, gmailOptions);
    expect(text).toBe('Thanks,\nAlex');
    expect(body.querySelector('.gmail_quote')).not.toBeNull(); // the page's DOM is untouched
  });

  it('Outlook 2010 Word-HTML reply (saved), as OWA shows it: cuts at "From: … Sent:"', () => {
    const saved = sharedFixture('webmail/outlook2010-body-reply__talon.html');
    const body = element(owaPrefixed(saved.match(/<body[^>]*>([\s\S]*)<\/body>/)![1]));
    const text = extractSignature(body, outlookOptions);
    expect(text).toBe('Thanks,\nAlex');
    expect(text).not.toMatch(/Hello|foo@bar/);
  });

  it('removes an inserted external-sender banner but not a wrapper holding the message', () => {
    const body = element(
      '<div><div style="background:#fc0">[EXTERNAL] This email originated from outside the organization.</div>' +
        '<div>Hello,</div><div>Regards,</div><div>Ana Silva</div><div>+351 21 123 4567</div></div>',
    );
    expect(extractSignature(body, outlookOptions)).toBe('Regards,\nAna Silva\n+351 21 123 4567');
  });

  it('prefers the signature element the mail client wrote', () => {
    const body = element('Hi<br><div class="gmail_signature">--<br>Li Wei<br>电话：010-12345678</div>');
    expect(extractSignature(body, gmailOptions)).toBe('--\nLi Wei\n电话：010-12345678');
  });
});

describe('lastSignatureBlock', () => {
  it('starts after a "-- " delimiter', () => {
    expect(lastSignatureBlock('Hi there\n-- \nJo Bloggs\nAcme')).toBe('Jo Bloggs\nAcme');
  });
  it('without sign-off: the last paragraph with contact details and its short header', () => {
    const text =
      'Please find the offer attached. Call me anytime.\n\nJo Bloggs\nSales Director\n\nTel +44 20 7946 0018\njo@acme.example';
    expect(lastSignatureBlock(text)).toBe(
      'Jo Bloggs\nSales Director\n\nTel +44 20 7946 0018\njo@acme.example',
    );
  });
  it('cuts plain-text quotes ("On … wrote:", "-----Original Message-----", "> ")', () => {
    expect(lastSignatureBlock('Ok\nCheers,\nBo\nOn Mon, Jan 1 Al <a@b.c> wrote:\n> Thanks,\n> Al')).toBe(
      'Cheers,\nBo',
    );
    expect(lastSignatureBlock('Ok\nBest,\nBo\n-----Original Message-----\nBest,\nAl')).toBe('Best,\nBo');
  });
});
