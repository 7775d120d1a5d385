import type { PageContext } from '../page-context';

export type Host = PageContext['host'];

/** What an adapter read from the page; the runtime adds `host` and `url`. Text only, never HTML. */
export type Reading = Omit<PageContext, 'host' | 'url'>;
export type Report = (reading: Reading) => void;

/**
 * One host site (STYLE 6). `init` sets up listeners/observers that all stop when `signal` aborts (the runtime
 * aborts it on every in-app navigation and re-inits). It reports what it sees, as often as it changes.
 * It may throw: the runtime catches and turns that into an `unreadable` report, never into the host page.
 */
export interface HostAdapter {
  readonly host: Host;
  /** Manifest match patterns of the content script that runs this adapter. */
  readonly matchPatterns: readonly string[];
  matches(url: URL): boolean;
  init(signal: AbortSignal, report: Report): void;
}
