import { z } from 'zod';
import { by, defineCommand, envelope, no, ok, requireOwner, requireStage } from './define.ts';

export const setDeal = defineCommand({
  type: 'setDeal',
  summary:
    'Sets an opportunity’s amount, currency and expected close date (for the forecast and the focus list).',
  roles: ['rep'],
  schema: z.object({
    ...envelope,
    type: z.literal('setDeal'),
    amount: z.number().nonnegative().max(1e12),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code'),
    expectedClose: z.number().int().nonnegative().nullable().optional(),
  }),
  decide(cmd, lead, ctx) {
    const wrong = requireStage(lead, 'opportunity') ?? requireOwner(lead, ctx);
    if (wrong) return no(wrong);
    return ok({
      ...by(cmd, ctx),
      type: 'dealSet',
      amount: cmd.amount,
      currency: cmd.currency,
      expectedClose: cmd.expectedClose ?? null,
    });
  },
});
