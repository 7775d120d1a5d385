import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands/index.ts';
import { decide } from './decide.ts';
import { approvedExtensions, CALL_OUTCOMES, isExtendedBy, type Lead } from './lead.ts';
import { DEFAULT_SETTINGS, days } from './settings.ts';
import { applyEvents, contactKeys, runTimers, type TeamState } from './team.ts';
import { actor, HOUR, MEMBERS, T0, team } from './testing.ts';

/** mulberry32: a tiny seeded PRNG so a failing sequence can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SETTINGS = { ...DEFAULT_SETTINGS, maxExtendedLeadsPerRep: 1 }; // small, so the quota is actually hit
const TYPES = COMMANDS.map((c) => c.type);

/** Commands that make sense at each stage: most of the stream is plausible, the rest is noise. */
const PLAUSIBLE: Record<string, string[]> = {
  new: ['logCall', 'logCall', 'transfer'],
  mql: ['acceptMql', 'acceptMql', 'returnMql'],
  sql: ['qualify', 'requestExtension', 'decideExtension', 'decideExtension', 'release'],
  opportunity: ['advancePhase', 'setDeal', 'closeWon', 'closeLost'],
  pool: ['claim'],
};
const MANAGERS = MEMBERS.filter((m) => m.role === 'manager').map((m) => m.id);

/** A random (actor, command): mostly the owner doing what fits the stage, sometimes anyone doing anything. */
function randomStep(
  r: () => number,
  s: TeamState,
  n: number,
): { who: string; input: Record<string, unknown> } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const input = randomCommand(r, s, n, pick);
  const lead = s.leads.get(input.leadId as string);
  let who = pick(MEMBERS).id;
  if (r() < 0.75) {
    if (input.type === 'decideExtension') who = pick(MANAGERS);
    else if (input.type === 'claim')
      who = pick(MEMBERS.filter((m) => m.role === 'rep' || m.role === 'telemarketer')).id;
    else if (lead?.owner) who = lead.owner;
  }
  return { who, input };
}

function randomCommand(
  r: () => number,
  s: TeamState,
  n: number,
  pick: <T>(xs: readonly T[]) => T,
): Record<string, unknown> {
  const ids = [...s.leads.keys()];
  const leadOf = ids.length ? s.leads.get(pick(ids))! : undefined;
  let type = !leadOf || r() < 0.15 ? 'capture' : pick(TYPES);
  if (leadOf && type !== 'capture' && r() < 0.8 && PLAUSIBLE[leadOf.stage])
    type = pick(PLAUSIBLE[leadOf.stage]);
  const leadId = type === 'capture' ? `lead-${n.toString().padStart(6, '0')}` : leadOf!.id;
  const base = { id: `cmd-${n.toString().padStart(6, '0')}`, type, leadId };
  const reps = MEMBERS.filter((m) => m.role === 'rep').map((m) => m.id);
  switch (type) {
    case 'capture': {
      const k = Math.floor(r() * 40); // small space, so duplicates happen
      return { ...base, contact: { name: `P${k}`, emails: [`p${k}@ex.com`], phones: [] }, source: 'manual' };
    }
    case 'logCall':
      return { ...base, outcome: r() < 0.4 ? 'interested' : pick(CALL_OUTCOMES) };
    case 'transfer':
      return { ...base, toRep: pick(reps) };
    case 'returnMql':
    case 'requestExtension':
    case 'closeLost':
      return { ...base, reason: 'r' };
    case 'qualify':
      return r() < 0.8 ? { ...base, demand: 'd', seats: 1 + Math.floor(r() * 50), companyName: 'C' } : base;
    case 'decideExtension':
      return { ...base, approve: r() < 0.8 };
    case 'reassign':
      return { ...base, to: pick(MEMBERS).id };
    case 'advancePhase':
      return { ...base, phase: pick(SETTINGS.phases).id };
    case 'setDeal':
      return { ...base, amount: Math.floor(r() * 1e5), currency: 'EUR' };
    default:
      return base;
  }
}

/** Throws with the message when the invariant does not hold (plain checks: expect() per field is too slow here). */
function check(cond: boolean, msg: string): void {
  if (!cond) throw new Error(`invariant broken: ${msg}`);
}

function checkInvariants(s: TeamState, before: Map<string, Lead>, acceptedType: string | null): void {
  const extended = new Map<string, number>();
  const roleOf = (id: string | null) => MEMBERS.find((m) => m.id === id)?.role;
  for (const lead of s.leads.values()) {
    const at = `${lead.id} (${lead.stage})`;
    if (lead.stage === 'pool' || lead.stage === 'disqualified')
      check(lead.owner === null, `${at} has an owner`);
    if (['mql', 'sql', 'opportunity'].includes(lead.stage))
      check(roleOf(lead.owner) === 'rep', `${at} owned by a non-rep`);
    if (lead.stage === 'sql') check(lead.sqlDeadline !== null, `${at} has no deadline`);
    check(approvedExtensions(lead) <= SETTINGS.maxExtensionsPerLead, `${at} has too many extensions`);
    check(
      lead.extensions.filter((e) => e.status === 'pending').length <= 1,
      `${at} has two pending requests`,
    );
    if (lead.owner && isExtendedBy(lead, lead.owner))
      extended.set(lead.owner, (extended.get(lead.owner) ?? 0) + 1);
    // Deadlines move only forward, and only by an approved extension, within one SQL window.
    const old = before.get(lead.id);
    if (
      old?.stage === 'sql' &&
      lead.stage === 'sql' &&
      old.sqlSince === lead.sqlSince &&
      old.sqlDeadline !== lead.sqlDeadline
    ) {
      check(acceptedType === 'decideExtension', `${at} deadline moved by ${acceptedType}`);
      check(
        lead.sqlDeadline! - old.sqlDeadline! === days(SETTINGS.extensionDays),
        `${at} deadline moved by the wrong amount`,
      );
    }
    for (const k of contactKeys(lead)) check(s.byContact.has(k), `${at} contact key ${k} not indexed`);
  }
  for (const [rep, n] of extended) {
    check(n <= SETTINGS.maxExtendedLeadsPerRep, `${rep} holds ${n} extended leads`);
    check((s.extendedByRep.get(rep)?.size ?? 0) === n, `${rep} extended index out of step`);
  }
}

describe('random command sequences', () => {
  const SEQUENCES = 1000;
  const STEPS = 80;

  it(`keep every invariant over ${SEQUENCES} × ${STEPS} random commands, and replay to the same state`, () => {
    let accepted = 0;
    const reached = new Set<string>();
    const refusals = new Set<string>();
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      const r = rng(seed);
      const s = team(SETTINGS);
      const log: { input: Record<string, unknown>; who: string; now: number }[] = [];
      let now = T0;
      for (let n = 0; n < STEPS; n++) {
        now += Math.floor(r() * 8 * HOUR);
        const { who, input } = randomStep(r, s, n);
        const before = new Map(s.leads);
        runTimers(s, now);
        checkInvariants(s, before, null);
        const afterTimers = new Map(s.leads);
        const d = decide(s, input, actor(who), now);
        if (!d.ok) refusals.add(d.rejection.code);
        if (d.ok) {
          applyEvents(s, d.events);
          log.push({ input, who, now });
          accepted++;
          for (const l of s.leads.values()) {
            reached.add(l.stage);
            if (approvedExtensions(l) > 0) reached.add('extended');
          }
        }
        checkInvariants(s, afterTimers, d.ok ? (input.type as string) : null);
      }
      // Replaying the accepted commands in order (timers run the same way) yields the same state.
      const replay = team(SETTINGS);
      for (const { input, who, now: at } of log) {
        runTimers(replay, at);
        const d = decide(replay, input, actor(who), at);
        check(d.ok, `seed ${seed}: replay refused ${JSON.stringify(input)}`);
        if (d.ok) applyEvents(replay, d.events);
      }
      runTimers(replay, now);
      expect(Object.fromEntries(replay.leads), `seed ${seed}`).toEqual(Object.fromEntries(s.leads));
    }
    // The generator must actually exercise the rules, not bounce off them.
    expect(accepted).toBeGreaterThan(SEQUENCES * STEPS * 0.15);
    for (const stage of ['mql', 'sql', 'opportunity', 'won', 'lost', 'disqualified', 'pool']) {
      expect(reached.has(stage), `no sequence reached ${stage}`).toBe(true);
    }
    expect(reached.has('extended'), 'no lead was ever extended').toBe(true);
    for (const code of [
      'EXTENSION_QUOTA_FULL',
      'EXTENSION_LIMIT_REACHED',
      'DUPLICATE_LEAD',
      'SQL_DEADLINE_PASSED',
      'ALREADY_CLAIMED',
    ]) {
      expect(refusals.has(code), `the stream never hit ${code}`).toBe(true);
    }
  });
});
