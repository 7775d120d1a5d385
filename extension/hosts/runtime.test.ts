// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageContext } from '../page-context';
import { CRASH_PROBLEM, runAdapter } from './runtime';
import { setUrl } from './test-support';
import type { HostAdapter, Report } from './types';

let root: AbortController;
let sent: PageContext[];
beforeEach(() => {
  root = new AbortController();
  sent = [];
  setUrl('https://mail.google.com/mail/u/0/#inbox');
  document.body.innerHTML = '';
});
afterEach(() => root.abort());

const adapter = (init: (signal: AbortSignal, report: Report) => void): HostAdapter => ({
  host: 'gmail',
  matchPatterns: ['https://mail.google.com/*'],
  matches: () => true,
  init,
});
const run = (a: HostAdapter) =>
  runAdapter(a, { win: window, signal: root.signal, send: (c) => sent.push(c) });

describe('runAdapter', () => {
  it('an adapter that throws becomes an unreadable report; nothing reaches the page', () => {
    const onError = vi.fn();
    expect(() =>
      runAdapter(
        adapter(() => {
          throw new TypeError('Cannot read properties of null');
        }),
        { win: window, signal: root.signal, send: (c) => sent.push(c), onError },
      ),
    ).not.toThrow();
    expect(sent).toEqual([
      {
        host: 'gmail',
        url: 'https://mail.google.com/mail/u/0/#inbox',
        status: 'unreadable',
        problem: CRASH_PROBLEM,
      },
    ]);
    expect(onError).toHaveBeenCalled();
  });

  it('a send that throws or rejects is swallowed', async () => {
    const a = adapter((_s, report) => report({ status: 'idle' }));
    expect(() =>
      runAdapter(a, {
        win: window,
        signal: root.signal,
        send: () => {
          throw new Error('invalidated');
        },
      }),
    ).not.toThrow();
    expect(() =>
      runAdapter(a, { win: window, signal: root.signal, send: () => Promise.reject(new Error('x')) }),
    ).not.toThrow();
  });

  it('de-duplicates identical reports and clips over-long text to the schema limits', () => {
    run(
      adapter((_s, report) => {
        report({ status: 'ok', subject: 'x'.repeat(900), sender: { email: 'a@b.example', name: '' } });
        report({ status: 'ok', subject: 'x'.repeat(900), sender: { email: 'a@b.example', name: '' } });
      }),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0].subject).toHaveLength(500);
  });

  it('a report failing the schema is replaced by unreadable', () => {
    run(adapter((_s, report) => report({ status: 'ok', callState: 'exploded' as never })));
    expect(sent[0]).toMatchObject({ status: 'unreadable' });
  });

  it('navigation aborts the previous signal (its listeners are gone) and inits again', async () => {
    const signals: AbortSignal[] = [];
    const clicks = vi.fn();
    run(
      adapter((signal, report) => {
        signals.push(signal);
        document.addEventListener('leadline-test', clicks, { signal });
        report({ status: 'idle' });
      }),
    );
    location.hash = '#inbox/FMfcgzQXJWDsKmQvAcmeThread';
    await vi.waitFor(() => expect(signals).toHaveLength(2));
    expect(signals[0].aborted).toBe(true);
    expect(signals[1].aborted).toBe(false);
    document.dispatchEvent(new Event('leadline-test'));
    expect(clicks).toHaveBeenCalledTimes(1); // only the live page's listener
    expect(sent.at(-1)?.url).toContain('FMfcgzQXJWDsKmQvAcmeThread');
    root.abort();
    expect(signals[1].aborted).toBe(true);
  });

  it('a late report from before a navigation is dropped', async () => {
    let stale: Report | undefined;
    run(
      adapter((_s, report) => {
        stale ??= report;
      }),
    );
    location.hash = '#inbox/other1234567890abcdef';
    await vi.waitFor(() => expect(stale).toBeDefined());
    await new Promise((r) => setTimeout(r, 50));
    stale!({ status: 'ok', subject: 'old page' });
    expect(sent.find((c) => c.subject === 'old page')).toBeUndefined();
  });

  it('a tel: link click adds the number to the current reading (the click is not prevented)', () => {
    document.body.innerHTML = '<p>Call <a href="tel:+49%2030%201234567;ext=12"><b>+49 30 1234567</b></a></p>';
    run(adapter((_s, report) => report({ status: 'ok', subject: 'S' })));
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    document.querySelector('b')!.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    expect(sent.at(-1)).toMatchObject({ status: 'ok', subject: 'S', phone: '+49 30 1234567' });
  });

  it('a clicked tel: number survives a later re-read of the page without a number of its own', () => {
    document.body.innerHTML = '<p>Call <a href="tel:+14155550123">+1 (415) 555-0123</a></p>';
    let report: Report | undefined;
    run(
      adapter((_s, r) => {
        report = r;
      }),
    );
    document.querySelector('a')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    report!({ status: 'idle' }); // e.g. the adapter's first reading arriving after the click
    expect(sent.at(-1)).toMatchObject({ status: 'ok', phone: '+14155550123' });
    report!({ status: 'ok', phone: '+1 555 0100', callState: 'ringing' }); // the dialer's own number wins
    expect(sent.at(-1)).toMatchObject({ phone: '+1 555 0100' });
  });
});
