import { aircall } from './aircall/aircall';
import { dialpad } from './dialpad/dialpad';
import { gmail } from './gmail/gmail';
import { googlevoice } from './googlevoice/googlevoice';
import { outlook } from './outlook/outlook';
import { ringcentral } from './ringcentral/ringcentral';
import type { HostAdapter } from './types';

/** Every host adapter, in one list (STYLE 6). `registry.test.ts` checks each has an entrypoint and tests. */
export const ADAPTERS: readonly HostAdapter[] = [gmail, outlook, aircall, dialpad, ringcentral, googlevoice];

export function adapterFor(
  href: string,
  adapters: readonly HostAdapter[] = ADAPTERS,
): HostAdapter | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  return adapters.find((adapter) => adapter.matches(url));
}

/** Match patterns of every adapter: the content scripts' `matches` and the sidebar iframe's WAR `matches`. */
export const SUPPORTED_HOST_PATTERNS: readonly string[] = ADAPTERS.flatMap(
  (adapter) => adapter.matchPatterns,
);
