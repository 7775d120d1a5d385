import { browser, type ContentScriptContext, createShadowRootUi } from '#imports';

/** The extension page shown in the in-page panel (provided by the sidebar entrypoint). */
export const SIDEBAR_PAGE = '/sidebar.html';
export const PANEL_TAG = 'leadline-panel';

/**
 * A toggle button in a shadow root, fixed at the page's bottom right, that opens an iframe of the extension's
 * sidebar page. Lead data lives only inside that extension-origin iframe (invariant 5): the host page sees a
 * button and an iframe whose content it cannot read. The shadow root (WXT resets `:host` with `all: initial`)
 * keeps the host's CSS out and ours in; nothing is added to the page's own styles.
 */
const CSS = `
  .root { position: fixed; right: 16px; bottom: 16px; z-index: 2147483646; display: flex; flex-direction: column;
    align-items: flex-end; gap: 8px; font: 13px/1.3 system-ui, sans-serif; }
  button { all: unset; cursor: pointer; background: #1f6feb; color: #fff; border-radius: 18px; padding: 8px 14px;
    box-shadow: 0 2px 8px rgb(0 0 0 / 25%); }
  button:focus-visible { outline: 2px solid #fff; outline-offset: -4px; }
  iframe { width: 360px; height: min(600px, calc(100vh - 80px)); border: 0; border-radius: 8px; background: #fff;
    box-shadow: 0 4px 24px rgb(0 0 0 / 30%); }
  iframe[hidden] { display: none; }
`;

export async function mountPanel(ctx: ContentScriptContext): Promise<void> {
  const ui = await createShadowRootUi(ctx, {
    name: PANEL_TAG,
    position: 'inline',
    anchor: 'body',
    append: 'last',
    css: CSS,
    isolateEvents: true,
    onMount(container) {
      const root = document.createElement('div');
      root.className = 'root';
      const frame = document.createElement('iframe');
      frame.title = 'Leadline';
      frame.hidden = true;
      // Loaded on first open only: no extension page runs in tabs where the panel is never used.
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Leadline';
      button.setAttribute('aria-expanded', 'false');
      button.setAttribute('aria-label', 'Toggle the Leadline sidebar');
      button.addEventListener('click', () => {
        if (!frame.src)
          frame.src = browser.runtime.getURL(SIDEBAR_PAGE as Parameters<typeof browser.runtime.getURL>[0]);
        frame.hidden = !frame.hidden;
        button.setAttribute('aria-expanded', String(!frame.hidden));
      });
      root.append(frame, button);
      container.append(root);
      return root;
    },
    onRemove(root) {
      root?.remove();
    },
  });
  ui.mount();
}
