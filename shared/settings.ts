import { z } from 'zod';

/** One opportunity phase and the share of opportunities in it that end won (for the forecast). */
export const PhaseSchema = z.object({
  id: z.string().min(1).max(40),
  label: z.string().min(1).max(80),
  winRate: z.number().min(0).max(1),
});
export type Phase = z.infer<typeof PhaseSchema>;

/** What a telemarketer reads on a call: one sentence, then thirty seconds, then the hand-over. */
export const CallScriptSchema = z.object({
  intro: z.string().max(500),
  overview: z.string().max(2000),
  transferPhrase: z.string().max(500),
});

export const TeamSettingsSchema = z.object({
  sqlWindowDays: z.number().positive().max(365),
  extensionDays: z.number().positive().max(365),
  maxExtensionsPerLead: z.number().int().min(0).max(10),
  maxExtendedLeadsPerRep: z.number().int().min(0).max(1000),
  unansweredCallsToDisqualify: z.number().int().min(1).max(20),
  dangerDays: z.number().positive().max(3650),
  nurtureRecallDays: z.number().positive().max(3650),
  reclaimCooldownDays: z.number().min(0).max(365),
  /** Hostile contacts are parked in nurture by default; a team may disqualify them instead. */
  hostileParksInNurture: z.boolean(),
  phases: z.array(PhaseSchema).min(1).max(12),
  /** ISO 3166 region used to read phone numbers written without a country code. */
  defaultPhoneRegion: z.string().regex(/^[A-Z]{2}$/),
  callScript: CallScriptSchema,
});
export type TeamSettings = z.infer<typeof TeamSettingsSchema>;

export const DEFAULT_SETTINGS: TeamSettings = {
  sqlWindowDays: 7,
  extensionDays: 7,
  maxExtensionsPerLead: 2,
  maxExtendedLeadsPerRep: 10,
  unansweredCallsToDisqualify: 3,
  dangerDays: 30,
  nurtureRecallDays: 90,
  reclaimCooldownDays: 7,
  hostileParksInNurture: true,
  phases: [
    { id: 'confirm', label: 'Confirm need', winRate: 0.2 },
    { id: 'demo', label: 'Demo', winRate: 0.4 },
    { id: 'quote', label: 'Quote', winRate: 0.6 },
    { id: 'negotiate', label: 'Negotiate', winRate: 0.8 },
  ],
  defaultPhoneRegion: 'US',
  callScript: {
    intro: 'Hi, this is {me} from {company}: we help sales teams stop losing leads.',
    overview:
      'In thirty seconds: our sidebar sits beside your mail and dialer, captures every lead, and tells each rep what to push today, so no lead is forgotten and every deadline is met.',
    transferPhrase:
      'That sounds like a fit: let me hand you to {rep}, who can show you how it would work for your team.',
  },
};

/** Partial settings from an admin, merged over the defaults and validated as a whole. */
export function mergeSettings(base: TeamSettings, patch: unknown): TeamSettings {
  const partial = TeamSettingsSchema.partial().parse(patch);
  return TeamSettingsSchema.parse({ ...base, ...partial });
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const days = (n: number): number => Math.round(n * DAY_MS);
/** YYYY-MM-DD of a time in the local zone (what a date input holds and shows), not UTC's. */
export function localDate(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
