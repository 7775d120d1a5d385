import type { Lead } from '../../shared/lead.ts';
import type { Verdict } from '../../shared/sync-docs.ts';
import { publishDecision } from './publish.ts';
import type { Outcome, TeamRuntime } from './team-runtime.ts';

/**
 * What one group commit decided. Its leads and verdicts are written into the authority doc (one doc
 * transaction) inside the commit's storage transaction, so they reach clients only once stored; HTTP
 * callers are answered after the commit; the decided keys leave the work doc in the team's next key sweep.
 */
export class Batch {
  readonly leads = new Map<string, Lead>();
  readonly verdicts = new Map<string, Verdict>();
  readonly dropKeys: string[] = [];
  readonly settled: { id: string; outcome: Outcome | Error }[] = [];
  readonly done: (() => void)[] = [];

  addLeads(leads: readonly Lead[]): void {
    for (const l of leads) this.leads.set(l.id, l);
  }

  addVerdict(v: Verdict): void {
    this.verdicts.set(v.commandId, v);
  }

  /** Forgets what the failed commit would have published; callers still get their error. */
  discard(err: Error): void {
    this.leads.clear();
    this.verdicts.clear();
    this.dropKeys.length = 0;
    for (const s of this.settled) s.outcome = err;
  }

  /** Inside the commit's transaction: the authority doc's rows are stored with the decisions. */
  publish(team: TeamRuntime): void {
    if (this.leads.size || this.verdicts.size)
      publishDecision(team.authority, [...this.leads.values()], [...this.verdicts.values()]);
  }

  /** After the commit (or its failure, then with `discard` first): answers and housekeeping. */
  settle(team: TeamRuntime): void {
    // The verdict is the answer; clearing the work doc's keys is housekeeping, done in a later sweep that
    // covers many commands (one work-doc message per client instead of one per command).
    team.dropKeysSoon([...this.verdicts.keys(), ...this.dropKeys]);
    for (const { id, outcome } of this.settled) {
      const list = team.waiters.get(id);
      team.waiters.delete(id);
      for (const w of list ?? []) w(outcome);
    }
    for (const f of this.done) f();
  }
}
