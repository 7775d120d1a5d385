import { z } from 'zod';
import { by, defineCommand, envelope, no, ok, requireOwner, requireStage } from './define.ts';

export const closeWon = defineCommand({
  type: 'closeWon',
  summary: 'The opportunity is signed: the order is won.',
  roles: ['rep'],
  schema: z.object({ ...envelope, type: z.literal('closeWon'), note: z.string().max(2000).optional() }),
  decide(cmd, lead, ctx) {
    const wrong = requireStage(lead, 'opportunity') ?? requireOwner(lead, ctx);
    if (wrong) return no(wrong);
    return ok({ ...by(cmd, ctx), type: 'closed', outcome: 'won', ...(cmd.note ? { reason: cmd.note } : {}) });
  },
});
