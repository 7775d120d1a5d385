// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CRASH_PROBLEM, watchPage } from './dom';
import type { Reading } from './types';

let page: AbortController;
beforeEach(() => {
  page = new AbortController();
  document.body.innerHTML = '<p id="who">jane@acme.example</p>';
});
afterEach(() => page.abort());

describe('watchPage', () => {
  it('reads at once and again after the DOM changes', async () => {
    const seen: Reading[] = [];
    const read = (): Reading => ({
      status: 'ok',
      subject: document.getElementById('who')?.textContent ?? '',
    });
    watchPage(window, page.signal, (r) => seen.push(r), read, { graceMs: 0, quietMs: 10 });
    expect(seen).toEqual([{ status: 'ok', subject: 'jane@acme.example' }]);
    document.getElementById('who')!.textContent = 'bob@globex.example';
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ status: 'ok', subject: 'bob@globex.example' }));
  });

  it('a reader that throws on a later re-read (markup changed under it) reports unreadable, never throws', async () => {
    const seen: Reading[] = [];
    const read = (): Reading => {
      const who = document.getElementById('who');
      if (!who) throw new TypeError("Cannot read properties of null (reading 'textContent')");
      return { status: 'ok', subject: who.textContent ?? '' };
    };
    const uncaught = vi.fn();
    window.addEventListener('error', uncaught);
    watchPage(window, page.signal, (r) => seen.push(r), read, { graceMs: 0, quietMs: 10 });
    document.body.innerHTML = '<p id="renamed">jane@acme.example</p>';
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ status: 'unreadable', problem: CRASH_PROBLEM }));
    expect(uncaught).not.toHaveBeenCalled();
    window.removeEventListener('error', uncaught);
  });

  it('stops reading once its signal aborts', async () => {
    const read = vi.fn((): Reading => ({ status: 'idle' }));
    const seen: Reading[] = [];
    watchPage(window, page.signal, (r) => seen.push(r), read, { graceMs: 0, quietMs: 10, onInput: true });
    page.abort();
    document.body.innerHTML = '<p>changed</p>';
    document.body.dispatchEvent(new Event('input', { bubbles: true }));
    // A second watcher on the same document proves the mutation was delivered; the aborted one stayed quiet.
    const witness = new AbortController();
    const witnessed: Reading[] = [];
    watchPage(
      window,
      witness.signal,
      (r) => witnessed.push(r),
      () => ({ status: 'idle' }),
      {
        graceMs: 0,
        quietMs: 10,
      },
    );
    document.body.innerHTML = '<p>changed again</p>';
    await vi.waitFor(() => expect(witnessed.length).toBeGreaterThan(1));
    witness.abort();
    expect(read).toHaveBeenCalledTimes(1);
  });
});
