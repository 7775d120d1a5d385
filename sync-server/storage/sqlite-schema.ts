import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order and tracked in `PRAGMA user_version`. Append, never edit.
 * Commands are keyed by (team, id): ids are client-made, and a global key would let one team's command id
 * shadow (and leak the verdict of) another team's.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE teams (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, settings TEXT NOT NULL, created_at INTEGER NOT NULL
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES teams(id), name TEXT NOT NULL,
    role TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1
  );
  CREATE INDEX users_team ON users(team_id);
  CREATE TABLE tokens (
    hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL, revoked_at INTEGER
  );
  CREATE INDEX tokens_user ON tokens(user_id);
  CREATE TABLE commands (
    team_id TEXT NOT NULL, id TEXT NOT NULL, actor TEXT NOT NULL, source TEXT NOT NULL,
    body TEXT NOT NULL, received_at INTEGER NOT NULL, verdict TEXT, decided_at INTEGER,
    PRIMARY KEY (team_id, id)
  );
  CREATE INDEX commands_undecided ON commands(team_id, received_at) WHERE verdict IS NULL;
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, team_id TEXT NOT NULL, lead_id TEXT NOT NULL,
    command_id TEXT, at INTEGER NOT NULL, body TEXT NOT NULL
  );
  CREATE INDEX events_lead ON events(team_id, lead_id, seq);
  CREATE TABLE leads (
    team_id TEXT NOT NULL, id TEXT NOT NULL, state TEXT NOT NULL, next_due INTEGER,
    PRIMARY KEY (team_id, id)
  );
  CREATE INDEX leads_due ON leads(team_id, next_due) WHERE next_due IS NOT NULL;
  CREATE TABLE doc_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, team_id TEXT NOT NULL, doc TEXT NOT NULL, data BLOB NOT NULL
  );
  CREATE INDEX doc_updates_room ON doc_updates(team_id, doc, seq);
  `,
  // A counter the admin tables' writes bump (any connection: the admin CLI's included). The server polls it
  // instead of data_version, which also moves for its own background thread's checkpoint and compactions.
  `
  CREATE TABLE admin_changes (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
  INSERT INTO admin_changes (id, n) VALUES (1, 0);
  ${['teams', 'users', 'tokens']
    .flatMap((t) =>
      ['INSERT', 'UPDATE', 'DELETE'].map(
        (op) =>
          `CREATE TRIGGER ${t}_${op.toLowerCase()}_bump AFTER ${op} ON ${t} BEGIN UPDATE admin_changes SET n = n + 1; END;`,
      ),
    )
    .join('\n  ')}
  `,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`The data directory was written by a newer server (schema ${current}); upgrade first.`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
