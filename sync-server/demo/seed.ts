import fs from 'node:fs';
import type { Role } from '../../shared/roles.ts';
import { addUser, createTeam, issueToken } from '../admin/ops.ts';
import { authenticate } from '../auth/tokens.ts';
import type { Storage } from '../storage/storage.ts';

export const DEMO_TEAM = 'Demo Sales';

/**
 * The demo team: `profile` names the person's demo browser profile (`sh data/demo-browser.sh alex`); `label`
 * is for `npm start`'s list only. Names are plain: the sidebar and the call script already say the role
 * ("Hi, this is Tess from Demo Sales", not "Tess (telemarketer)").
 */
export const DEMO_USERS: { profile: string; name: string; role: Role; label: string }[] = [
  { profile: 'tess', name: 'Tess', role: 'telemarketer', label: 'telemarketer' },
  { profile: 'alex', name: 'Alex', role: 'rep', label: 'rep A' },
  { profile: 'blake', name: 'Blake', role: 'rep', label: 'rep B' },
  { profile: 'morgan', name: 'Morgan', role: 'manager', label: 'manager' },
  { profile: 'ada', name: 'Ada', role: 'admin', label: 'admin' },
];

type Saved = { teamId: string; tokens: Record<string, string> };

/**
 * Creates the demo team and its users once; later runs find them (by the saved team id, else by name) and
 * reuse the tokens kept in `tokensFile` (DATA_DIR/demo-tokens.json, outside the repository) while they are still
 * valid, so a re-run prints the same invite links. A revoked token is replaced, a missing user re-added.
 */
export function seedDemo(
  storage: Storage,
  tokensFile: string,
  publicUrl: string,
): { teamId: string; tokens: Record<string, string> } {
  const saved: Saved | null = fs.existsSync(tokensFile)
    ? JSON.parse(fs.readFileSync(tokensFile, 'utf8'))
    : null;
  const teams = storage.listTeams();
  const team =
    teams.find((t) => t.id === saved?.teamId) ??
    teams.find((t) => t.name === DEMO_TEAM) ??
    // The demo's mail and dialer pages show German contacts: their numbers are read as German.
    createTeam(storage, DEMO_TEAM, { defaultPhoneRegion: 'DE' });
  const users = storage.listUsers(team.id);
  const tokens: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const kept = saved?.teamId === team.id ? saved.tokens[u.profile] : undefined;
    if (kept && authenticate(storage, kept)?.team.id === team.id) {
      tokens[u.profile] = kept;
      continue;
    }
    const existing = users.find((x) => x.name === u.name && x.active);
    tokens[u.profile] = existing
      ? issueToken(storage, existing.id, publicUrl).token
      : addUser(storage, { team: team.id, name: u.name, role: u.role, publicUrl }).token;
  }
  fs.writeFileSync(tokensFile, JSON.stringify({ teamId: team.id, tokens }, null, 2), { mode: 0o600 });
  return { teamId: team.id, tokens };
}
