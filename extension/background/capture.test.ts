// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';

import type { PageContext } from '../page-context';
import { contextFromPageRead, numberFromTelLink, readPageInTab } from './capture';

const URL_ = 'https://crm.example/contacts/7';

describe('numberFromTelLink', () => {
  it.each([
    ['tel:+49%2030%201234567', '+49 30 1234567'],
    ['TEL:+14155550134;ext=22', '+14155550134'],
    ['mailto:a@b.example', undefined],
    ['tel:', undefined],
    [undefined, undefined],
  ])('%s → %s', (link, number) => expect(numberFromTelLink(link)).toBe(number));
});

describe('contextFromPageRead', () => {
  it('a selection wins and keeps its line breaks', () => {
    expect(
      contextFromPageRead(
        { selection: 'Jo Bloggs\nTel +44 20 7946 0018', telLinks: ['+1'], text: '' },
        URL_,
        undefined,
      ),
    ).toEqual({
      host: 'page',
      url: URL_,
      status: 'ok',
      selection: 'Jo Bloggs\nTel +44 20 7946 0018',
    });
  });

  it('no selection: the one number on the page, else the numbers found one per line, else idle with a reason', () => {
    expect(
      contextFromPageRead({ selection: '', telLinks: ['+44 20 7946 0018'], text: '' }, URL_, undefined).phone,
    ).toBe('+44 20 7946 0018');
    const many = contextFromPageRead(
      {
        selection: '',
        telLinks: [],
        text: 'Office +44 20 7946 0018, mobile +49 171 2345678, order 2024-03-12',
      },
      URL_,
      undefined,
    );
    expect(many.selection).toBe('+44 20 7946 0018\n+49 171 2345678');
    const none = contextFromPageRead(
      { selection: '', telLinks: [], text: 'No numbers here' },
      URL_,
      undefined,
    );
    expect(none).toMatchObject({ status: 'idle', problem: expect.stringMatching(/select the contact text/) });
  });

  it('on a supported host, keeps what the adapter read and adds the selection', () => {
    const base: PageContext = { host: 'gmail', url: URL_, status: 'ok', sender: { email: 'a@b.example' } };
    expect(contextFromPageRead({ selection: 'x', telLinks: [], text: '' }, URL_, base)).toEqual({
      ...base,
      selection: 'x',
    });
  });
});

describe('readPageInTab (runs in the page)', () => {
  it('returns the selection with line breaks, tel: links, and no page text when something is selected', () => {
    document.body.innerHTML =
      '<p id="a">Jo Bloggs</p><p>Tel +44 20 7946 0018</p><a href="tel:+442079460018">call</a>';
    const range = document.createRange();
    range.selectNodeContents(document.body.firstChild!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    const read = readPageInTab(1000);
    expect(read.selection).toBe('Jo Bloggs');
    expect(read.telLinks).toEqual(['+442079460018']);
    expect(read.text).toBe('');
  });
});
