import { z } from 'zod';
import { reject } from '../rejections.ts';
import {
  by,
  deadlinePassed,
  defineCommand,
  envelope,
  listOf,
  no,
  ok,
  requireOwner,
  requireStage,
} from './define.ts';

export const qualify = defineCommand({
  type: 'qualify',
  summary:
    'Turns an SQL into a business opportunity (sql → opportunity) before its deadline; confirmed demand, seats (a whole number ≥ 1) and the correct company name are all required.',
  roles: ['rep'],
  // Fields are optional in the schema so that a missing one gets MISSING_FIELDS with a sentence, not a 400.
  schema: z.object({
    ...envelope,
    type: z.literal('qualify'),
    demand: z.string().trim().max(2000).optional(),
    seats: z.number().optional(),
    companyName: z.string().trim().max(200).optional(),
  }),
  decide(cmd, lead, ctx) {
    const late = deadlinePassed(lead, ctx);
    if (late) return no(late);
    const wrong = requireStage(lead, 'sql') ?? requireOwner(lead, ctx);
    if (wrong) return no(wrong);
    const missing: string[] = [];
    if (!cmd.demand) missing.push('demand');
    if (cmd.seats === undefined || !Number.isInteger(cmd.seats) || cmd.seats < 1) missing.push('seats');
    if (!cmd.companyName) missing.push('companyName');
    if (missing.length) {
      const words = {
        demand: 'the confirmed demand',
        seats: 'the number of seats (1 or more)',
        companyName: 'the correct company name',
      };
      return no(
        reject(
          'MISSING_FIELDS',
          `A quotation needs ${listOf(missing.map((m) => words[m as keyof typeof words]))}.`,
          'Confirm them with the contact, then qualify again.',
          { missing },
        ),
      );
    }
    return ok({
      ...by(cmd, ctx),
      type: 'qualified',
      demand: cmd.demand!,
      seats: cmd.seats!,
      companyName: cmd.companyName!,
      phase: ctx.settings.phases[0].id,
    });
  },
});
