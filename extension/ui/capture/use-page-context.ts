import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { getPageContext, onPageContextChange, PAGE_CONTEXT_QUERY } from '../../background/page-contexts.ts';
import type { PageContext } from '../../page-context.ts';

/** In a host page's iframe (`sidebar.html`), or the browser's side panel (`sidepanel.html`). */
export const inPagePanel = (): boolean => {
  try {
    return window.top !== window.self;
  } catch {
    return true; // a cross-origin parent: we are framed
  }
};

type Tab = { id?: number; url?: string; active?: boolean; lastAccessed?: number };
const isWebTab = (t: Tab) => t.id !== undefined && /^https?:/.test(t.url ?? '');

/**
 * The tab whose page the side panel describes: the active tab of this window. When the sidebar page itself is
 * that tab (opened as a normal tab, e.g. in tests), the web tab used last in this window.
 */
async function describedTab(): Promise<number | undefined> {
  const tabs = (await browser.tabs.query({ currentWindow: true })) as Tab[];
  const active = tabs.find((t) => t.active);
  if (active && isWebTab(active)) return active.id;
  const own = browser.runtime.getURL('/');
  if (active && !(active.url ?? '').startsWith(own)) return undefined;
  return tabs.filter(isWebTab).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0]?.id;
}

/**
 * The latest context of the page this sidebar belongs to, live: the in-page iframe asks the background for its
 * own tab; the side panel follows the active tab. Contexts come from `storage.session`
 * (background/page-contexts.ts), so a new message, call or selection shows up without a reload.
 */
export function usePageContext(): PageContext | undefined {
  const [ctx, setCtx] = useState<{ tabId?: number; context?: PageContext }>({});
  useEffect(() => {
    let tabId: number | undefined;
    let alive = true;
    // Latest load wins. A load reads storage; a change that lands while it is in flight would otherwise be
    // overwritten by the load's older read (seen: a selection captured while the sidebar was coming to the
    // front never showed). Every change therefore starts a fresh load instead of using its own value.
    let latest = 0;
    const framed = inPagePanel();
    const load = async () => {
      const mine = ++latest;
      let next: { tabId?: number; context?: PageContext };
      if (framed) {
        const reply = (await browser.runtime
          .sendMessage({ type: PAGE_CONTEXT_QUERY })
          .catch(() => undefined)) as { tabId?: number; context?: PageContext } | undefined;
        next = { tabId: reply?.tabId, context: reply?.context };
      } else {
        const id = await describedTab().catch(() => undefined);
        const context = id === undefined ? undefined : await getPageContext(id).catch(() => undefined);
        next = { tabId: id, context };
      }
      if (!alive || mine !== latest) return;
      tabId = next.tabId;
      setCtx(next);
    };
    const reload = () => void load();
    reload();
    const offContext = onPageContextChange((changed) => {
      // While a load is in flight tabId may be about to change: reload on any change then too.
      if (changed === tabId || tabId === undefined) reload();
    });
    if (framed) {
      return () => {
        alive = false;
        offContext();
      };
    }
    const onUpdated = (id: number, info: { url?: string; status?: string }) => {
      if (id === tabId && (info.url || info.status === 'complete')) reload();
    };
    browser.tabs.onActivated.addListener(reload);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.windows?.onFocusChanged?.addListener(reload);
    return () => {
      alive = false;
      offContext();
      browser.tabs.onActivated.removeListener(reload);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.windows?.onFocusChanged?.removeListener(reload);
    };
  }, []);
  return ctx.context;
}
