import fs from 'node:fs';
import path from 'node:path';
import { DEMO_HOSTS, DIALER_DEMO_URL, GMAIL_DEMO_URL } from './pages.ts';

/** Single-quoted for sh. */
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Written into a new demo profile before its first start: third-party cookies allowed. Chromium blocks them
 * by default, and with them the storage of the in-page sidebar (an extension frame inside the host page is a
 * third-party frame), which then can only point to the side panel (extension/ui/capture/StorageBlocked.tsx).
 */
export const DEMO_PROFILE_PREFERENCES = { profile: { cookie_controls_mode: 0 } };

export type DemoPerson = { profile: string; name: string; invite: string };

/**
 * Writes DATA_DIR/demo-browser.sh: `sh data/demo-browser.sh alex` opens Chromium (or Chrome) as that demo person,
 * in a profile of its own under DATA_DIR/demo-profiles/, with the built extension loaded, the two demo pages
 * under their real host names, and the person's invite page. One profile per person, so two people (a
 * telemarketer and a rep) can work side by side on one machine. Why a separate browser and not the person's own:
 * see pages.ts (content scripts match the real hosts; the mapping must not touch their everyday browsing).
 */
export function writeBrowserScript(opts: {
  dataDir: string;
  extensionDir: string;
  pagesPort: number;
  spki: string;
  people: DemoPerson[];
}): string {
  const file = path.join(opts.dataDir, 'demo-browser.sh');
  const profiles = path.resolve(opts.dataDir, 'demo-profiles');
  const rules = DEMO_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${opts.pagesPort}`).join(', ');
  const cases = opts.people.map((p) => `  ${p.profile}) invite=${sh(p.invite)} ;;`).join('\n');
  const script = `#!/bin/sh
# Written by \`npm start\` (sync-server/demo/browser-script.ts); rewritten on every start.
# Opens Chromium/Chrome as one demo person: sh ${file} [${opts.people.map((p) => p.profile).join('|')}]
# A profile of its own (${profiles}/<person>) where only ${DEMO_HOSTS.join(' and ')} are served by
# the demo; the rest of the web works as usual. Set LEADLINE_BROWSER=/path/to/chrome to choose the browser.
who="\${1:-${opts.people[0]?.profile ?? 'demo'}}"
case "$who" in
${cases}
  *) echo "Unknown demo person '$who': use one of ${opts.people.map((p) => p.profile).join(', ')}" >&2; exit 2 ;;
esac
browser=""
for b in "$LEADLINE_BROWSER" chromium chromium-browser google-chrome google-chrome-stable \\
  "/Applications/Chromium.app/Contents/MacOS/Chromium" "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"; do
  if [ -n "$b" ] && command -v "$b" >/dev/null 2>&1; then browser="$b"; break; fi
done
if [ -z "$browser" ]; then
  echo "No Chromium or Chrome found. Install one, or set LEADLINE_BROWSER=/path/to/the/browser." >&2; exit 1
fi
profile=${sh(profiles)}/"$who"
if [ ! -e "$profile/Default/Preferences" ]; then
  mkdir -p "$profile/Default" && echo ${sh(JSON.stringify(DEMO_PROFILE_PREFERENCES))} > "$profile/Default/Preferences"
fi
echo "Opening $browser as $who. No Leadline button on the pages? chrome://extensions → Developer mode →"
echo "Load unpacked → ${opts.extensionDir} (Chrome 137+ ignores --load-extension; the profile keeps it)."
# Chromium refuses to start as root (containers, root VMs) unless its sandbox is off.
nosandbox=""
if [ "$(id -u)" = 0 ]; then nosandbox="--no-sandbox"; fi
exec "$browser" $nosandbox --user-data-dir="$profile" --no-first-run --no-default-browser-check \\
  --load-extension=${sh(opts.extensionDir)} --disable-features=DisableLoadExtensionCommandLineSwitch \\
  --host-resolver-rules=${sh(rules)} \\
  --ignore-certificate-errors-spki-list=${sh(opts.spki)} \\
  "$invite" ${sh(GMAIL_DEMO_URL)} ${sh(DIALER_DEMO_URL)}
`;
  fs.writeFileSync(file, script, { mode: 0o700 });
  return file;
}
