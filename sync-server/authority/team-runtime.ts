import type { Lead } from '../../shared/lead.ts';
import type { Member } from '../../shared/roles.ts';
import type { Verdict } from '../../shared/sync-docs.ts';
import { createTeamState, putLead, type TeamState } from '../../shared/team.ts';
import { DocRoom } from '../rooms/doc-room.ts';
import type { Storage, TeamRow, UserRow } from '../storage/storage.ts';
import { dropCommandKeys, type TeamMeta } from './publish.ts';

/** How long decided command keys may stay in the work doc before a sweep removes them. */
const DROP_KEYS_MS = 100;

/** What the authority does for a team, one at a time, in order. */
export type Job =
  | { kind: 'command'; id: string; actor: string; body: unknown; receivedAt: number; recovery: boolean }
  /** Runs due timers to now. */
  | { kind: 'timers'; done?: () => void }
  /** A command id seen again: republish its stored verdict if the doc lacks it, clear the work-doc key. */
  | { kind: 'republish'; id: string }
  /** A work-doc key that cannot be a command id at all (too long): removed without a verdict. */
  | { kind: 'drop'; id: string };

export type Outcome = { verdict: Verdict; lead: Lead | null };

/** A command key seen in the work doc, recorded (or recognised as known) by the next group commit. */
export type Receipt = { id: string; actor: string; body: unknown; receivedAt: number };

type Log = (m: string, x?: Record<string, unknown>) => void;

/** One team in memory: its decided state (leads, members, settings, timer queue), its two docs, its queue. */
export class TeamRuntime {
  readonly id: string;
  name: string;
  state: TeamState;
  /** The latest decided time: a decision never happens before an event already applied. */
  lastAt: number;
  readonly work: DocRoom;
  readonly authority: DocRoom;
  readonly queue: Job[] = [];
  /** Command keys received since the last group commit (their rows commit with the updates that carried them). */
  receipts: Receipt[] = [];
  /** HTTP callers waiting for the verdict of a command id. */
  readonly waiters = new Map<string, ((o: Outcome | Error) => void)[]>();
  /** The group commit: its timer, whether one is running, when the last one ended (performance.now()). */
  commitTimer: { cancel(): void } | null = null;
  committing = false;
  lastCommitAt = Number.NEGATIVE_INFINITY;
  wake: NodeJS.Timeout | null = null;
  /** Decided command ids whose work-doc keys the next sweep removes. */
  private readonly pendingDrops = new Set<string>();
  private dropTimer: NodeJS.Timeout | null = null;

  constructor(
    row: TeamRow,
    readonly storage: Storage,
    opts: { compactAfter: number; log: Log; onDirty: (team: TeamRuntime, now: boolean) => void },
  ) {
    this.id = row.id;
    this.name = row.name;
    this.state = this.loadState(row);
    this.lastAt = storage.lastEventAt(row.id);
    const onDirty = (now: boolean) => opts.onDirty(this, now);
    const room = { teamId: row.id, storage, compactAfter: opts.compactAfter, log: opts.log, onDirty };
    this.work = new DocRoom({ ...room, kind: 'work' });
    this.authority = new DocRoom({ ...room, kind: 'authority' });
  }

  /** Anything for the next group commit: doc updates, receipts or jobs. */
  get pending(): boolean {
    return this.work.dirty || this.authority.dirty || this.receipts.length > 0 || this.queue.length > 0;
  }

  /** Rebuilds the decided state from storage (on start, and after a failed commit left memory ahead of disk). */
  loadState(row: TeamRow = { id: this.id, name: this.name, settings: this.state.settings }): TeamState {
    const state = createTeamState(row.settings, this.storage.listUsers(row.id).map(toMember));
    for (const lead of this.storage.loadLeads(row.id)) putLead(state, lead);
    return state;
  }

  meta(): TeamMeta {
    return {
      team: { id: this.id, name: this.name },
      settings: this.state.settings,
      members: [...this.state.members.values()],
    };
  }

  /**
   * Removes these command keys from the work doc within DROP_KEYS_MS, together with every other key decided
   * meanwhile (stored by the next group commit). A key left behind by a crash is cleared on restart (its
   * stored verdict is republished).
   */
  dropKeysSoon(ids: readonly string[]): void {
    for (const id of ids) this.pendingDrops.add(id);
    if (this.dropTimer || !this.pendingDrops.size) return;
    this.dropTimer = setTimeout(() => {
      this.dropTimer = null;
      const ids = [...this.pendingDrops];
      this.pendingDrops.clear();
      dropCommandKeys(this.work, ids);
    }, DROP_KEYS_MS);
  }

  cancelCommitTimer(): void {
    this.commitTimer?.cancel();
    this.commitTimer = null;
  }

  destroy(): void {
    if (this.dropTimer) clearTimeout(this.dropTimer);
    this.cancelCommitTimer();
    if (this.wake) clearTimeout(this.wake);
    this.work.destroy();
    this.authority.destroy();
  }
}

export const toMember = (u: UserRow): Member => ({ id: u.id, name: u.name, role: u.role, active: u.active });
