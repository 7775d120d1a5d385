import * as Y from 'yjs';
import { WORK } from '../../shared/sync-docs.ts';
import { rescheduleAll } from '../../shared/team.ts';
import type { Clock } from '../clock.ts';
import type { Peer } from '../rooms/doc-room.ts';
import type { Storage, TeamRow } from '../storage/storage.ts';
import { Batch } from './batch.ts';
import { applyTimers, decideCommand, outcomeOf } from './jobs.ts';
import { publishMeta, reconcile } from './publish.ts';
import { type Job, type Outcome, type Receipt, TeamRuntime, toMember } from './team-runtime.ts';

type Log = (msg: string, extra?: Record<string, unknown>) => void;
const MAX_KEY = 128;
/** A commit decides jobs for at most this long (or this many), so one busy team cannot starve sockets. */
const SLICE_MS = 20;
const SLICE_JOBS = 200;
const MAX_TIMEOUT = 2 ** 31 - 1;
/** After a failed commit (disk full, I/O error), what it held is retried this much later. */
const RETRY_MS = 1000;

const isPeer = (o: unknown): o is Peer => typeof o === 'object' && o !== null && 'awarenessIds' in o;

/**
 * The rule authority. Per team, a serial queue of jobs: each command is recorded when received, decided
 * once (by id) with the shared rules at the server's time after due timers ran, committed to storage,
 * and only then sent in the authority doc. Jobs are synchronous, so "one at a time" holds by construction.
 *
 * Group commit: a team's doc updates, command receipts, decisions and the authority-doc writes they cause
 * are stored in one SQLite transaction, at most once per `commitWindowMs` (the first after a quiet spell at
 * once), and only then sent to anyone. Under load that is one transaction and one message per peer and doc
 * per window instead of several per update.
 */
export class Authority {
  readonly teams = new Map<string, TeamRuntime>();

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly opts: { compactAfter: number; commitWindowMs: number; log: Log },
  ) {}

  /** Loads every team not yet loaded; re-reads members and settings of the others (admin CLI changes). */
  refresh(): void {
    for (const row of this.storage.listTeams()) {
      const team = this.teams.get(row.id);
      if (team) this.refreshTeam(team, row);
      else this.load(row);
    }
  }

  private load(row: TeamRow): void {
    const team = new TeamRuntime(row, this.storage, {
      ...this.opts,
      onDirty: (t, now) => (now ? this.commit(t) : this.commitSoon(t)),
    });
    this.teams.set(row.id, team);
    const commands = team.work.doc.getMap(WORK.commands);
    commands.observe((event) => {
      const origin = event.transaction.origin;
      if (!isPeer(origin)) return;
      event.changes.keys.forEach((change, key) => {
        if (change.action !== 'delete') this.receiveFromDoc(team, origin.userId, key, commands.get(key));
      });
    });
    publishMeta(team.authority, team.meta());
    const fixed = reconcile(team.authority, team.state.leads.values(), this.storage.verdicts(row.id));
    if (fixed) this.opts.log('authority doc reconciled with storage', { team: row.id, entries: fixed });
    // Commands received before a crash are decided as of the time they were received.
    for (const c of this.storage.undecidedCommands(row.id))
      team.queue.push({ kind: 'command', ...c, recovery: true });
    for (const key of commands.keys()) {
      const c = this.storage.getCommand(row.id, key);
      if (c?.verdict) team.queue.push({ kind: 'republish', id: key });
      else if (!c) this.opts.log('work-doc command without a receipt left in place', { team: row.id, key });
    }
    this.enqueue(team, { kind: 'timers' });
  }

  private refreshTeam(team: TeamRuntime, row: TeamRow): void {
    team.name = row.name;
    team.state.members = new Map(this.storage.listUsers(row.id).map((u) => [u.id, toMember(u)]));
    if (JSON.stringify(row.settings) !== JSON.stringify(team.state.settings)) {
      rescheduleAll(team.state, row.settings);
      this.enqueue(team, { kind: 'timers' });
    }
    publishMeta(team.authority, team.meta());
  }

  /** Called inside the work doc's transaction: the receipt is stored by the commit that stores the update. */
  private receiveFromDoc(team: TeamRuntime, actor: string, key: string, value: unknown): void {
    if (key.length > MAX_KEY) {
      this.opts.log('dropped an over-long command key', { team: team.id, actor });
      this.enqueue(team, { kind: 'drop', id: key });
      return;
    }
    const body = value instanceof Y.AbstractType ? value.toJSON() : value;
    team.receipts.push({ id: key, actor, body, receivedAt: this.clock.now() });
  }

  /** Inside the commit: a new id is recorded and queued; a decided one has its verdict republished. */
  private record(team: TeamRuntime, r: Receipt): void {
    const row = { teamId: team.id, ...r, source: 'doc' as const };
    if (this.storage.insertCommand(row)) team.queue.push({ kind: 'command', ...row, recovery: false });
    else if (this.storage.getCommand(team.id, r.id)?.verdict)
      team.queue.push({ kind: 'republish', id: r.id });
    // Received but undecided: already queued, and its verdict clears this key too.
  }

  /** A command from the HTTP API (already schema-valid): its verdict, deciding it if it is new. */
  submit(teamId: string, actor: string, body: { id: string }): Promise<Outcome> {
    const team = this.teams.get(teamId);
    if (!team) return Promise.reject(new Error(`team ${teamId} is not loaded`));
    const known = this.storage.getCommand(teamId, body.id);
    if (known?.verdict) return Promise.resolve(outcomeOf(team, known.verdict));
    const outcome = new Promise<Outcome>((resolve, reject) => {
      const list = team.waiters.get(body.id) ?? [];
      list.push((o) => (o instanceof Error ? reject(o) : resolve(o)));
      team.waiters.set(body.id, list);
    });
    if (!known) {
      const receivedAt = this.clock.now();
      this.enqueue(team, { kind: 'command', id: body.id, actor, body, receivedAt, recovery: false });
    }
    return outcome;
  }

  /** Runs due timers of every team now (the test clock moved); resolves when all are applied. */
  runAllTimers(): Promise<void> {
    const all = [...this.teams.values()].map(
      (team) => new Promise<void>((done) => this.enqueue(team, { kind: 'timers', done })),
    );
    return Promise.all(all).then(() => undefined);
  }

  private enqueue(team: TeamRuntime, job: Job): void {
    team.queue.push(job);
    this.commitSoon(team);
  }

  /** Schedules the team's next group commit: at once after a quiet spell, else one window after the last. */
  private commitSoon(team: TeamRuntime, delay?: number): void {
    if (team.commitTimer || team.committing || !this.teams.has(team.id)) return;
    const wait = delay ?? team.lastCommitAt + this.opts.commitWindowMs - performance.now();
    if (wait > 0) {
      const t = setTimeout(() => this.commit(team), wait);
      team.commitTimer = { cancel: () => clearTimeout(t) };
    } else {
      const t = setImmediate(() => this.commit(team));
      team.commitTimer = { cancel: () => clearImmediate(t) };
    }
  }

  /**
   * One group commit: records receipts, decides queued jobs (for at most one slice), writes the decisions
   * into the authority doc, and stores all of it together with both docs' new updates in one transaction;
   * then sends the updates and answers HTTP callers. If the commit fails nothing of it is sent: decisions
   * are forgotten (state reloaded from SQLite), receipts and doc updates are kept and retried.
   */
  private commit(team: TeamRuntime): void {
    if (team.committing || !this.teams.has(team.id)) return;
    team.cancelCommitTimer();
    team.committing = true;
    const start = performance.now();
    const batch = new Batch();
    const receipts = team.receipts;
    team.receipts = [];
    let failed = false;
    try {
      this.storage.transaction(() => {
        for (const r of receipts) this.record(team, r);
        let n = 0;
        while (team.queue.length && n++ < SLICE_JOBS && performance.now() - start < SLICE_MS) {
          this.run(team, team.queue.shift()!, batch);
        }
        batch.publish(team);
        team.work.saveUnsaved();
        team.authority.saveUnsaved();
      });
      team.work.committed();
      team.authority.committed();
    } catch (err) {
      failed = true;
      this.opts.log('commit failed', { team: team.id, error: String(err) });
      team.receipts = [...receipts, ...team.receipts];
      team.state = team.loadState();
      team.lastAt = this.storage.lastEventAt(team.id);
      batch.discard(err as Error);
      // The authority doc may hold this commit's decisions in memory: make it say what SQLite says again.
      reconcile(team.authority, team.state.leads.values(), this.storage.verdicts(team.id));
    }
    batch.settle(team);
    team.committing = false;
    team.lastCommitAt = performance.now();
    if (failed) this.commitSoon(team, RETRY_MS);
    else if (team.pending) this.commitSoon(team, team.queue.length ? 0 : undefined);
    this.scheduleWake(team);
  }

  /** One job in its own savepoint: a job that throws (a bug) is rolled back alone and reported. */
  private run(team: TeamRuntime, job: Job, batch: Batch): void {
    if (job.kind === 'timers' && job.done) batch.done.push(job.done);
    try {
      this.storage.transaction(() => {
        if (job.kind === 'command') decideCommand(team, job, this.clock.now(), batch);
        else if (job.kind === 'timers') applyTimers(team, this.clock.now(), batch);
        else if (job.kind === 'republish') {
          const c = this.storage.getCommand(team.id, job.id);
          if (c?.verdict) batch.addVerdict(c.verdict);
        } else batch.dropKeys.push(job.id);
      });
    } catch (err) {
      this.opts.log('authority job failed', { team: team.id, job: job.kind, error: String(err) });
      team.state = team.loadState(); // reads this pass's earlier, still-uncommitted jobs too
      if (job.kind === 'command') batch.settled.push({ id: job.id, outcome: err as Error });
    }
  }

  private scheduleWake(team: TeamRuntime): void {
    if (team.wake) clearTimeout(team.wake);
    team.wake = null;
    const due = team.state.timers.peek();
    if (due === null || this.clock.manual) return;
    const delay = Math.min(Math.max(0, due - this.clock.now()), MAX_TIMEOUT);
    team.wake = setTimeout(() => this.enqueue(team, { kind: 'timers' }), delay);
  }

  /** Stores what is pending (a clean shutdown loses nothing received), then drops every team. */
  close(): void {
    for (const team of this.teams.values()) if (team.pending) this.commit(team);
    for (const team of this.teams.values()) team.destroy();
    this.teams.clear();
  }
}
