import type { Command } from './commands/index.ts';
import { type Decision, decide } from './decide.ts';
import type { Lead } from './lead.ts';
import type { Actor, Member } from './roles.ts';
import { DEFAULT_SETTINGS, days, type TeamSettings } from './settings.ts';
import { applyEvents, createTeamState, runTimers, type TeamState } from './team.ts';

/**
 * Builders for tests and benchmarks (no test-framework imports, so the server's tests can use them too).
 * Ids are readable, not UUIDs: the id schema accepts any 8–64 URL-safe characters.
 */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0); // a Monday, 09:00 UTC
export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export { days };

export const MEMBERS: Member[] = [
  { id: 'tele-0001', name: 'Tina Tele', role: 'telemarketer', active: true },
  { id: 'tele-0002', name: 'Tom Tele', role: 'telemarketer', active: true },
  { id: 'rep-a-001', name: 'Ana Rep', role: 'rep', active: true },
  { id: 'rep-b-001', name: 'Ben Rep', role: 'rep', active: true },
  { id: 'mgr-0001', name: 'Mia Manager', role: 'manager', active: true },
  { id: 'mgr-0002', name: 'Max Manager', role: 'manager', active: true },
  { id: 'admin-001', name: 'Ada Admin', role: 'admin', active: true },
];
const byId = new Map(MEMBERS.map((m) => [m.id, m]));
export const actor = (id: string): Actor => ({ userId: id, role: byId.get(id)!.role });
export const TELE = 'tele-0001';
export const REP_A = 'rep-a-001';
export const REP_B = 'rep-b-001';
export const MGR = 'mgr-0001';
export const MGR2 = 'mgr-0002';

export function team(settings: TeamSettings = DEFAULT_SETTINGS): TeamState {
  return createTeamState(settings, MEMBERS);
}

let seq = 0;
export const cmdId = (): string => `cmd-${(++seq).toString().padStart(8, '0')}`;

/** A command body without the envelope chores: fills id (fresh) unless given. */
export function cmd(
  type: Command['type'],
  leadId: string,
  args: Record<string, unknown> = {},
): Record<string, unknown> {
  return { id: cmdId(), type, leadId, ...args };
}

/** Runs timers to `now`, decides, and applies on success: what the authority does for one command. */
export function act(state: TeamState, who: string, input: unknown, now: number): Decision {
  runTimers(state, now);
  const d = decide(state, input, actor(who), now);
  if (d.ok) applyEvents(state, d.events);
  return d;
}

/** Like act, but throws with the rejection when the command is refused: for building scenarios. */
export function must(state: TeamState, who: string, input: unknown, now: number): Lead {
  const d = act(state, who, input, now);
  if (!d.ok)
    throw new Error(
      `expected ${String((input as { type: string }).type)} to pass: ${d.rejection.code} ${d.rejection.message}`,
    );
  return state.leads.get((input as { leadId: string }).leadId)!;
}

let leadSeq = 0;
export const leadId = (): string => `lead-${(++leadSeq).toString().padStart(8, '0')}`;

export function contactFor(n: number) {
  return {
    name: `Contact ${n}`,
    company: `Company ${n}`,
    emails: [`contact${n}@example.com`],
    phones: [`+1212555${(1000 + (n % 9000)).toString()}`],
  };
}

let contactSeq = 0;
/** Walks a fresh lead up to the given stage, owned as the funnel would leave it. Returns its id. */
export function leadAt(
  state: TeamState,
  stage: 'new' | 'interested' | 'mql' | 'sql' | 'opportunity' | 'pool',
  now: number,
  opts: { rep?: string; tele?: string } = {},
): string {
  const id = leadId();
  const tele = opts.tele ?? TELE;
  const rep = opts.rep ?? REP_A;
  must(state, tele, cmd('capture', id, { contact: contactFor(++contactSeq), source: 'manual' }), now);
  if (stage === 'new') return id;
  if (stage === 'pool') {
    must(state, tele, cmd('logCall', id, { outcome: 'no_demand' }), now);
    return id;
  }
  must(state, tele, cmd('logCall', id, { outcome: 'interested' }), now);
  if (stage === 'interested') return id;
  must(state, tele, cmd('transfer', id, { toRep: rep }), now);
  if (stage === 'mql') return id;
  must(state, rep, cmd('acceptMql', id), now);
  if (stage === 'sql') return id;
  must(state, rep, cmd('qualify', id, { demand: '20 seats CRM', seats: 20, companyName: 'Acme GmbH' }), now);
  return id;
}
