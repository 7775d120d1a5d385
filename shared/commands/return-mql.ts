import { z } from 'zod';
import { by, defineCommand, envelope, no, ok, requireOwner, requireStage } from './define.ts';

export const returnMql = defineCommand({
  type: 'returnMql',
  summary:
    'The receiving rep sends back an illegal MQL (e.g. the phone never connects): it goes to the pool as returned_mql and never counts as a valid MQL.',
  roles: ['rep'],
  schema: z.object({ ...envelope, type: z.literal('returnMql'), reason: z.string().trim().min(1).max(2000) }),
  decide(cmd, lead, ctx) {
    const wrong = requireStage(lead, 'mql') ?? requireOwner(lead, ctx);
    if (wrong) return no(wrong);
    return ok({ ...by(cmd, ctx), type: 'pooled', reason: 'returned_mql', recallAt: null, note: cmd.reason });
  },
});
