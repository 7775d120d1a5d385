import { z } from 'zod';
import { reject } from '../rejections.ts';
import {
  by,
  defineCommand,
  envelope,
  IdSchema,
  isActiveRep,
  no,
  ok,
  requireOwner,
  requireStage,
} from './define.ts';

export const transfer = defineCommand({
  type: 'transfer',
  summary:
    'Hands an interested new lead to a rep as an MQL (new → mql); the rep must then accept or return it.',
  roles: ['telemarketer', 'rep', 'manager'],
  schema: z.object({
    ...envelope,
    type: z.literal('transfer'),
    toRep: IdSchema,
    note: z.string().max(2000).optional(),
  }),
  decide(cmd, lead, ctx) {
    const wrong = requireStage(lead, 'new') ?? requireOwner(lead, ctx);
    if (wrong) return no(wrong);
    if (!lead.interested) {
      return no(
        reject(
          'NOT_QUALIFIED',
          'Only a contact who stayed on after the pitch can be transferred.',
          'Log an interested call first.',
        ),
      );
    }
    if (!isActiveRep(ctx, cmd.toRep)) {
      return no(
        reject(
          'TARGET_NOT_REP',
          'An MQL can only be transferred to an active sales rep.',
          'Pick a rep from the list.',
        ),
      );
    }
    return ok({ ...by(cmd, ctx), type: 'transferred', to: cmd.toRep });
  },
});
