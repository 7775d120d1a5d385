import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { inviteLink } from '../admin/ops.ts';
import { configFromEnv } from '../config.ts';
import { startSyncServer } from '../server.ts';
import { writeBrowserScript } from './browser-script.ts';
import { type DemoPages, startDemoPages } from './pages.ts';
import { DEMO_TEAM, DEMO_USERS, seedDemo } from './seed.ts';

/**
 * `npm start`: the sync server on its embedded store, an idempotent demo team, the demo pages (a Gmail message
 * and a web dialer under their real host names, see pages.ts), the extension build, a browser launcher script,
 * and a short print-out of what to do. Ctrl-C stops everything; DATA_DIR keeps the data for the next start.
 *
 * Environment: PORT (1234), DATA_DIR (./data), DEMO_PAGES_PORT (8443; taken → any free port),
 * SKIP_BUILD=1 (use the existing build), LEADLINE_OUT_DIR (.output), and the server's own variables.
 */
const config = { log: () => {}, ...configFromEnv() };
const dataDir = config.dataDir ?? './data';
const extensionDir = path.resolve(process.env.LEADLINE_OUT_DIR ?? '.output', 'chrome-mv3');
/** Short paths for the print-out: relative inside the working directory, absolute outside it. */
const rel = (p: string) => {
  const r = path.relative(process.cwd(), path.resolve(p));
  return r === '' ? '.' : r.startsWith('..') ? path.resolve(p) : r;
};

let build: ChildProcess | undefined;
let pages: DemoPages | undefined;
const server = await startSyncServer({ ...config, dataDir });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log('\nStopping…');
    build?.kill('SIGTERM');
    Promise.all([pages?.close(), server.close()]).then(
      () => {
        console.log('Stopped. The data stays in', rel(dataDir));
        process.exit(0);
      },
      (err) => {
        console.error('Stopping failed:', err);
        process.exit(1);
      },
    );
  });
}

const { teamId, tokens } = seedDemo(server.storage, path.join(dataDir, 'demo-tokens.json'), server.httpUrl);
server.reload();

async function startPages(): Promise<DemoPages | undefined> {
  const preferred = Number(process.env.DEMO_PAGES_PORT ?? 8443);
  try {
    return await startDemoPages(dataDir, preferred).catch((err: NodeJS.ErrnoException) =>
      err.code === 'EADDRINUSE' ? startDemoPages(dataDir, 0) : Promise.reject(err),
    );
  } catch (err) {
    console.error(`The demo pages did not start (${(err as Error).message}); they need openssl.`);
    return undefined;
  }
}
pages = await startPages();

function buildExtension(): Promise<boolean> {
  if (process.env.SKIP_BUILD === '1') return Promise.resolve(true);
  console.log('Building the extension (npx wxt build, a few seconds)…');
  return new Promise((resolve) => {
    build = spawn('npx', ['wxt', 'build'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    build.stdout?.on('data', (d) => (out += d));
    build.stderr?.on('data', (d) => (out += d));
    build.on('close', (code) => {
      build = undefined;
      if (code !== 0 && !stopping) console.error(`wxt build failed (exit ${code}):\n${out.slice(-4000)}`);
      resolve(code === 0);
    });
  });
}
const built = await buildExtension();
if (stopping) await new Promise(() => {}); // Ctrl-C during the build: the handler exits

const people = DEMO_USERS.map((u) => ({
  profile: u.profile,
  name: `${u.name} (${u.label})`,
  invite: inviteLink(server.httpUrl, tokens[u.profile]),
}));
const script = pages
  ? rel(writeBrowserScript({ dataDir, extensionDir, pagesPort: pages.port, spki: pages.spki, people }))
  : undefined;

const lines = [
  '',
  `Leadline demo: sync server ${server.httpUrl}, team "${DEMO_TEAM}" (${teamId}), data in ${rel(dataDir)}`,
  'Invite links (paste one into Leadline\'s "Sign in"):',
  ...people.map((p) => `  ${p.profile.padEnd(7)}${p.name.padEnd(21)}${p.invite}`),
  built ? '' : '\nThe extension did not build (see above); the server runs anyway.',
];
if (script) {
  lines.push(
    `1. Open a demo browser as Tess:  sh ${script} tess`,
    `   (Chromium/Chrome, own profile, Leadline loaded; its mail.google.com and phone.aircall.io are demo pages served here)`,
    '2. On the Gmail tab click the blue "Leadline" button (bottom right), paste the invite link from the first tab,',
    '   Sign in, capture Jane Doe from the mail; call her on the Phone tab, log the call as Interested, Transfer to Alex.',
    `3. A second browser as Alex:  sh ${script} alex  → sign in → open the lead → Accept MQL.`,
  );
} else {
  lines.push(
    `Load the extension: chrome://extensions → Developer mode → Load unpacked → ${rel(extensionDir)}; sign in from its side panel.`,
  );
}
lines.push('Ctrl-C stops everything; the next npm start keeps the data.');
console.log(lines.filter((l) => l !== '').join('\n'));
