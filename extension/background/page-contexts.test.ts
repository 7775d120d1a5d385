import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('#imports', async () => ({ browser: (await import('wxt/testing')).fakeBrowser }));

import { fakeBrowser } from 'wxt/testing';
import { browser } from '#imports';
import { PAGE_CONTEXT_MESSAGE, type PageContext } from '../page-context';
import {
  getPageContext,
  listenForPageContexts,
  onPageContextChange,
  PAGE_CONTEXT_QUERY,
  pageContextKey,
} from './page-contexts';

const GMAIL_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmQv';
const context: PageContext = {
  host: 'gmail',
  url: GMAIL_URL,
  status: 'ok',
  sender: { name: 'Jane Doe', email: 'jane@acme.example' },
};

let tabId: number;
let stop: () => void;
beforeEach(async () => {
  fakeBrowser.reset();
  tabId = (await browser.tabs.create({ url: GMAIL_URL })).id!;
  stop = listenForPageContexts();
});
afterEach(() => stop());

/** Delivers a runtime message as Chrome would, resolving with the listener's `sendResponse` value. */
function deliver(message: unknown, sender: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve) => {
    const listeners = fakeBrowser.runtime.onMessage as unknown as {
      trigger(...a: unknown[]): Promise<unknown[]>;
    };
    void listeners.trigger(message, sender, resolve).then((results) => {
      if (!results.some((r) => r === true)) resolve(undefined);
    });
  });
}
const fromContentScript = (url = GMAIL_URL) => ({
  id: browser.runtime.id,
  tab: { id: tabId, url },
  frameId: 0,
  url,
});

describe('listenForPageContexts', () => {
  it('stores a valid context per tab in storage.session and reads it back', async () => {
    expect(await deliver({ type: PAGE_CONTEXT_MESSAGE, context }, fromContentScript())).toEqual({ ok: true });
    expect((await browser.storage.session.get(pageContextKey(tabId)))[pageContextKey(tabId)]).toEqual(
      context,
    );
    expect(await getPageContext(tabId)).toEqual(context);
  });

  it.each([
    [
      'not matching the schema',
      { type: PAGE_CONTEXT_MESSAGE, context: { ...context, status: 'great' } },
      fromContentScript(),
    ],
    [
      'HTML where an email belongs is still just a string, but a wrong type is refused',
      { type: PAGE_CONTEXT_MESSAGE, context: { ...context, sender: { email: 42 } } },
      fromContentScript(),
    ],
    [
      'from another extension',
      { type: PAGE_CONTEXT_MESSAGE, context },
      { ...fromContentScript(), id: 'other' },
    ],
    ['from a sub-frame', { type: PAGE_CONTEXT_MESSAGE, context }, { ...fromContentScript(), frameId: 3 }],
    [
      'about another origin than the sender',
      { type: PAGE_CONTEXT_MESSAGE, context },
      fromContentScript('https://evil.example/'),
    ],
    ['without a tab', { type: PAGE_CONTEXT_MESSAGE, context }, { id: browser.runtime.id }],
  ])('refuses a message %s', async (_why, message, sender) => {
    expect(await deliver(message, sender)).toBeUndefined();
    expect(await getPageContext(tabId)).toBeUndefined();
  });

  it('a context is stale once the tab shows another origin, and gone when the tab closes', async () => {
    await deliver({ type: PAGE_CONTEXT_MESSAGE, context }, fromContentScript());
    await browser.tabs.update(tabId, { url: 'https://example.com/' });
    expect(await getPageContext(tabId)).toBeUndefined();
    await browser.tabs.update(tabId, { url: GMAIL_URL });
    expect(await getPageContext(tabId)).toEqual(context);
    await fakeBrowser.tabs.onRemoved.trigger(tabId, { isWindowClosing: false, windowId: 0 });
    await vi.waitFor(async () =>
      expect(
        (await browser.storage.session.get(pageContextKey(tabId)))[pageContextKey(tabId)],
      ).toBeUndefined(),
    );
  });

  it('notifies subscribers, and answers the in-page sidebar about its own tab only', async () => {
    const seen: Array<[number, PageContext | undefined]> = [];
    const unsubscribe = onPageContextChange((id, c) => seen.push([id, c]));
    await deliver({ type: PAGE_CONTEXT_MESSAGE, context }, fromContentScript());
    expect(seen).toEqual([[tabId, context]]);
    unsubscribe();

    const sidebarFrame = {
      id: browser.runtime.id,
      tab: { id: tabId },
      url: browser.runtime.getURL('/sidebar.html'),
    };
    expect(await deliver({ type: PAGE_CONTEXT_QUERY }, sidebarFrame)).toEqual({ tabId, context });
    expect(await deliver({ type: PAGE_CONTEXT_QUERY }, fromContentScript())).toBeUndefined();
  });
});
