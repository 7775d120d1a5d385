// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageContext } from '../../page-context';
import { runAdapter } from '../runtime';
import { breakMarkup, loadPage, settle, showGmailView, testPage } from '../test-support';
import { createGmailAdapter, readGmail } from './gmail';

const ACME = 'FMfcgzQXJWDsKmQvAcmeThread';
const GLOBEX = 'FMfcgzQXKQmnWbtbGlobexThread';

function open(view: string) {
  loadPage(testPage('gmail-thread.html'), `https://mail.google.com/mail/u/0/#inbox/${view}`);
  showGmailView(view);
}

describe('readGmail', () => {
  beforeEach(() => open(ACME));

  it('reads the open (last expanded) message: sender, subject, signature without the quoted reply', () => {
    const reading = readGmail(document, location.hash);
    expect(reading).toMatchObject({
      status: 'ok',
      sender: { name: 'Jane Doe', email: 'jane.doe@acme-industrial.example' },
      subject: 'Seats for Q3',
    });
    expect(reading.signatureText).toBe(
      'Best regards,\nJane Doe\nHead of Procurement | Acme Industrial GmbH\nTel. +49 30 1234567 · Mobil +49 171 2345678\nacme-industrial.example',
    );
    expect(reading.signatureText).not.toContain('415'); // the rep's own quoted signature
  });

  it('with collapsed messages only above, skips them; an older message expanded by the user is not "open"', () => {
    // Expand the first message too (user clicked it): the last expanded one is still the open one.
    const first = document.querySelector('.kv')!;
    first.classList.replace('kv', 'h7');
    first.querySelector('.adn')!.insertAdjacentHTML('beforeend', '<div class="a3s">Hi Jane<br>Rep</div>');
    expect(readGmail(document, location.hash).sender?.email).toBe('jane.doe@acme-industrial.example');
  });

  it('reading-pane layout (list and conversation side by side) reads the conversation', () => {
    const list = (document.getElementById('view-inbox') as HTMLTemplateElement).content.cloneNode(true);
    document.getElementById('main')!.prepend(list);
    expect(readGmail(document, location.hash)).toMatchObject({ status: 'ok', subject: 'Seats for Q3' });
  });

  it('a conversation Gmail keeps in the DOM but hides is ignored', () => {
    const hidden = document.createElement('div');
    hidden.style.display = 'none';
    hidden.innerHTML =
      '<h2 class="hP">Old</h2><div class="adn"><span class="gD" email="old@x.example">Old</span><div class="a3s">x</div></div>';
    document.body.prepend(hidden);
    expect(readGmail(document, location.hash).subject).toBe('Seats for Q3');
  });

  it('the thread list is idle; a CJK signature element is read as written', () => {
    showGmailView('inbox');
    expect(readGmail(document, '#inbox')).toEqual({ status: 'idle' });
    showGmailView(GLOBEX);
    expect(readGmail(document, `#inbox/${GLOBEX}`)).toMatchObject({
      status: 'ok',
      sender: { name: 'Li Wei', email: 'li.wei@globex.example' },
      signatureText: '--\n李伟 Li Wei\n采购经理\n环球贸易有限公司\n电话：010-12345678\n手机：138 0013 8000',
    });
  });

  it('markup changed (classes renamed): unreadable with a sentence, no throw', () => {
    breakMarkup({ 'class="gD"': 'class="gD9"' });
    expect(readGmail(document, location.hash)).toMatchObject({
      status: 'unreadable',
      subject: 'Seats for Q3',
    });
    breakMarkup({ 'class="hP"': 'class="hP9"', 'class="a3s aiL"': 'class="b4t"' });
    const reading = readGmail(document, location.hash);
    expect(reading.status).toBe('unreadable');
    expect(reading.problem).toMatch(/Capture manually/);
  });
});

describe('gmail adapter under the runtime', () => {
  let root: AbortController;
  let sent: PageContext[];
  beforeEach(() => {
    root = new AbortController();
    sent = [];
  });
  afterEach(() => root.abort());

  const run = (graceMs = 0) =>
    runAdapter(createGmailAdapter({ graceMs }), {
      win: window,
      signal: root.signal,
      send: (c) => sent.push(c),
    });

  it('follows in-app navigation and re-renders, reporting only changes', async () => {
    open(ACME);
    run();
    expect(sent.at(-1)).toMatchObject({ host: 'gmail', status: 'ok', sender: { name: 'Jane Doe' } });
    expect(sent.at(-1)?.url).toContain(ACME);

    location.hash = `#inbox/${GLOBEX}`;
    showGmailView(GLOBEX); // Gmail re-renders after the hash change
    await vi.waitFor(() => expect(sent.at(-1)).toMatchObject({ sender: { name: 'Li Wei' } }));

    const count = sent.length;
    showGmailView(GLOBEX); // same content re-rendered: nothing new to say
    await settle();
    expect(sent).toHaveLength(count);

    location.hash = '#inbox';
    showGmailView('inbox');
    await vi.waitFor(() =>
      expect(sent.at(-1)).toMatchObject({ status: 'idle', url: expect.stringMatching(/#inbox$/) }),
    );
  });

  it('holds "unreadable" for the grace period while Gmail is still rendering', async () => {
    loadPage(testPage('gmail-thread.html'), `https://mail.google.com/mail/u/0/#inbox/${ACME}`);
    run(300); // the thread is expected by the hash but not rendered yet
    expect(sent).toEqual([]);
    showGmailView(ACME);
    await vi.waitFor(() => expect(sent.at(-1)?.status).toBe('ok'));
    expect(sent.some((c) => c.status === 'unreadable')).toBe(false);
  });

  it('reports unreadable when the markup no longer matches, after the grace period', async () => {
    open(ACME);
    breakMarkup({ 'class="hP"': 'class="x1"', 'class="adn ads"': 'class="x2"' });
    run(50);
    await vi.waitFor(() => expect(sent.at(-1)?.status).toBe('unreadable'));
  });

  it('aborting the content script disconnects every observer and listener', async () => {
    open(ACME);
    run();
    const count = sent.length;
    root.abort();
    location.hash = `#inbox/${GLOBEX}`;
    showGmailView(GLOBEX);
    await settle();
    expect(sent).toHaveLength(count);
  });
});
