/**
 * Domain benchmark: the rules, the daily focus and the funnel metrics at the sizes DESIGN.md plans for.
 *
 *   npx tsx bench/domain.ts            # prints a table
 *   import { run } from './domain.ts'  # returns the figures (for `npm run bench`)
 *
 * (a) 100,000 plausible commands from a whole team (captures, calls, transfers, accepts, qualifies,
 *     extensions, claims, deals, closes, plus noise that gets rejected) through runTimers + decide +
 *     applyEvents with an advancing clock. "rules" counts only that; "with generator" includes choosing the
 *     commands. The team is warmed up first so commands hit existing leads.
 * (b) dailyFocus for one user over 50,000 leads, per role; the target is < 50 ms per call.
 * (c) funnelMetrics (last 90 days) and forecast over the same 50,000 leads.
 * Timings are medians of several runs after a warm-up. Everything is seeded: the same figures' inputs each run.
 */
import { pathToFileURL } from 'node:url';
import { decide } from '../shared/decide.ts';
import { generateTeam, TeamSimulator } from '../shared/fixtures-gen.ts';
import { dailyFocus } from '../shared/focus.ts';
import { forecast, funnelMetrics } from '../shared/metrics.ts';
import type { Actor } from '../shared/roles.ts';
import { days } from '../shared/settings.ts';
import { applyEvents, runTimers } from '../shared/team.ts';

export type Figures = Record<string, number | string>;

const COMMANDS = 100_000;
const LEADS = 50_000;
const SEED = 20260105;

function medianOf(runs: number, warmup: number, fn: () => unknown): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const m = times.length >> 1;
  return times.length % 2 ? times[m] : (times[m - 1] + times[m]) / 2;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function benchCommands(): Figures {
  const sim = new TeamSimulator({ seed: SEED, captureEveryMs: 5 * 60_000 });
  sim.run(20_000); // warm-up: a team with a few thousand leads in every stage
  const before = { ...sim.stats };
  let rulesMs = 0;
  const t0 = performance.now();
  for (let i = 0; i < COMMANDS; i++) {
    const step = sim.next();
    if (!step) break;
    const t = performance.now();
    runTimers(sim.state, step.now);
    const d = decide(sim.state, step.command, step.actor, step.now);
    if (d.ok) applyEvents(sim.state, d.events);
    rulesMs += performance.now() - t;
    sim.observe(step, d);
  }
  const totalMs = performance.now() - t0;
  const issued = sim.stats.issued - before.issued;
  return {
    'commands.count': issued,
    'commands.accepted': sim.stats.accepted - before.accepted,
    'commands.rejected': sim.stats.rejected - before.rejected,
    'commands.leads': sim.state.leads.size,
    'commands.rulesPerSec': Math.round(issued / (rulesMs / 1000)),
    'commands.withGeneratorPerSec': Math.round(issued / (totalMs / 1000)),
    'commands.simulatedDays': round(simulatedDays(sim), 1),
  };
}

/** How much team time the whole simulation covered (for the reader: what "100,000 commands" amounts to). */
function simulatedDays(sim: TeamSimulator): number {
  let first = Number.POSITIVE_INFINITY;
  for (const l of sim.state.leads.values()) if (l.capturedAt < first) first = l.capturedAt;
  return (sim.now - first) / days(1);
}

function benchReadModels(): Figures {
  const t0 = performance.now();
  const g = generateTeam({ seed: SEED, leads: LEADS, telemarketers: 10, reps: 20, managers: 3 });
  const genMs = performance.now() - t0;
  const leads = [...g.state.leads.values()];
  const names = new Map(g.members.map((m) => [m.id, m.name]));
  const nameOf = (id: string) => names.get(id);
  const out: Figures = { 'team.leads': leads.length, 'team.generateMs': Math.round(genMs) };
  const users: [string, Actor][] = [
    ['rep', { userId: 'rep-0001', role: 'rep' }],
    ['telemarketer', { userId: 'tele-0001', role: 'telemarketer' }],
    ['manager', { userId: 'mgr-0001', role: 'manager' }],
  ];
  let worst = 0;
  for (const [label, user] of users) {
    // Over the Map's values, as the server and the Dexie read model would hand them over.
    const ms = medianOf(25, 5, () =>
      dailyFocus(g.state.leads.values(), user, g.now, g.state.settings, { nameOf }),
    );
    worst = Math.max(worst, ms);
    out[`focus.${label}.ms`] = round(ms);
    out[`focus.${label}.perSec`] = Math.round(1000 / ms);
    out[`focus.${label}.items`] = dailyFocus(leads, user, g.now, g.state.settings).length;
  }
  out['focus.worst.ms'] = round(worst);
  out['focus.under50ms'] = worst < 50 ? 'yes' : 'NO';
  const period = { from: g.now - days(90), to: g.now };
  const funnel = medianOf(11, 3, () => funnelMetrics(leads, period, g.state.settings));
  out['funnel.ms'] = round(funnel);
  out['funnel.perSec'] = round(1000 / funnel, 1);
  const fc = medianOf(25, 5, () => forecast(leads, g.state.settings));
  out['forecast.ms'] = round(fc);
  out['forecast.perSec'] = Math.round(1000 / fc);
  return out;
}

export async function run(): Promise<Figures> {
  return { ...benchCommands(), ...benchReadModels() };
}

function print(f: Figures): void {
  const rows: [string, string, string][] = [
    [
      '(a) decide + apply, rules only',
      `${f['commands.rulesPerSec']} commands/s`,
      `${f['commands.count']} commands`,
    ],
    [
      '(a) … including the generator',
      `${f['commands.withGeneratorPerSec']} commands/s`,
      `${f['commands.rejected']} rejected, ${f['commands.leads']} leads, ${f['commands.simulatedDays']} days`,
    ],
    ['(b) daily focus, rep', `${f['focus.rep.ms']} ms`, `${f['focus.rep.perSec']} calls/s`],
    [
      '(b) daily focus, telemarketer',
      `${f['focus.telemarketer.ms']} ms`,
      `${f['focus.telemarketer.perSec']} calls/s`,
    ],
    ['(b) daily focus, manager', `${f['focus.manager.ms']} ms`, `${f['focus.manager.perSec']} calls/s`],
    ['(c) funnel metrics, 90 days', `${f['funnel.ms']} ms`, `${f['funnel.perSec']} ops/s`],
    ['(c) forecast', `${f['forecast.ms']} ms`, `${f['forecast.perSec']} ops/s`],
  ];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(
    `Domain benchmark (${f['team.leads']} leads for b/c, generated in ${f['team.generateMs']} ms)\n`,
  );
  for (const r of rows) console.log(`  ${r[0].padEnd(w[0])}  ${r[1].padStart(w[1])}  ${r[2]}`);
  console.log(
    `\n  focus under 50 ms for every role: ${f['focus.under50ms']} (worst ${f['focus.worst.ms']} ms)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  print(await run());
}
