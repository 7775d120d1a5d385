import { browser } from '#imports';
import type { Region } from '../../shared/contact/phone';
import type { PageContext } from '../page-context';
import { contextFromPageRead, numberFromTelLink, type PageRead, readPageInTab } from './capture';
import { getPageContext, setPageContext } from './page-contexts';

export { contextFromPageRead, numberFromTelLink, readPageInTab };

/**
 * "Capture selection as lead" on any page, without a content script there: the context-menu click and the
 * keyboard shortcut are user gestures that grant `activeTab`, so the background reads the selection with
 * `scripting.executeScript` only in the tab and at the moment the user asks (no `<all_urls>` permission, no
 * script in pages the user never captures from). A `tel:` link gets its own item ("Capture this number"),
 * read from the menu event itself. The result is stored as the tab's page context (`selection` or `phone`)
 * and the side panel opens on it; the extension side parses it into a lead draft.
 */
export const CAPTURE_SELECTION_MENU = 'leadline-capture-selection';
export const CAPTURE_NUMBER_MENU = 'leadline-capture-number';
/** `commands` key in the manifest (wxt.config.ts). */
export const CAPTURE_COMMAND = 'capture-selection';
export const MAX_PAGE_TEXT = 20_000;

type Tab = { id?: number; url?: string; windowId?: number };
type MenuInfo = { menuItemId: string | number; selectionText?: string; linkUrl?: string; frameId?: number };

export interface CaptureMenuOptions {
  /** The team's default region, for numbers on a page written without a country code. */
  defaultRegion?: () => Promise<Region | undefined> | Region | undefined;
  /** Open the side panel on the captured context (default true). */
  openSidePanel?: boolean;
}

export function setupCaptureMenu(options: CaptureMenuOptions = {}): () => void {
  const openPanel = (tab: Tab | undefined) => {
    if (options.openSidePanel === false || tab?.id === undefined) return;
    // Must run before any await: the user gesture is lost after one.
    browser.sidePanel?.open?.({ tabId: tab.id })?.catch?.(() => {});
  };

  const store = async (tab: Tab, context: PageContext) => {
    if (tab.id === undefined) return;
    await setPageContext(tab.id, context);
  };

  const baseFor = async (tab: Tab, url: string) => {
    const existing = tab.id === undefined ? undefined : await getPageContext(tab.id).catch(() => undefined);
    return existing && existing.url === url ? existing : undefined;
  };

  const readPage = async (tab: Tab, frameId?: number): Promise<PageRead | undefined> => {
    if (tab.id === undefined) return undefined;
    try {
      const results = await browser.scripting.executeScript({
        target: frameId ? { tabId: tab.id, frameIds: [frameId] } : { tabId: tab.id },
        func: readPageInTab,
        args: [MAX_PAGE_TEXT],
      });
      return results?.[0]?.result as PageRead | undefined;
    } catch {
      return undefined; // chrome:// pages, the Web Store, PDFs: fall back to what the menu event carries
    }
  };

  const onInstalled = () => {
    browser.contextMenus.removeAll(() => {
      browser.contextMenus.create({
        id: CAPTURE_SELECTION_MENU,
        title: 'Capture selection as lead',
        contexts: ['selection'],
      });
      browser.contextMenus.create({
        id: CAPTURE_NUMBER_MENU,
        title: 'Capture this number as lead',
        contexts: ['link'],
        targetUrlPatterns: ['tel:*'],
      });
    });
  };

  const onClicked = (info: MenuInfo, tab?: Tab) => {
    if (info.menuItemId !== CAPTURE_SELECTION_MENU && info.menuItemId !== CAPTURE_NUMBER_MENU) return;
    if (!tab) return;
    openPanel(tab);
    void (async () => {
      if (info.menuItemId === CAPTURE_NUMBER_MENU) {
        const url = tab.url ?? '';
        const base = await baseFor(tab, url);
        const phone = numberFromTelLink(info.linkUrl);
        if (phone) await store(tab, { ...base, host: base?.host ?? 'page', url, status: 'ok', phone });
        return;
      }
      // The menu's selectionText loses line breaks; the page's own selection keeps them.
      const read = (await readPage(tab, info.frameId)) ?? { selection: '', telLinks: [], text: '' };
      const url = tab.url ?? read.url ?? '';
      const base = await baseFor(tab, url);
      const selection = read.selection.trim() ? read.selection : (info.selectionText ?? '');
      await store(tab, contextFromPageRead({ ...read, selection }, url, base));
    })().catch(() => {});
  };

  const onCommand = (command: string, tab?: Tab) => {
    if (command !== CAPTURE_COMMAND || !tab) return;
    openPanel(tab);
    void (async () => {
      const read = await readPage(tab);
      if (!read) return;
      const url = read.url ?? tab.url ?? '';
      const region = await options.defaultRegion?.();
      await store(tab, contextFromPageRead(read, url, await baseFor(tab, url), region));
    })().catch(() => {});
  };

  browser.runtime.onInstalled.addListener(onInstalled);
  browser.contextMenus.onClicked.addListener(onClicked);
  browser.commands.onCommand.addListener(onCommand);
  return () => {
    browser.runtime.onInstalled.removeListener(onInstalled);
    browser.contextMenus.onClicked.removeListener(onClicked);
    browser.commands.onCommand.removeListener(onCommand);
  };
}
