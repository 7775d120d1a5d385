import { z } from 'zod';
import { by, defineCommand, envelope, no, ok, requireOwner, requireStage } from './define.ts';

export const release = defineCommand({
  type: 'release',
  summary: 'The owner gives a lead back to the pool (released) for someone else to work.',
  roles: ['telemarketer', 'rep'],
  schema: z.object({ ...envelope, type: z.literal('release'), reason: z.string().max(2000).optional() }),
  decide(cmd, lead, ctx) {
    const wrong = requireStage(lead, 'new', 'mql', 'sql', 'opportunity') ?? requireOwner(lead, ctx);
    if (wrong) return no(wrong);
    return ok({
      ...by(cmd, ctx),
      type: 'pooled',
      reason: 'released',
      recallAt: null,
      ...(cmd.reason ? { note: cmd.reason } : {}),
    });
  },
});
