import { z } from 'zod';
import { by, defineCommand, envelope, no, ok, requireOwner, requireStage } from './define.ts';

export const closeLost = defineCommand({
  type: 'closeLost',
  summary: 'The opportunity is lost; the reason is required (it feeds the team’s review).',
  roles: ['rep'],
  schema: z.object({ ...envelope, type: z.literal('closeLost'), reason: z.string().trim().min(1).max(2000) }),
  decide(cmd, lead, ctx) {
    const wrong = requireStage(lead, 'opportunity') ?? requireOwner(lead, ctx);
    if (wrong) return no(wrong);
    return ok({ ...by(cmd, ctx), type: 'closed', outcome: 'lost', reason: cmd.reason });
  },
});
