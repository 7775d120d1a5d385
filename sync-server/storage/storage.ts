import type { LeadEvent } from '../../shared/events.ts';
import type { Lead } from '../../shared/lead.ts';
import type { Member, Role } from '../../shared/roles.ts';
import type { TeamSettings } from '../../shared/settings.ts';
import type { Verdict } from '../../shared/sync-docs.ts';

/**
 * What the server persists, behind one small interface so that Postgres can replace the embedded SQLite
 * file without touching the rooms or the authority. Every method is synchronous because better-sqlite3 is;
 * a networked store would make the authority's queue await these calls, which it is already shaped for.
 */
export type DocKind = 'work' | 'authority';

export type TeamRow = { id: string; name: string; settings: TeamSettings };
export type UserRow = Member & { teamId: string };
/** The user a token belongs to; null from `findToken` means unknown or revoked (never which). */
export type Principal = { user: UserRow; team: TeamRow; tokenHash: string };

export type CommandRow = {
  teamId: string;
  id: string;
  actor: string;
  source: 'doc' | 'http';
  body: unknown;
  receivedAt: number;
  verdict: Verdict | null;
};

/** Everything one decision (or one timer sweep) changes, written in a single transaction. */
export type DecisionRecord = {
  teamId: string;
  verdict?: Verdict;
  events: readonly LeadEvent[];
  leads: readonly { lead: Lead; nextDue: number | null }[];
};

export type StoredEvent = LeadEvent & { seq: number };

export interface Storage {
  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
  /**
   * Changes whenever teams, users or tokens change (the admin CLI, from another process); the server polls
   * it to reload. Doc updates, commands and decisions do not move it.
   */
  adminVersion(): number;
  close(): void;

  createTeam(team: TeamRow): void;
  listTeams(): TeamRow[];
  getTeam(id: string): TeamRow | null;
  setTeamSettings(id: string, settings: TeamSettings): void;

  addUser(user: UserRow): void;
  getUser(id: string): UserRow | null;
  listUsers(teamId: string): UserRow[];
  setUserActive(id: string, active: boolean): void;
  setUserRole(id: string, role: Role): void;

  addToken(hash: string, userId: string, at: number): void;
  findToken(hash: string): Principal | null;
  /** Revokes one token (by hash) or every token of a user; returns how many were revoked. */
  revokeTokens(by: { hash: string } | { userId: string }, at: number): number;

  /** Records a command as received; false when this (team, id) was seen before (it is never decided twice). */
  insertCommand(row: Omit<CommandRow, 'verdict'>): boolean;
  getCommand(teamId: string, id: string): CommandRow | null;
  undecidedCommands(teamId: string): CommandRow[];
  verdicts(teamId: string): Verdict[];
  /** Verdict + events + lead states: the unit of acknowledgement. */
  commitDecision(rec: DecisionRecord): void;

  loadLeads(teamId: string): Lead[];
  /** The time of the team's latest event (0 when none): decisions never go back before it. */
  lastEventAt(teamId: string): number;
  leadEvents(teamId: string, leadId: string): StoredEvent[];

  appendDocUpdate(teamId: string, doc: DocKind, update: Uint8Array): void;
  loadDocUpdates(teamId: string, doc: DocKind): { seq: number; data: Uint8Array }[];
  /**
   * Merges a doc's stored rows into fewer (off the event loop: a worker thread for SQLite); resolves with
   * how many of the rows it saw remain. Rows appended meanwhile are kept as they are.
   */
  compactDocUpdates(teamId: string, doc: DocKind): Promise<number>;
  /** Replaces the rows with seq in [fromSeq, toSeq] by one merged update. */
  replaceDocUpdates(
    teamId: string,
    doc: DocKind,
    range: { fromSeq: number; toSeq: number },
    merged: Uint8Array,
  ): void;
}
