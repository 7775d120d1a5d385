import { type HistoryEntry, type Lead, STAGES, type Stage } from './lead.ts';
import type { TeamSettings } from './settings.ts';

/**
 * Funnel metrics over any period, computed from each lead's history (the `history` entries written by
 * `apply`), and the forecast over open opportunities. Pure and single-pass over the leads.
 *
 * Periods are half-open, [from, to): an entry at exactly `from` counts, one at exactly `to` does not, so
 * consecutive periods (days, weeks, months) add up without counting a boundary event twice.
 *
 * Vocabulary:
 * - A **stage change** is a history entry whose stage differs from the entry before it (the first entry
 *   counts as entering `new`). A `reassigned` entry keeps the stage: it changes the owner, not the stage.
 * - A **stay** is the time from one stage change to the next. Stays still running at `to` are not counted.
 */

export type Period = { from: number; to: number };
export type StageCounts = Record<Stage, number>;

/** Of the stays in `from` that began in the period, how many went straight on to `to` before the period ended. */
export type Conversion = { from: Stage; to: Stage; entered: number; converted: number; rate: number | null };

/**
 * One telemarketer's MQLs. `transferred`: MQLs they made in the period. `valid`/`returned`/`released`: the
 * verdicts given in the period on their MQLs (whenever transferred): accepted by the rep, returned as illegal,
 * or released to the pool without a verdict. A returned MQL never counts as valid, even if the lead is later
 * claimed as an SQL from the pool; if the lead is screened and transferred again, that is a new MQL.
 */
export type MqlTally = { transferred: number; valid: number; returned: number; released: number };

export type TimeInStage = { stays: number; medianMs: number | null };

export type FunnelMetrics = {
  period: Period;
  /** Stage changes into each stage in the period (a lead that became an SQL twice counts twice). */
  entries: StageCounts;
  /** Distinct leads that entered each stage in the period. */
  leads: StageCounts;
  /** lead→MQL, MQL→SQL, SQL→opportunity, opportunity→won, counted per stay (see Conversion). */
  conversions: Conversion[];
  mqls: { byTelemarketer: Record<string, MqlTally>; total: MqlTally };
  /** Median length of the stays in each stage that ended in the period. */
  timeInStage: Record<Stage, TimeInStage>;
  /** SQLs returned to the pool by the one-week rule in the period, by the rep who held them. */
  sqlExpired: { total: number; byRep: Record<string, number> };
  /** Opportunities closed in the period; `wonAmount` sums the won deals' amounts per currency. */
  closed: { won: number; lost: number; winRate: number | null; wonAmount: Record<string, number> };
};

export const CONVERSIONS: readonly (readonly [Stage, Stage])[] = [
  ['new', 'mql'],
  ['mql', 'sql'],
  ['sql', 'opportunity'],
  ['opportunity', 'won'],
];
const NEXT: Partial<Record<Stage, Stage>> = Object.fromEntries(CONVERSIONS);
const STAGE_INDEX = new Map<Stage, number>(STAGES.map((s, i) => [s, i]));

const zeroCounts = (): StageCounts => Object.fromEntries(STAGES.map((s) => [s, 0])) as StageCounts;
const zeroTally = (): MqlTally => ({ transferred: 0, valid: 0, returned: 0, released: 0 });
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/**
 * Why a lead left MQL for the pool. The history entry does not record the pool reason (see the note in the
 * report), so it is known only while that entry is the lead's latest one (`lead.poolReason`), or from a
 * `reason` on the entry should the history ever carry one. Otherwise it is taken as returned: `returnMql` is
 * the rule for an MQL the rep will not take, and an unaccepted MQL must never count as valid.
 */
function mqlExitReason(lead: Lead, h: readonly HistoryEntry[], i: number): string {
  const own = (h[i] as HistoryEntry & { reason?: unknown }).reason;
  if (typeof own === 'string') return own;
  if (i === h.length - 1 && lead.stage === 'pool' && lead.poolReason) return lead.poolReason;
  return 'returned_mql';
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const a = Float64Array.from(xs).sort();
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

/** Funnel metrics for the period [from, to). */
export function funnelMetrics(
  leads: Iterable<Lead>,
  period: Period,
  _settings?: TeamSettings,
): FunnelMetrics {
  const { from, to } = period;
  if (!(from <= to)) throw new RangeError(`funnelMetrics: period.from (${from}) is after period.to (${to})`);
  const inPeriod = (at: number) => at >= from && at < to;
  const entries = zeroCounts();
  const leadCounts = zeroCounts();
  const converted = zeroCounts();
  const stays = new Map<Stage, number[]>(STAGES.map((s) => [s, []]));
  const tele = new Map<string, MqlTally>();
  const tallyOf = (id: string) => {
    let t = tele.get(id);
    if (!t) {
      t = zeroTally();
      tele.set(id, t);
    }
    return t;
  };
  const expiredBy = new Map<string, number>();
  let expired = 0;
  let won = 0;
  let lost = 0;
  const wonAmount = new Map<string, number>();

  for (const lead of leads) {
    const h = lead.history;
    // Histories are in time order; a lead whose whole history is before the period adds nothing.
    if (!h.length || h[h.length - 1].at < from) continue;
    let seen = 0; // bit per stage: entered in the period
    let prev = -1; // index of the previous stage change
    for (let i = 0; i < h.length; i++) {
      const e = h[i];
      if (prev >= 0 && e.stage === h[prev].stage) continue;
      const now = inPeriod(e.at);
      if (prev >= 0) {
        const p = h[prev];
        if (now) stays.get(p.stage)!.push(e.at - p.at);
        if (inPeriod(p.at) && NEXT[p.stage] === e.stage && e.at < to) converted[p.stage]++;
        if (p.stage === 'mql' && now) {
          const t = tallyOf(p.by);
          if (e.stage === 'sql') t.valid++;
          else if (e.stage === 'pool') {
            if (mqlExitReason(lead, h, i) === 'released') t.released++;
            else t.returned++;
          }
        }
      }
      if (now) {
        entries[e.stage]++;
        seen |= 1 << STAGE_INDEX.get(e.stage)!;
        if (e.stage === 'mql') tallyOf(e.by).transferred++;
        if (e.event === 'sqlExpired') {
          expired++;
          const owner = i > 0 ? h[i - 1].owner : null;
          if (owner) expiredBy.set(owner, (expiredBy.get(owner) ?? 0) + 1);
        }
        if (e.stage === 'won') {
          won++;
          if (lead.amount !== null && lead.currency)
            wonAmount.set(lead.currency, (wonAmount.get(lead.currency) ?? 0) + lead.amount);
        } else if (e.stage === 'lost') lost++;
      }
      prev = i;
    }
    if (seen) for (const s of STAGES) if (seen & (1 << STAGE_INDEX.get(s)!)) leadCounts[s]++;
  }

  const total = zeroTally();
  for (const t of tele.values()) {
    total.transferred += t.transferred;
    total.valid += t.valid;
    total.returned += t.returned;
    total.released += t.released;
  }
  return {
    period: { from, to },
    entries,
    leads: leadCounts,
    conversions: CONVERSIONS.map(([a, b]) => ({
      from: a,
      to: b,
      entered: entries[a],
      converted: converted[a],
      rate: ratio(converted[a], entries[a]),
    })),
    mqls: { byTelemarketer: Object.fromEntries(tele), total },
    timeInStage: Object.fromEntries(
      STAGES.map((s) => {
        const xs = stays.get(s)!;
        return [s, { stays: xs.length, medianMs: median(xs) }];
      }),
    ) as Record<Stage, TimeInStage>,
    sqlExpired: { total: expired, byRep: Object.fromEntries(expiredBy) },
    closed: { won, lost, winRate: ratio(won, won + lost), wonAmount: Object.fromEntries(wonAmount) },
  };
}

export type ForecastLine = {
  /** Σ amount × the current phase's win rate, rounded to cents. */
  weighted: number;
  /** Σ amount, unweighted. */
  pipeline: number;
  opportunities: number;
};

export type Forecast = {
  byCurrency: Record<string, ForecastLine>;
  /** Open opportunities without an amount or currency yet: not in any line. */
  withoutAmount: number;
  /** Open opportunities whose phase is no longer one of the team's phases: weighted at 0. */
  unknownPhase: number;
};

/** The forecast over open opportunities, per currency (amounts in different currencies are never added). */
export function forecast(leads: Iterable<Lead>, settings: TeamSettings): Forecast {
  const rates = new Map(settings.phases.map((p) => [p.id, p.winRate]));
  const lines = new Map<string, ForecastLine>();
  let withoutAmount = 0;
  let unknownPhase = 0;
  for (const lead of leads) {
    if (lead.stage !== 'opportunity') continue;
    const rate = lead.phase === null ? undefined : rates.get(lead.phase);
    if (rate === undefined) unknownPhase++;
    if (lead.amount === null || !lead.currency) {
      withoutAmount++;
      continue;
    }
    let line = lines.get(lead.currency);
    if (!line) {
      line = { weighted: 0, pipeline: 0, opportunities: 0 };
      lines.set(lead.currency, line);
    }
    line.weighted += lead.amount * (rate ?? 0);
    line.pipeline += lead.amount;
    line.opportunities++;
  }
  for (const line of lines.values()) line.weighted = Math.round(line.weighted * 100) / 100;
  return { byCurrency: Object.fromEntries(lines), withoutAmount, unknownPhase };
}
