import { browser, type ContentScriptContext } from '#imports';
import { PAGE_CONTEXT_MESSAGE, type PageContext, type PageContextMessage } from '../page-context';
import { mountPanel } from './panel';
import { adapterFor } from './registry';
import { runAdapter } from './runtime';
import type { HostAdapter } from './types';

/**
 * The body of every host content script: pick the adapter for this URL, run it, send what it reads to the
 * background, mount the in-page panel. Any failure stays here: the host page is someone else's code.
 */
export function startHostContentScript(ctx: ContentScriptContext, adapters?: readonly HostAdapter[]): void {
  try {
    const adapter = adapterFor(location.href, adapters);
    if (!adapter) return;
    runAdapter(adapter, {
      win: window,
      signal: ctx.signal,
      send: (context: PageContext) => {
        if (ctx.isInvalid) return undefined; // the extension was reloaded or updated: stay quiet
        const message: PageContextMessage = { type: PAGE_CONTEXT_MESSAGE, context };
        return browser.runtime.sendMessage(message);
      },
      onError: import.meta.env.DEV ? (error) => console.debug('[leadline]', error) : undefined,
    });
    mountPanel(ctx).catch(() => {});
  } catch {
    // never into the host page
  }
}
