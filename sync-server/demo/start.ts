import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../../shared/roles.ts';
import { addUser, createTeam, inviteLink, issueToken } from '../admin/ops.ts';
import { authenticate } from '../auth/tokens.ts';
import { configFromEnv } from '../config.ts';
import { startSyncServer } from '../server.ts';
import type { Storage } from '../storage/storage.ts';

/**
 * `npm start`: the server on its embedded store, an idempotent demo team, the extension build, and
 * a short print-out of what to do next. Demo tokens are kept in DATA_DIR/demo-tokens.json (outside the
 * repository) so a re-run prints the same invite links.
 */
const TEAM = 'Demo Sales';
const USERS: { key: string; name: string; role: Role }[] = [
  { key: 'telemarketer', name: 'Tess (telemarketer)', role: 'telemarketer' },
  { key: 'repA', name: 'Alex (rep A)', role: 'rep' },
  { key: 'repB', name: 'Blake (rep B)', role: 'rep' },
  { key: 'manager', name: 'Morgan (manager)', role: 'manager' },
  { key: 'admin', name: 'Ada (admin)', role: 'admin' },
];
type Saved = { teamId: string; tokens: Record<string, string> };

function seed(
  storage: Storage,
  file: string,
  publicUrl: string,
): { teamId: string; tokens: Record<string, string> } {
  const saved: Saved | null = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
  const team =
    storage.listTeams().find((t) => t.id === saved?.teamId || t.name === TEAM) ?? createTeam(storage, TEAM);
  const users = storage.listUsers(team.id);
  const tokens: Record<string, string> = {};
  for (const u of USERS) {
    const kept = saved?.teamId === team.id ? saved.tokens[u.key] : undefined;
    if (kept && authenticate(storage, kept)?.team.id === team.id) {
      tokens[u.key] = kept;
      continue;
    }
    const existing = users.find((x) => x.name === u.name && x.active);
    tokens[u.key] = existing
      ? issueToken(storage, existing.id, publicUrl).token
      : addUser(storage, { team: team.id, name: u.name, role: u.role, publicUrl }).token;
  }
  fs.writeFileSync(file, JSON.stringify({ teamId: team.id, tokens }, null, 2), { mode: 0o600 });
  return { teamId: team.id, tokens };
}

function buildExtension(): Promise<boolean> {
  if (process.env.SKIP_BUILD === '1') return Promise.resolve(true);
  return new Promise((resolve) => {
    const child = spawn('npx', ['wxt', 'build'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      if (code !== 0) console.error(`wxt build failed (exit ${code}):\n${out.slice(-4000)}`);
      resolve(code === 0);
    });
  });
}

const config = { log: () => {}, ...configFromEnv() };
const dataDir = config.dataDir ?? './data';
const server = await startSyncServer({ ...config, dataDir });
const { teamId, tokens } = seed(server.storage, path.join(dataDir, 'demo-tokens.json'), server.httpUrl);
server.reload();
console.log('Building the extension (npx wxt build)…');
const built = await buildExtension();

console.log(`\nLeadline sync server: ${server.httpUrl}  (data in ${path.resolve(dataDir)})`);
console.log(`Team "${TEAM}" (${teamId}). Sign in by pasting an invite link into Leadline's sign-in:`);
for (const u of USERS) console.log(`  ${u.name.padEnd(22)} ${inviteLink(server.httpUrl, tokens[u.key])}`);
console.log(
  built
    ? '\nLoad the extension: chrome://extensions → Developer mode → Load unpacked → .output/chrome-mv3'
    : '\nThe extension did not build (see above); the server runs anyway.',
);
console.log(`Add users: npm run admin -- add-user --team ${teamId} --name <name> --role rep.  Ctrl-C stops.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log('\nStopping…');
    server.close().then(() => process.exit(0));
  });
}
