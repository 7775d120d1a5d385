import { type PageContext, PageContextSchema } from '../page-context';
import { CRASH_PROBLEM, observeDebounced } from './dom';
import { watchNavigation } from './navigation';
import { clip } from './text';
import type { HostAdapter, Reading } from './types';

export interface RuntimeOptions {
  win: Window;
  /** The content script's lifetime (WXT `ctx.signal`): aborting it stops everything. */
  signal: AbortSignal;
  /** Hands a context to the extension (`browser.runtime.sendMessage`). May reject; never awaited by the page. */
  send: (context: PageContext) => unknown;
  /** For logging in development; errors never reach the host page either way. */
  onError?: (error: unknown) => void;
}

export { CRASH_PROBLEM };

/**
 * Runs one adapter for the life of the content script: (re)inits it with a fresh AbortSignal on every in-app
 * navigation, validates and de-duplicates what it reports, adds `tel:` link clicks, and turns any exception
 * into an `unreadable` report. Nothing here throws into the host page.
 */
export function runAdapter(
  adapter: HostAdapter,
  options: RuntimeOptions,
): { latest(): PageContext | undefined } {
  const { win, signal } = options;
  let page: AbortController | undefined;
  let latest: PageContext | undefined;
  let lastSent = '';
  // A tel: number the user clicked stays in the context until the adapter reads a number of its own or the
  // page navigates: a later re-read of the DOM (a mutation, the first reading arriving late) must not drop it.
  let clickedPhone: string | undefined;

  const fail = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // a logger that throws is not our problem to surface
    }
  };

  const emit = (reading: Reading) => {
    const context = sanitize({ ...reading, host: adapter.host, url: win.location.href });
    const parsed = PageContextSchema.safeParse(context);
    const valid: PageContext = parsed.success
      ? parsed.data
      : { host: adapter.host, url: context.url, status: 'unreadable', problem: CRASH_PROBLEM };
    latest = valid;
    const key = JSON.stringify(valid);
    if (key === lastSent) return;
    lastSent = key;
    try {
      Promise.resolve(options.send(valid)).catch(fail);
    } catch (error) {
      fail(error);
    }
  };

  const start = () => {
    page?.abort();
    if (signal.aborted) return;
    const current = new AbortController();
    page = current;
    clickedPhone = undefined;
    const report = (reading: Reading) => {
      if (current.signal.aborted) return; // a late report from the page before navigation
      try {
        if (reading.phone) clickedPhone = undefined;
        emit(
          clickedPhone && reading.status !== 'unreadable'
            ? { ...reading, status: 'ok', phone: clickedPhone }
            : reading,
        );
      } catch (error) {
        fail(error);
      }
    };
    try {
      adapter.init(current.signal, report);
    } catch (error) {
      fail(error);
      report({ status: 'unreadable', problem: CRASH_PROBLEM });
    }
  };

  signal.addEventListener('abort', () => page?.abort(), { once: true });
  try {
    const navigation = watchNavigation(win, signal, start);
    observeDebounced(win.document, signal, navigation.check, { quietMs: 100, attributes: false });
    win.document.addEventListener('click', (event) => onClick(event), {
      capture: true,
      passive: true,
      signal,
    });
    start();
  } catch (error) {
    fail(error);
  }

  function onClick(event: Event) {
    try {
      const target = event.target as Element | null;
      const link = target?.closest?.('a[href^="tel:" i]');
      const href = link?.getAttribute('href');
      if (!href) return;
      const phone = decodeURIComponent(href.slice(4)).split(';')[0].trim();
      if (!phone) return;
      const base: Reading = latest ? withoutHostAndUrl(latest) : { status: 'ok' };
      clickedPhone = phone;
      emit({ ...base, status: base.status === 'unreadable' ? 'unreadable' : 'ok', phone });
    } catch (error) {
      fail(error);
    }
  }

  return { latest: () => latest };
}

function withoutHostAndUrl(context: PageContext): Reading {
  const { host: _host, url: _url, ...reading } = context;
  return reading;
}

/** Clips every string to the schema's limits so a long page never turns a good reading into a rejection. */
function sanitize(context: PageContext): PageContext {
  const out: PageContext = { ...context, url: clip(context.url, 2000) };
  if (out.problem) out.problem = clip(out.problem, 500);
  if (out.subject) out.subject = clip(out.subject, 500);
  if (out.signatureText) out.signatureText = clip(out.signatureText, 5000);
  if (out.selection) out.selection = clip(out.selection, 5000);
  if (out.phone) out.phone = clip(out.phone, 60);
  if (out.sender) {
    out.sender = { ...out.sender, email: clip(out.sender.email, 254) };
    if (out.sender.name) out.sender.name = clip(out.sender.name, 200);
  }
  for (const key of Object.keys(out) as Array<keyof PageContext>) {
    if (out[key] === undefined || out[key] === '') delete out[key];
  }
  return out;
}
