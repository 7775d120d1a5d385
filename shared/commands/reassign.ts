import { z } from 'zod';
import { approvedExtensions } from '../lead.ts';
import { reject } from '../rejections.ts';
import { by, defineCommand, envelope, IdSchema, no, ok, requireStage } from './define.ts';
import { quotaCheck } from './quota.ts';

export const reassign = defineCommand({
  type: 'reassign',
  summary:
    'A manager moves an open lead to another user of the right role (a rep for mql/sql/opportunity, a telemarketer or rep for new); deadlines stay as they are.',
  roles: ['manager', 'admin'],
  schema: z.object({ ...envelope, type: z.literal('reassign'), to: IdSchema }),
  decide(cmd, lead, ctx) {
    const wrong = requireStage(lead, 'new', 'mql', 'sql', 'opportunity');
    if (wrong) return no(wrong);
    const m = ctx.state.members.get(cmd.to);
    const fits = m?.active && (m.role === 'rep' || (lead.stage === 'new' && m.role === 'telemarketer'));
    if (!fits) {
      return no(
        reject('TARGET_NOT_REP', 'The lead can only go to an active user whose role works this stage.'),
      );
    }
    if (lead.owner === cmd.to) return no(reject('WRONG_STAGE', 'The lead already belongs to this user.'));
    // An extended SQL counts against its new holder's quota too.
    if (lead.stage === 'sql' && approvedExtensions(lead) > 0) {
      const full = quotaCheck({ ...lead, extensions: [] }, cmd.to, ctx);
      if (full) return no(full);
    }
    return ok({ ...by(cmd, ctx), type: 'reassigned', to: cmd.to });
  },
});
