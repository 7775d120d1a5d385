import { apply } from './apply.ts';
import type { Command } from './commands/index.ts';
import { type Decision, decide } from './decide.ts';
import type { Contact, Lead } from './lead.ts';
import { approvedExtensions, type CallOutcome, pendingExtension } from './lead.ts';
import type { Actor, Member, Role } from './roles.ts';
import { DEFAULT_SETTINGS, days, type TeamSettings } from './settings.ts';
import { applyEvents, createTeamState, runTimers, type TeamState } from './team.ts';
import { TimerQueue } from './timer-queue.ts';

/**
 * Seeded generator of realistic team states, for tests and benchmarks. Deterministic from the seed and pure
 * (no clock, no I/O): the same options always give the same leads, histories and rejections.
 *
 * It is a small discrete-event simulation: every open lead has a "next touch" time in a due-first queue and
 * captures arrive at a steady rate. On each touch the lead's holder issues the command a real user would
 * (call, transfer, accept, qualify, ask for an extension, set the deal…), and the commands go through the real
 * rules (`runTimers` + `decide` + `applyEvents`), so deadlines expire, quotas fill and some commands are
 * refused, exactly as on the server. A little noise (wrong actor, duplicate contacts, late actions) keeps
 * every rejection path warm.
 */

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
};

/** mulberry32: tiny, fast, good enough for fixtures (not for anything secret). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    range: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

const FIRST = [
  'Ana',
  'Ben',
  'Chloé',
  'Dev',
  'Eva',
  'Femi',
  'Gus',
  'Hana',
  'Ivo',
  'Jun',
  'Kai',
  'Lea',
  'Milo',
];
const LAST = ['Alves', 'Berg', 'Chen', 'Diaz', 'Eze', 'Fischer', 'Gray', 'Horvat', 'Ito', 'Jansen', 'Kim'];
const COMPANY = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Tyrell'];
const SUFFIX = ['GmbH', 'Ltd', 'Inc', 'SAS', 'BV', 'AB'];

export type TeamShape = { telemarketers?: number; reps?: number; managers?: number };

/** Members with stable ids (`tele-0001`, `rep-0001`, `mgr-0001`, `admin-001`) and readable names. */
export function generateMembers(shape: TeamShape = {}): Member[] {
  const { telemarketers = 4, reps = 8, managers = 2 } = shape;
  const out: Member[] = [];
  let n = 0;
  const add = (role: Role, prefix: string, count: number) => {
    for (let i = 1; i <= count; i++, n++) {
      const name = `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`;
      out.push({ id: `${prefix}-${i.toString().padStart(4, '0')}`, name, role, active: true });
    }
  };
  add('telemarketer', 'tele', telemarketers);
  add('rep', 'rep', reps);
  add('manager', 'mgr', managers);
  out.push({ id: 'admin-001', name: 'Ada Admin', role: 'admin', active: true });
  return out;
}

/** A unique, schema-valid contact for the n-th generated lead. */
export function generatedContact(n: number, rng: Rng): Contact {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const company = `${rng.pick(COMPANY)} ${rng.pick(SUFFIX)}`;
  return {
    name: `${first} ${last}`,
    company,
    emails: [`c${n}@${company.split(' ')[0].toLowerCase()}.example`],
    phones: [`+1${2_000_000_000 + n}`],
  };
}

export type SimOptions = {
  seed: number;
  settings?: TeamSettings;
  members?: Member[];
  /** Clock at the start of the simulation (default 2026-01-05 09:00 UTC). */
  start?: number;
  /** Mean time between two captures (default 10 min). */
  captureEveryMs?: number;
  /** Stop capturing once the team holds this many leads (default: no limit). */
  maxLeads?: number;
  /** Share of touches issued by a random member instead of the holder (default 0.03). */
  noise?: number;
};

export type SimStep = { actor: Actor; command: Command; now: number };

const HOUR = 3_600_000;
const SIM_START = Date.UTC(2026, 0, 5, 9, 0, 0);
const POLITE_OUTCOMES: readonly CallOutcome[] = ['interested', 'no_answer'];

/**
 * The simulation. `next()` proposes the next command (and advances the clock), `execute()` runs it through the
 * rules; `step()` does both. The split lets a benchmark time the rules without the generator.
 */
export class TeamSimulator {
  readonly state: TeamState;
  readonly rng: Rng;
  now: number;
  readonly stats = {
    issued: 0,
    accepted: 0,
    rejected: 0,
    captured: 0,
    byRejection: {} as Record<string, number>,
  };
  private readonly touches = new TimerQueue();
  private nextCaptureAt: number;
  private readonly captureEveryMs: number;
  private readonly maxLeads: number;
  private readonly noise: number;
  private readonly byRole: Record<Role, Member[]> = { telemarketer: [], rep: [], manager: [], admin: [] };
  private readonly members: Member[];
  private cmdSeq = 0;

  constructor(opts: SimOptions) {
    this.rng = createRng(opts.seed);
    this.members = opts.members ?? generateMembers();
    for (const m of this.members) if (m.active) this.byRole[m.role].push(m);
    this.state = createTeamState(opts.settings ?? DEFAULT_SETTINGS, this.members);
    this.now = opts.start ?? SIM_START;
    this.captureEveryMs = opts.captureEveryMs ?? 10 * 60_000;
    this.maxLeads = opts.maxLeads ?? Number.POSITIVE_INFINITY;
    this.noise = opts.noise ?? 0.03;
    this.nextCaptureAt = this.now;
  }

  /** The time of the next proposed command, or null when nothing is left to do. */
  peekTime(): number | null {
    const touch = this.touches.peek();
    const capture = this.state.leads.size < this.maxLeads ? this.nextCaptureAt : null;
    if (touch === null) return capture;
    if (capture === null) return touch;
    return Math.min(touch, capture);
  }

  /** Proposes the next plausible command and moves the clock to its time; null when the simulation is idle. */
  next(): SimStep | null {
    for (;;) {
      const at = this.peekTime();
      if (at === null) return null;
      this.now = Math.max(this.now, at);
      if (this.state.leads.size < this.maxLeads && this.nextCaptureAt <= at) {
        this.nextCaptureAt += Math.max(1, Math.round(this.rng.range(0, 2) * this.captureEveryMs));
        return this.captureStep();
      }
      const [id] = this.touches.popDue(at);
      const lead = this.state.leads.get(id);
      const step = lead ? this.touch(lead) : null;
      if (step) return step;
    }
  }

  /** What the authority does with one command: due timers, the rules, the projection. */
  execute(step: SimStep): Decision {
    runTimers(this.state, step.now);
    const d = decide(this.state, step.command, step.actor, step.now);
    if (d.ok) applyEvents(this.state, d.events);
    this.observe(step, d);
    return d;
  }

  /** Records the outcome and schedules the lead's next touch; call after running a step yourself. */
  observe(step: SimStep, d: Decision): void {
    this.stats.issued++;
    if (d.ok) this.stats.accepted++;
    else {
      this.stats.rejected++;
      const c = d.rejection.code;
      this.stats.byRejection[c] = (this.stats.byRejection[c] ?? 0) + 1;
    }
    const lead = this.state.leads.get(step.command.leadId);
    if (lead) this.touches.schedule(lead.id, this.nextTouch(lead));
  }

  step(): Decision | null {
    const s = this.next();
    return s ? this.execute(s) : null;
  }

  /** Runs until `count` commands were issued (or nothing is left). */
  run(count: number): this {
    for (let i = 0; i < count; i++) if (!this.step()) break;
    return this;
  }

  /** Runs every command due before `until`, then the timers up to it; leaves the clock at `until`. */
  runUntil(until: number): this {
    for (;;) {
      const at = this.peekTime();
      if (at === null || at >= until) break;
      this.step();
    }
    this.now = Math.max(this.now, until);
    runTimers(this.state, this.now);
    return this;
  }

  private id(prefix: string): string {
    return `${prefix}${(++this.cmdSeq).toString(36).padStart(8, '0')}`;
  }

  private asActor(m: Member): Actor {
    return { userId: m.id, role: m.role };
  }

  private captureStep(): SimStep {
    const n = ++this.stats.captured;
    const who = this.rng.chance(0.85)
      ? this.rng.pick(this.byRole.telemarketer)
      : this.rng.pick(this.byRole.rep);
    // About 1% of captures are a contact the team already has: DUPLICATE_LEAD.
    const contactNo = n > 10 && this.rng.chance(0.01) ? 1 + this.rng.int(n - 1) : n;
    const command: Command = {
      id: this.id('c'),
      leadId: `lead-${n.toString(36).padStart(7, '0')}`,
      type: 'capture',
      contact: generatedContact(contactNo, this.rng),
      source: this.rng.pick(['gmail', 'outlook', 'dialer', 'web', 'csv'] as const),
    };
    return { actor: this.asActor(who), command, now: this.now };
  }

  private member(id: string | null): Member | undefined {
    return id ? this.state.members.get(id) : undefined;
  }

  /** The command the lead's holder (or a manager, or whoever fishes in the pool) would issue now. */
  private touch(lead: Lead): SimStep | null {
    const r = this.rng;
    const base = { id: this.id('c'), leadId: lead.id };
    let who = this.member(lead.owner);
    let command: Command | null = null;
    switch (lead.stage) {
      case 'new':
        if (lead.interested) {
          const toRep = who?.role === 'rep' && r.chance(0.7) ? who.id : r.pick(this.byRole.rep).id;
          command = { ...base, type: 'transfer', toRep };
        } else
          command = { ...base, type: 'logCall', outcome: this.screeningOutcome(), durationSec: r.int(600) };
        break;
      case 'mql':
        command = r.chance(0.82)
          ? { ...base, type: 'acceptMql' }
          : { ...base, type: 'returnMql', reason: 'The phone never connects.' };
        break;
      case 'sql': {
        if (pendingExtension(lead)) {
          who = r.pick(this.byRole.manager);
          command = { ...base, type: 'decideExtension', approve: r.chance(0.75) };
          break;
        }
        const left = (lead.sqlDeadline ?? this.now) - this.now;
        const x = r.next();
        if (
          left < days(2) &&
          approvedExtensions(lead) < this.state.settings.maxExtensionsPerLead &&
          x < 0.5
        ) {
          command = { ...base, type: 'requestExtension', reason: 'Waiting for the budget owner.' };
        } else if (x < 0.55) {
          const seats = r.chance(0.08) ? undefined : 1 + r.int(200);
          command = {
            ...base,
            type: 'qualify',
            demand: 'CRM seats for the sales team',
            ...(seats ? { seats } : {}),
            companyName: lead.contact.company ?? 'Unknown Ltd',
          };
        } else if (x < 0.57) command = { ...base, type: 'release', reason: 'Not my territory.' };
        else if (x < 0.59) {
          who = r.pick(this.byRole.manager);
          command = { ...base, type: 'reassign', to: r.pick(this.byRole.rep).id };
        } else command = { ...base, type: 'logCall', outcome: r.pick(POLITE_OUTCOMES) };
        break;
      }
      case 'opportunity': {
        const phases = this.state.settings.phases;
        const at = phases.findIndex((p) => p.id === lead.phase);
        const rate = phases[at]?.winRate ?? 0.2;
        const x = r.next();
        if (lead.amount === null || x < 0.05) {
          command = {
            ...base,
            type: 'setDeal',
            amount: 1000 * (1 + r.int(200)),
            currency: r.chance(0.7) ? 'EUR' : 'USD',
            expectedClose: this.now + Math.round(r.range(days(5), days(60))),
          };
        } else if (x < 0.05 + rate * 0.35) command = { ...base, type: 'closeWon' };
        else if (x < 0.05 + rate * 0.35 + (1 - rate) * 0.25)
          command = { ...base, type: 'closeLost', reason: r.pick(['Budget', 'Competitor', 'Timing']) };
        else if (at >= 0 && at < phases.length - 1)
          command = { ...base, type: 'advancePhase', phase: phases[at + 1].id };
        else command = { ...base, type: 'logCall', outcome: 'interested' };
        break;
      }
      case 'pool': {
        const rep = lead.poolReason === 'sql_expired' || lead.poolReason === 'released';
        const late = lead.poolReason === 'sql_expired' && lead.cooldown ? r.next() : 1;
        if (late < 0.2 && lead.cooldown) {
          // The rep who let it expire comes back from offline: qualify (SQL_DEADLINE_PASSED) or reclaim
          // (RECLAIM_COOLDOWN while the cool-down lasts).
          who = this.member(lead.cooldown.userId);
          command =
            late < 0.1
              ? { ...base, type: 'qualify', demand: 'Seats', seats: 5, companyName: 'Late Ltd' }
              : { ...base, type: 'claim' };
          break;
        }
        who = r.pick(rep ? this.byRole.rep : this.byRole.telemarketer);
        command = { ...base, type: 'claim' };
        break;
      }
      case 'won':
      case 'lost':
      case 'disqualified':
        return null;
    }
    if (!command) return null;
    if (!who || r.chance(this.noise)) who = r.pick(this.members);
    return { actor: this.asActor(who), command, now: this.now };
  }

  private screeningOutcome(): CallOutcome {
    const x = this.rng.next();
    if (x < 0.35) return 'no_answer';
    if (x < 0.62) return 'interested';
    if (x < 0.8) return 'no_demand';
    if (x < 0.85) return 'hostile';
    return x < 0.93 ? 'invalid_number' : 'wrong_number';
  }

  /** When the holder will look at this lead again (null: nobody will). Delays are rough real-world paces. */
  private nextTouch(lead: Lead): number | null {
    const r = this.rng;
    const now = this.now;
    const within = (min: number, max: number) => now + Math.round(r.range(min, max));
    switch (lead.stage) {
      case 'new':
        return lead.interested ? within(HOUR, days(1)) : within(2 * HOUR, days(3));
      case 'mql':
        return within(HOUR, days(2));
      case 'sql':
        // Roughly one SQL in five is left past its week: the pool and the metrics need some.
        return pendingExtension(lead) ? within(HOUR, days(1)) : within(days(0.5), days(5));
      case 'opportunity':
        return within(days(2), days(14));
      case 'pool':
        if (lead.poolReason === 'nurture')
          return lead.recallAt !== null && r.chance(0.6)
            ? lead.recallAt + Math.round(r.range(0, days(5)))
            : null;
        if (lead.poolReason === 'sql_expired') return r.chance(0.6) ? within(days(1), days(6)) : null;
        if (lead.poolReason === 'returned_mql') return r.chance(0.25) ? within(days(2), days(20)) : null;
        return r.chance(0.5) ? within(days(1), days(10)) : null;
      default:
        return null;
    }
  }
}

export type GeneratedTeam = { state: TeamState; members: Member[]; now: number; sim: TeamSimulator };

/**
 * A team holding exactly `leads` leads, captured evenly over about `spanDays` and worked by the simulation
 * until the end (`now`). About a tenth of the leads are still open at the end and a third sit in the pool.
 */
export function generateTeam(
  opts: { seed: number; leads: number; spanDays?: number; settings?: TeamSettings } & TeamShape,
): GeneratedTeam {
  const spanDays = opts.spanDays ?? 180;
  const members = generateMembers(opts);
  const span = days(spanDays);
  const sim = new TeamSimulator({
    seed: opts.seed,
    members,
    maxLeads: opts.leads,
    captureEveryMs: Math.max(1, Math.floor(span / Math.max(1, opts.leads))),
    ...(opts.settings ? { settings: opts.settings } : {}),
  });
  sim.runUntil(sim.now + span);
  // Duplicate contacts are refused, so a few captures may still be missing: top up past the span.
  while (sim.state.leads.size < opts.leads && sim.step()) {}
  runTimers(sim.state, sim.now);
  return { state: sim.state, members, now: sim.now, sim };
}

/** A plain lead value with neutral defaults, for table-driven tests of read models (focus, metrics). */
export function makeLead(patch: Partial<Lead> & { id: string }, at = SIM_START): Lead {
  // Built by the real projection, so a new Lead field never needs a second default here.
  const base = apply(undefined, {
    type: 'captured',
    leadId: patch.id,
    at,
    by: 'tele-0001',
    contact: { emails: [], phones: [] },
    source: 'manual',
    owner: 'tele-0001',
  });
  const first = { ...base.history[0], stage: patch.stage ?? 'new', owner: patch.owner ?? null };
  return { ...base, owner: null, history: [first], ...patch };
}
