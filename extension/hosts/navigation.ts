/**
 * Calls `onChange` when the page's URL changes without a document load: Gmail changes the hash, Outlook and the
 * dialers use the History API. A content script lives in an isolated world and cannot wrap the page's
 * `history.pushState`; the Navigation API's `navigatesuccess` sees it (Chromium ≥ 102), `hashchange` and
 * `popstate` cover the rest, and callers may also `check()` when the DOM changes (a cheap href compare).
 */
export function watchNavigation(
  win: Window,
  signal: AbortSignal,
  onChange: (url: string) => void,
): { check: () => void } {
  let last = win.location.href;
  const check = () => {
    if (signal.aborted) return;
    const now = win.location.href;
    if (now === last) return;
    last = now;
    onChange(now);
  };
  const options = { signal, passive: true } as const;
  win.addEventListener('hashchange', check, options);
  win.addEventListener('popstate', check, options);
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  navigation?.addEventListener?.('navigatesuccess', check, options);
  return { check };
}
