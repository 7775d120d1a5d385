import { parseArgs } from 'node:util';
import { openSqliteStorage } from '../storage/sqlite.ts';
import type { Storage } from '../storage/storage.ts';
import * as ops from './ops.ts';

const USAGE = `Usage: npm run admin -- <command> [options]   (works on DATA_DIR, default ./data)

  create-team --name <name> [--json '<settings patch>']
  list-teams
  add-user --team <teamId> --name <name> --role <telemarketer|rep|manager|admin>
  new-token --user <userId>
  revoke-token --user <userId> | --token <token or invite link>
  deactivate-user --user <userId>     activate-user --user <userId>
  list-users --team <teamId>
  settings get --team <teamId>
  settings set --team <teamId> --json '{"sqlWindowDays": 7, …}'

Invite links use PUBLIC_URL, default http://127.0.0.1:\${PORT:-1234}. Output is JSON.`;

function need(values: Record<string, unknown>, key: string): string {
  const v = values[key];
  if (typeof v !== 'string' || !v.trim()) throw new ops.AdminError(`missing --${key}`);
  return v;
}

function json(text: string | undefined): unknown {
  if (text === undefined) return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ops.AdminError(`--json is not valid JSON: ${(err as Error).message}`);
  }
}

/** Runs one admin command; returns what to print. Exported for tests. */
export function run(argv: string[], storage: Storage, env: NodeJS.ProcessEnv = process.env): unknown {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      team: { type: 'string' },
      role: { type: 'string' },
      user: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const publicUrl = env.PUBLIC_URL ?? `http://127.0.0.1:${env.PORT || 1234}`;
  const [cmd, sub] = positionals;
  switch (cmd) {
    case 'create-team':
      return ops.createTeam(storage, need(values, 'name'), json(values.json));
    case 'list-teams':
      return storage.listTeams().map(({ id, name }) => ({ id, name }));
    case 'add-user': {
      const r = ops.addUser(storage, {
        team: need(values, 'team'),
        name: need(values, 'name'),
        role: need(values, 'role'),
        publicUrl,
      });
      return { ...r.user, token: r.token, invite: r.invite };
    }
    case 'new-token': {
      const r = ops.issueToken(storage, need(values, 'user'), publicUrl);
      return { ...r.user, token: r.token, invite: r.invite };
    }
    case 'revoke-token':
      return { revoked: ops.revokeToken(storage, { user: values.user, token: values.token }) };
    case 'deactivate-user':
    case 'activate-user':
      return ops.setUserActive(storage, need(values, 'user'), cmd === 'activate-user');
    case 'list-users':
      return ops.listUsers(storage, need(values, 'team'));
    case 'settings':
      if (sub === 'get') return ops.getSettings(storage, need(values, 'team'));
      if (sub === 'set') {
        if (values.json === undefined) throw new ops.AdminError('settings set needs --json');
        return ops.setSettings(storage, need(values, 'team'), json(values.json));
      }
      throw new ops.AdminError('settings needs get or set');
    default:
      throw new ops.AdminError(cmd ? `unknown command "${cmd}"` : 'no command given');
  }
}

function main(): void {
  const argv = process.argv.slice(2);
  if (!argv.length || argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    process.exit(argv.length ? 0 : 2);
  }
  let storage: Storage | null = null;
  try {
    storage = openSqliteStorage(process.env.DATA_DIR || './data');
    console.log(JSON.stringify(run(argv, storage), null, 2));
  } catch (err) {
    const usage =
      err instanceof ops.AdminError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(JSON.stringify({ error: (err as Error).message }));
    if (usage) console.error(`\n${USAGE}`);
    process.exitCode = usage ? 2 : 1;
  } finally {
    storage?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
