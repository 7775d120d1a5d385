import { browser } from '#imports';
import { isRegion } from '../../shared/contact/phone.ts';
import { Background, TICK_ALARM } from '../background/background.ts';
import { setupCaptureMenu } from '../background/context-menu.ts';
import { listenForPageContexts } from '../background/page-contexts.ts';
import { isBackgroundMessage } from '../messages.ts';
import { getDb } from '../store/db.ts';
import { getMeta } from '../store/meta.ts';

export default defineBackground(() => {
  const db = getDb();
  const bg = new Background(db);
  // Host integrations (hosts/CONTEXT.md): page contexts from content scripts, and the capture menu.
  listenForPageContexts();
  setupCaptureMenu({
    defaultRegion: async () => {
      const region = (await getMeta(db, 'settings'))?.defaultPhoneRegion;
      return isRegion(region) ? region : undefined;
    },
  });

  const pages = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    // Sync-side messages come from extension pages only (side panel, sidebar iframe, options), never from a
    // content script running inside a host page.
    if (!isBackgroundMessage(msg) || sender.id !== browser.runtime.id || !sender.url?.startsWith(pages))
      return undefined;
    return bg
      .handle(msg)
      .catch((e: unknown) => ({ ok: false, message: e instanceof Error ? e.message : String(e) }));
  });

  // The toolbar button (and its keyboard shortcut, `_execute_action`) opens the side panel.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
  // Wakes the worker every minute: badge, deadline notifications, and reconnecting after the worker was stopped.
  void browser.alarms.create(TICK_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TICK_ALARM) void bg.tick();
  });
  browser.notifications.onClicked.addListener(() => {
    void browser.runtime.openOptionsPage().catch(() => {});
  });
});
