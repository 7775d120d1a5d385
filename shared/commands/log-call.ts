import { z } from 'zod';
import { CALL_OUTCOMES } from '../lead.ts';
import { days } from '../settings.ts';
import { by, defineCommand, envelope, no, ok, requireOwner, requireStage } from './define.ts';

export const logCall = defineCommand({
  type: 'logCall',
  summary:
    'Records a call. On a new lead: invalid or wrong number disqualifies, the Nth unanswered call in a row disqualifies as unreachable, no demand (and by default hostile) parks it in nurture.',
  roles: ['telemarketer', 'rep'],
  schema: z.object({
    ...envelope,
    type: z.literal('logCall'),
    outcome: z.enum(CALL_OUTCOMES),
    note: z.string().max(5000).optional(),
    durationSec: z.number().int().min(0).max(86_400).optional(),
  }),
  decide(cmd, lead, ctx) {
    const wrong = requireStage(lead, 'new', 'mql', 'sql', 'opportunity') ?? requireOwner(lead, ctx);
    if (wrong) return no(wrong);
    const base = by(cmd, ctx);
    const call = {
      ...base,
      type: 'callLogged' as const,
      outcome: cmd.outcome,
      ...(cmd.note ? { note: cmd.note } : {}),
      ...(cmd.durationSec !== undefined ? { durationSec: cmd.durationSec } : {}),
    };
    // Screening outcomes move only leads still being screened; later a call is just history.
    if (lead.stage !== 'new') return ok(call);
    const s = ctx.settings;
    switch (cmd.outcome) {
      case 'invalid_number':
      case 'wrong_number':
        return ok(call, { ...base, type: 'disqualified', reason: cmd.outcome });
      case 'no_answer':
        if (lead.unansweredStreak + 1 >= s.unansweredCallsToDisqualify) {
          return ok(call, { ...base, type: 'disqualified', reason: 'unreachable' });
        }
        return ok(call);
      case 'no_demand':
        return ok(call, {
          ...base,
          type: 'pooled',
          reason: 'nurture',
          recallAt: ctx.now + days(s.nurtureRecallDays),
        });
      case 'hostile':
        return s.hostileParksInNurture
          ? ok(call, {
              ...base,
              type: 'pooled',
              reason: 'nurture',
              recallAt: ctx.now + days(s.nurtureRecallDays),
            })
          : ok(call, { ...base, type: 'disqualified', reason: 'hostile' });
      case 'interested':
        return ok(call);
    }
  },
});
