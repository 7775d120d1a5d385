import { z } from 'zod';
import { reject } from '../rejections.ts';
import { by, defineCommand, envelope, no, ok, requireOwner, requireStage } from './define.ts';

export const advancePhase = defineCommand({
  type: 'advancePhase',
  summary: 'Moves an opportunity to another of the team’s phases (each has a win rate for the forecast).',
  roles: ['rep'],
  schema: z.object({ ...envelope, type: z.literal('advancePhase'), phase: z.string().min(1).max(40) }),
  decide(cmd, lead, ctx) {
    const wrong = requireStage(lead, 'opportunity') ?? requireOwner(lead, ctx);
    if (wrong) return no(wrong);
    if (!ctx.settings.phases.some((p) => p.id === cmd.phase)) {
      return no(
        reject('UNKNOWN_PHASE', `“${cmd.phase}” is not one of the team’s phases.`, undefined, {
          phases: ctx.settings.phases.map((p) => p.id),
        }),
      );
    }
    if (lead.phase === cmd.phase)
      return no(reject('WRONG_STAGE', `The opportunity is already in phase ${cmd.phase}.`));
    return ok({ ...by(cmd, ctx), type: 'phaseAdvanced', phase: cmd.phase });
  },
});
