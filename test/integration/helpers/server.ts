import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../../shared/roles.ts';
import { addUser, createTeam } from '../../../sync-server/admin/ops.ts';
import type { Config } from '../../../sync-server/config.ts';
import { type SyncServer, startSyncServer } from '../../../sync-server/server.ts';

export type TestUser = { id: string; name: string; role: Role; token: string };
export type TestTeam = { id: string; name: string; users: Record<string, TestUser> };

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'leadline-it-'));
}

const quiet: Config['log'] = () => {};

/** A real server on port 0 with a temporary data dir and the test clock; `teardown` removes both. */
export async function startTestServer(
  opts: Partial<Config> = {},
): Promise<SyncServer & { dataDir: string; teardown(): Promise<void> }> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const server = await startSyncServer({
    port: 0,
    testClock: true,
    reloadPollMs: 50,
    log: process.env.LEADLINE_TEST_LOG ? undefined : quiet,
    ...opts,
    dataDir,
  });
  return {
    ...server,
    dataDir,
    async teardown() {
      await server.close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a team with the given users (name → role) through the admin operations, then reloads. */
export function seedTeam(server: SyncServer, name: string, users: Record<string, Role>): TestTeam {
  const team = createTeam(server.storage, name);
  const out: TestTeam = { id: team.id, name, users: {} };
  for (const [userName, role] of Object.entries(users)) {
    const r = addUser(server.storage, { team: team.id, name: userName, role, publicUrl: server.httpUrl });
    out.users[userName] = { id: r.user.id, name: userName, role, token: r.token };
  }
  server.reload();
  return out;
}
