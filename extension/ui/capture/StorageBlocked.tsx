import { useState } from 'preact/hooks';
import { browser } from '#imports';
import './capture.css';

/**
 * Resolves false when this document may not open IndexedDB. An extension page framed in a host page is a
 * third-party frame: a browser that blocks third-party cookies (Chromium's default, Chrome's for some users)
 * denies it storage ("The user denied permission to access the database"), so the in-page sidebar cannot
 * read the leads there.
 */
export function canOpenIndexedDb(): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const r = indexedDB.open('leadline-probe');
      r.onsuccess = () => {
        r.result.close();
        resolve(true);
      };
      r.onerror = () => resolve(false);
      r.onblocked = () => resolve(true);
    } catch {
      resolve(false);
    }
  });
}

/** The in-page panel where storage is blocked: say why and open the browser's side panel instead. */
export function StorageBlocked() {
  const [problem, setProblem] = useState('');
  async function openSidePanel() {
    try {
      const tab = await browser.tabs.getCurrent();
      // Called from the click: the side panel may only be opened in response to a user gesture.
      await browser.sidePanel.open(
        tab?.id !== undefined ? { tabId: tab.id } : { windowId: tab?.windowId ?? -2 },
      );
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <main class="app signed-out">
      <header class="topbar">
        <h1>Leadline</h1>
      </header>
      <div class="pad blocked-frame">
        <p role="alert">
          This browser blocks storage for embedded frames (third-party cookies are blocked), so Leadline
          cannot show your leads inside this page.
        </p>
        <p class="small muted">
          Open Leadline in the side panel (Alt+Shift+L) — it shows this page’s sender or number the same way —
          or allow third-party cookies for this site.
        </p>
        <button type="button" class="primary" onClick={openSidePanel}>
          Open the side panel
        </button>
        {problem && <p class="small error">{problem}</p>}
      </div>
    </main>
  );
}
