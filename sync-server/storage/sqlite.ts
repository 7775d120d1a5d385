import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Lead } from '../../shared/lead.ts';
import type { Role } from '../../shared/roles.ts';
import { DEFAULT_SETTINGS, mergeSettings, type TeamSettings } from '../../shared/settings.ts';
import type { Verdict } from '../../shared/sync-docs.ts';
import { type Maintenance, startMaintenance } from './sqlite-maintenance.ts';
import { migrate } from './sqlite-schema.ts';
import type {
  CommandRow,
  DecisionRecord,
  DocKind,
  Principal,
  Storage,
  StoredEvent,
  TeamRow,
  UserRow,
} from './storage.ts';

export type SqliteOptions = {
  /** See Config.sqliteSync: NORMAL survives `kill -9` (WAL); FULL also survives a power cut. */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * The server's connection: WAL checkpoints run in a background thread (sqlite-maintenance.ts) instead of
   * inside whichever commit crosses the auto-checkpoint size. Short-lived connections (admin CLI) keep
   * SQLite's automatic checkpoints.
   */
  backgroundCheckpoints?: boolean;
};

type Row = Record<string, unknown>;
const DB_FILE = 'leadline.sqlite';

/** Storage on one embedded SQLite file in `dataDir`, opened in WAL mode so the admin CLI can write alongside. */
export function openSqliteStorage(dataDir: string, opts: SqliteOptions = {}): Storage {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const file = path.join(dataDir, DB_FILE);
  let maintenance: Maintenance | null = null;
  const background = () => {
    maintenance ??= startMaintenance(file);
    return maintenance;
  };
  if (opts.backgroundCheckpoints) {
    db.pragma('wal_autocheckpoint = 0');
    background();
  }

  const q = {
    team: db.prepare('SELECT * FROM teams WHERE id = ?'),
    teams: db.prepare('SELECT * FROM teams ORDER BY created_at, id'),
    user: db.prepare('SELECT * FROM users WHERE id = ?'),
    users: db.prepare('SELECT * FROM users WHERE team_id = ? ORDER BY rowid'),
    token: db.prepare(
      'SELECT t.hash, u.* FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ? AND t.revoked_at IS NULL AND u.active = 1',
    ),
    insertCommand: db.prepare(
      'INSERT INTO commands (team_id, id, actor, source, body, received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    command: db.prepare('SELECT * FROM commands WHERE team_id = ? AND id = ?'),
    undecided: db.prepare(
      'SELECT * FROM commands WHERE team_id = ? AND verdict IS NULL ORDER BY received_at, rowid',
    ),
    verdicts: db.prepare(
      'SELECT verdict FROM commands WHERE team_id = ? AND verdict IS NOT NULL ORDER BY decided_at',
    ),
    decide: db.prepare('UPDATE commands SET verdict = ?, decided_at = ? WHERE team_id = ? AND id = ?'),
    event: db.prepare('INSERT INTO events (team_id, lead_id, command_id, at, body) VALUES (?, ?, ?, ?, ?)'),
    lead: db.prepare(
      'INSERT INTO leads (team_id, id, state, next_due) VALUES (?, ?, ?, ?) ON CONFLICT (team_id, id) DO UPDATE SET state = excluded.state, next_due = excluded.next_due',
    ),
    leads: db.prepare('SELECT state FROM leads WHERE team_id = ?'),
    leadEvents: db.prepare('SELECT seq, body FROM events WHERE team_id = ? AND lead_id = ? ORDER BY seq'),
    appendDoc: db.prepare('INSERT INTO doc_updates (team_id, doc, data) VALUES (?, ?, ?)'),
    loadDoc: db.prepare('SELECT seq, data FROM doc_updates WHERE team_id = ? AND doc = ? ORDER BY seq'),
    adminChanges: db.prepare('SELECT n FROM admin_changes').pluck(),
    dropDoc: db.prepare('DELETE FROM doc_updates WHERE team_id = ? AND doc = ? AND seq BETWEEN ? AND ?'),
  };

  const toTeam = (r: Row): TeamRow => ({
    id: r.id as string,
    name: r.name as string,
    // Merged over the defaults so that settings added in a later version get their default value.
    settings: mergeSettings(DEFAULT_SETTINGS, JSON.parse(r.settings as string)),
  });
  const toUser = (r: Row): UserRow => ({
    id: r.id as string,
    teamId: r.team_id as string,
    name: r.name as string,
    role: r.role as Role,
    active: r.active === 1,
  });
  const toCommand = (r: Row): CommandRow => ({
    teamId: r.team_id as string,
    id: r.id as string,
    actor: r.actor as string,
    source: r.source as CommandRow['source'],
    body: JSON.parse(r.body as string),
    receivedAt: r.received_at as number,
    verdict: r.verdict ? (JSON.parse(r.verdict as string) as Verdict) : null,
  });

  return {
    transaction: (fn) => db.transaction(fn)(),
    adminVersion: () => q.adminChanges.get() as number,
    close: () => {
      maintenance?.close();
      db.close();
    },

    createTeam(t) {
      db.prepare('INSERT INTO teams (id, name, settings, created_at) VALUES (?, ?, ?, ?)').run(
        t.id,
        t.name,
        JSON.stringify(t.settings),
        Date.now(),
      );
    },
    listTeams: () => (q.teams.all() as Row[]).map(toTeam),
    getTeam(id) {
      const r = q.team.get(id) as Row | undefined;
      return r ? toTeam(r) : null;
    },
    setTeamSettings(id, settings: TeamSettings) {
      db.prepare('UPDATE teams SET settings = ? WHERE id = ?').run(JSON.stringify(settings), id);
    },

    addUser(u) {
      db.prepare('INSERT INTO users (id, team_id, name, role, active) VALUES (?, ?, ?, ?, ?)').run(
        u.id,
        u.teamId,
        u.name,
        u.role,
        u.active ? 1 : 0,
      );
    },
    getUser(id) {
      const r = q.user.get(id) as Row | undefined;
      return r ? toUser(r) : null;
    },
    listUsers: (teamId) => (q.users.all(teamId) as Row[]).map(toUser),
    setUserActive(id, active) {
      db.prepare('UPDATE users SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
    },
    setUserRole(id, role) {
      db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, id);
    },

    addToken(hash, userId, at) {
      db.prepare('INSERT INTO tokens (hash, user_id, created_at) VALUES (?, ?, ?)').run(hash, userId, at);
    },
    findToken(hash): Principal | null {
      const r = q.token.get(hash) as Row | undefined;
      if (!r) return null;
      const team = q.team.get(r.team_id) as Row | undefined;
      return team ? { user: toUser(r), team: toTeam(team), tokenHash: r.hash as string } : null;
    },
    revokeTokens(by, at) {
      const res =
        'hash' in by
          ? db
              .prepare('UPDATE tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL')
              .run(at, by.hash)
          : db
              .prepare('UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
              .run(at, by.userId);
      return res.changes;
    },

    insertCommand(c) {
      const body = JSON.stringify(c.body ?? null);
      return q.insertCommand.run(c.teamId, c.id, c.actor, c.source, body, c.receivedAt).changes === 1;
    },
    getCommand(teamId, id) {
      const r = q.command.get(teamId, id) as Row | undefined;
      return r ? toCommand(r) : null;
    },
    undecidedCommands: (teamId) => (q.undecided.all(teamId) as Row[]).map(toCommand),
    verdicts: (teamId) => (q.verdicts.all(teamId) as Row[]).map((r) => JSON.parse(r.verdict as string)),
    commitDecision(rec: DecisionRecord) {
      db.transaction(() => {
        const v = rec.verdict;
        if (v) q.decide.run(JSON.stringify(v), v.decidedAt, rec.teamId, v.commandId);
        for (const e of rec.events)
          q.event.run(rec.teamId, e.leadId, e.commandId ?? null, e.at, JSON.stringify(e));
        for (const { lead, nextDue } of rec.leads)
          q.lead.run(rec.teamId, lead.id, JSON.stringify(lead), nextDue);
      })();
    },

    loadLeads: (teamId) => (q.leads.all(teamId) as Row[]).map((r) => JSON.parse(r.state as string) as Lead),
    lastEventAt: (teamId) =>
      ((db.prepare('SELECT MAX(at) AS at FROM events WHERE team_id = ?').get(teamId) as Row).at as number) ??
      0,
    leadEvents: (teamId, leadId) =>
      (q.leadEvents.all(teamId, leadId) as Row[]).map((r) => ({
        ...(JSON.parse(r.body as string) as StoredEvent),
        seq: r.seq as number,
      })),

    appendDocUpdate(teamId, doc: DocKind, update) {
      q.appendDoc.run(teamId, doc, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    },
    loadDocUpdates: (teamId, doc) =>
      (q.loadDoc.all(teamId, doc) as Row[]).map((r) => ({
        seq: r.seq as number,
        data: new Uint8Array(r.data as Buffer),
      })),
    async compactDocUpdates(teamId, doc) {
      const r = await background().merge(teamId, doc);
      if (r.merged && r.fromSeq !== undefined && r.toSeq !== undefined) {
        const merged = r.merged;
        db.transaction(() => {
          q.dropDoc.run(teamId, doc, r.fromSeq, r.toSeq);
          q.appendDoc.run(teamId, doc, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength));
        })();
      }
      return r.remaining;
    },
    // The merged row gets a newer seq than rows appended meanwhile: harmless, Yjs updates commute.
    replaceDocUpdates(teamId, doc, range, merged) {
      db.transaction(() => {
        q.dropDoc.run(teamId, doc, range.fromSeq, range.toSeq);
        q.appendDoc.run(teamId, doc, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength));
      })();
    },
  };
}
