import * as Y from 'yjs';
import { WORK } from '../../shared/sync-docs.ts';
import { rescheduleAll } from '../../shared/team.ts';
import type { Clock } from '../clock.ts';
import type { Peer } from '../rooms/doc-room.ts';
import type { Storage, TeamRow } from '../storage/storage.ts';
import { Batch } from './batch.ts';
import { applyTimers, decideCommand, outcomeOf } from './jobs.ts';
import { publishMeta, reconcile } from './publish.ts';
import { type Job, type Outcome, TeamRuntime, toMember } from './team-runtime.ts';

type Log = (msg: string, extra?: Record<string, unknown>) => void;
const MAX_KEY = 128;
/** A drain pass yields to I/O after this long (or this many jobs), so one busy team cannot starve sockets. */
const SLICE_MS = 20;
const SLICE_JOBS = 200;
const MAX_TIMEOUT = 2 ** 31 - 1;

const isPeer = (o: unknown): o is Peer => typeof o === 'object' && o !== null && 'awarenessIds' in o;

/**
 * The rule authority. Per team, a serial queue of jobs: each command is recorded when received, decided
 * once (by id) with the shared rules at the server's time after due timers ran, committed to storage,
 * and only then written to the authority doc. Jobs are synchronous, so "one at a time" holds by
 * construction; the queue keeps the order explicit and groups a pass into one commit (see Batch).
 */
export class Authority {
  readonly teams = new Map<string, TeamRuntime>();

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly opts: { compactAfter: number; log: Log },
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
    const team = new TeamRuntime(row, this.storage, this.opts);
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

  /** Called inside the work doc's transaction: the receipt commits with the doc update that carried it. */
  private receiveFromDoc(team: TeamRuntime, actor: string, key: string, value: unknown): void {
    if (key.length > MAX_KEY) {
      this.opts.log('dropped an over-long command key', { team: team.id, actor });
      this.enqueue(team, { kind: 'drop', id: key });
      return;
    }
    const body = value instanceof Y.AbstractType ? value.toJSON() : value;
    const row = {
      teamId: team.id,
      id: key,
      actor,
      source: 'doc' as const,
      body,
      receivedAt: this.clock.now(),
    };
    if (this.storage.insertCommand(row)) this.enqueue(team, { kind: 'command', ...row, recovery: false });
    else if (this.storage.getCommand(team.id, key)?.verdict)
      this.enqueue(team, { kind: 'republish', id: key });
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
    if (team.draining) return;
    team.draining = true;
    setImmediate(() => this.drain(team));
  }

  private drain(team: TeamRuntime): void {
    if (!this.teams.has(team.id)) return;
    const start = performance.now();
    const batch = new Batch();
    let n = 0;
    try {
      this.storage.transaction(() => {
        while (team.queue.length && n++ < SLICE_JOBS && performance.now() - start < SLICE_MS) {
          this.run(team, team.queue.shift()!, batch);
        }
      });
    } catch (err) {
      // The pass's commit failed: nothing of it is on disk, so memory must forget it too.
      this.opts.log('authority commit failed', { team: team.id, error: String(err) });
      team.state = team.loadState();
      team.lastAt = this.storage.lastEventAt(team.id);
      batch.discard(err as Error);
    }
    batch.publish(team);
    if (team.queue.length) {
      setImmediate(() => this.drain(team));
      return;
    }
    team.draining = false;
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

  close(): void {
    for (const team of this.teams.values()) team.destroy();
    this.teams.clear();
  }
}
