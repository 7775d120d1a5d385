import { z } from 'zod';
import { days } from '../settings.ts';
import { by, defineCommand, envelope, no, ok, requireOwner, requireStage } from './define.ts';

export const acceptMql = defineCommand({
  type: 'acceptMql',
  summary: 'The receiving rep confirms a correct MQL: mql → sql, and the one-week window starts.',
  roles: ['rep'],
  schema: z.object({ ...envelope, type: z.literal('acceptMql') }),
  decide(cmd, lead, ctx) {
    const wrong = requireStage(lead, 'mql') ?? requireOwner(lead, ctx);
    if (wrong) return no(wrong);
    return ok({ ...by(cmd, ctx), type: 'mqlAccepted', deadline: ctx.now + days(ctx.settings.sqlWindowDays) });
  },
});
