import { type Decision, decide } from '../../shared/decide.ts';
import type { LeadEvent } from '../../shared/events.ts';
import type { Lead } from '../../shared/lead.ts';
import { reject } from '../../shared/rejections.ts';
import type { Verdict } from '../../shared/sync-docs.ts';
import { applyEvents, runTimers } from '../../shared/team.ts';
import { nextDueAt } from '../../shared/timers.ts';
import type { Batch } from './batch.ts';
import type { Job, Outcome, TeamRuntime } from './team-runtime.ts';
import { verdictOf } from './verdict.ts';

type CommandJob = Extract<Job, { kind: 'command' }>;

/**
 * One command, decided at most once: the first receipt of an id fixes its actor and body; a stored verdict
 * is only republished. Runs inside the group commit's storage transaction.
 */
export function decideCommand(team: TeamRuntime, job: CommandJob, now: number, batch: Batch): void {
  const { storage } = team;
  const known = storage.getCommand(team.id, job.id);
  if (known?.verdict) {
    batch.addVerdict(known.verdict);
    batch.settled.push({ id: job.id, outcome: outcomeOf(team, known.verdict) });
    return;
  }
  // An HTTP command's receipt is written here, in the decision's own transaction: if the server dies
  // before committing, the caller got no answer and retries with the same id.
  const cmd = known ?? { ...job, teamId: team.id };
  if (!known) storage.insertCommand({ ...cmd, source: 'http' });
  const at = Math.max(job.recovery ? cmd.receivedAt : now, team.lastAt);
  const timerEvents = runTimers(team.state, at);
  const decision = decideFor(team, cmd, at);
  const events = decision.ok ? decision.events : [];
  if (decision.ok) applyEvents(team.state, events);
  const verdict = verdictOf(cmd.id, cmd.body, cmd.actor, at, decision);
  batch.addLeads(commit(team, [...timerEvents, ...events], verdict));
  batch.addVerdict(verdict);
  batch.settled.push({ id: job.id, outcome: outcomeOf(team, verdict) });
}

function decideFor(
  team: TeamRuntime,
  cmd: { id: string; actor: string; body: unknown },
  at: number,
): Decision {
  const member = team.state.members.get(cmd.actor);
  if (!member?.active) {
    return { ok: false, rejection: reject('ROLE_NOT_ALLOWED', 'Your account is not active in this team.') };
  }
  const body = cmd.body as { id?: unknown } | null;
  if (body?.id !== cmd.id) {
    const issues = [{ path: 'id', message: 'must equal the key the command is stored under' }];
    return {
      ok: false,
      rejection: reject('INVALID_COMMAND', 'The action is malformed: id.', undefined, { issues }),
    };
  }
  return decide(team.state, cmd.body, { userId: member.id, role: member.role }, at);
}

/** Runs due timers up to `now` (each event at its own due time) and records them. */
export function applyTimers(team: TeamRuntime, now: number, batch: Batch): void {
  const events = runTimers(team.state, Math.max(now, team.lastAt));
  if (events.length) batch.addLeads(commit(team, events));
}

/** Persists events + the changed leads (+ the verdict) in one transaction; returns the changed leads. */
function commit(team: TeamRuntime, events: LeadEvent[], verdict?: Verdict): Lead[] {
  const ids = new Set(events.map((e) => e.leadId));
  const leads = [...ids].map((id) => team.state.leads.get(id)!);
  const rows = leads.map((lead) => ({ lead, nextDue: nextDueAt(lead, team.state.settings) }));
  team.storage.commitDecision({ teamId: team.id, verdict, events, leads: rows });
  for (const e of events) team.lastAt = Math.max(team.lastAt, e.at);
  if (verdict) team.lastAt = Math.max(team.lastAt, verdict.decidedAt);
  return leads;
}

export function outcomeOf(team: TeamRuntime, verdict: Verdict): Outcome {
  return { verdict, lead: team.state.leads.get(verdict.leadId) ?? null };
}
