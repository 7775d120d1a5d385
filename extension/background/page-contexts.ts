import { browser } from '#imports';
import { PAGE_CONTEXT_MESSAGE, type PageContext, PageContextSchema } from '../page-context';

/**
 * The latest page context per tab, kept in `storage.session` (survives service-worker restarts, gone when the
 * browser closes, readable by extension pages only — not by content scripts or host pages). Content scripts
 * send `{ type: 'leadline/page-context', context }`; the sidebar reads `getPageContext(tabId)` and subscribes
 * with `onPageContextChange`. An iframe of the sidebar inside a host page asks for its own tab with
 * `{ type: 'leadline/get-page-context' }` (answered `{ tabId, context }`).
 */
export const PAGE_CONTEXT_QUERY = 'leadline/get-page-context';
const KEY_PREFIX = 'pageContext:';
export const pageContextKey = (tabId: number) => `${KEY_PREFIX}${tabId}`;

type Sender = { id?: string; tab?: { id?: number; url?: string }; frameId?: number; url?: string };

export async function setPageContext(tabId: number, context: PageContext): Promise<void> {
  await browser.storage.session.set({ [pageContextKey(tabId)]: context });
}

export async function clearPageContext(tabId: number): Promise<void> {
  await browser.storage.session.remove(pageContextKey(tabId));
}

/**
 * The tab's context, or undefined when there is none or it is stale: a context is only returned while the
 * tab still shows the same origin (the content script of a page the tab has left cannot retract its report).
 */
export async function getPageContext(tabId: number): Promise<PageContext | undefined> {
  const key = pageContextKey(tabId);
  const stored = (await browser.storage.session.get(key))[key];
  const parsed = PageContextSchema.safeParse(stored);
  if (!parsed.success) return undefined;
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab) return undefined;
  // tab.url is visible for hosts we hold permissions for (and activeTab grants); otherwise the tab has left.
  if (!tab.url || !sameOrigin(tab.url, parsed.data.url)) return undefined;
  return parsed.data;
}

/** Calls `listener(tabId, context)` whenever a tab's context is set or cleared; returns an unsubscribe. */
export function onPageContextChange(
  listener: (tabId: number, context: PageContext | undefined) => void,
): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'session') return;
    for (const [key, change] of Object.entries(changes)) {
      if (!key.startsWith(KEY_PREFIX)) continue;
      const tabId = Number(key.slice(KEY_PREFIX.length));
      const parsed = PageContextSchema.safeParse(change.newValue);
      listener(tabId, parsed.success ? parsed.data : undefined);
    }
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

/** Validates a content script's message; `undefined` when it is not one or does not hold. */
export function pageContextFrom(
  message: unknown,
  sender: Sender,
): { tabId: number; context: PageContext } | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, context } = message as { type?: unknown; context?: unknown };
  if (type !== PAGE_CONTEXT_MESSAGE) return undefined;
  // Only our own content scripts, in a tab's top frame (runtime messages cannot come from other extensions
  // without `externally_connectable`, but the check is cheap and documents the assumption).
  if (sender.id !== browser.runtime.id || sender.tab?.id === undefined || (sender.frameId ?? 0) !== 0) {
    return undefined;
  }
  const parsed = PageContextSchema.safeParse(context);
  if (!parsed.success) return undefined;
  // A content script reports about its own page: the context's origin must be the sender's.
  const senderUrl = sender.url ?? sender.tab.url;
  if (senderUrl && !sameOrigin(senderUrl, parsed.data.url)) return undefined;
  return { tabId: sender.tab.id, context: parsed.data };
}

/**
 * Call once, synchronously, when the background starts. Stores valid contexts, answers the in-page sidebar's
 * query, and forgets a tab's context when the tab closes. Returns a function that removes the listeners.
 */
export function listenForPageContexts(): () => void {
  // `sendResponse` + `return true` (not a returned promise): `browser` is Chrome's own API, no polyfill.
  const onMessage = (message: unknown, sender: Sender, sendResponse: (response?: unknown) => void) => {
    const query = message as { type?: unknown } | null;
    if (query?.type === PAGE_CONTEXT_QUERY) {
      const tabId = sender.tab?.id;
      const fromExtensionPage = sender.url?.startsWith(browser.runtime.getURL('/'));
      if (tabId === undefined || !fromExtensionPage) return false;
      getPageContext(tabId).then(
        (context) => sendResponse({ tabId, context }),
        () => sendResponse({ tabId, context: undefined }),
      );
      return true;
    }
    const received = pageContextFrom(message, sender);
    if (!received) return false;
    setPageContext(received.tabId, received.context).then(
      () => sendResponse({ ok: true }),
      () => sendResponse({ ok: false }),
    );
    return true;
  };
  const onRemoved = (tabId: number) => {
    clearPageContext(tabId).catch(() => {});
  };
  browser.runtime.onMessage.addListener(onMessage);
  browser.tabs.onRemoved.addListener(onRemoved);
  return () => {
    browser.runtime.onMessage.removeListener(onMessage);
    browser.tabs.onRemoved.removeListener(onRemoved);
  };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
