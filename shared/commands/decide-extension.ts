import { z } from 'zod';
import { approvedExtensions, pendingExtension } from '../lead.ts';
import { reject } from '../rejections.ts';
import { days } from '../settings.ts';
import { by, deadlinePassed, defineCommand, envelope, no, ok, requireStage } from './define.ts';
import { quotaCheck } from './quota.ts';

export const decideExtension = defineCommand({
  type: 'decideExtension',
  summary:
    'A manager approves (one more week on the deadline) or denies the pending extension request; never on their own lead. At most 2 approved per lead and 10 extended leads per rep.',
  roles: ['manager'],
  schema: z.object({
    ...envelope,
    type: z.literal('decideExtension'),
    approve: z.boolean(),
    note: z.string().max(2000).optional(),
  }),
  decide(cmd, lead, ctx) {
    const late = deadlinePassed(lead, ctx);
    if (late) return no(late);
    if (lead.stage === 'pool' && lead.poolReason === 'sql_expired') {
      return no(
        reject(
          'SQL_DEADLINE_PASSED',
          'The SQL’s deadline passed before this decision; the lead went back to the pool.',
        ),
      );
    }
    const wrong = requireStage(lead, 'sql');
    if (wrong) return no(wrong);
    if (lead.owner === ctx.actor.userId)
      return no(reject('OWN_LEAD', undefined, 'Another manager must decide.'));
    const pending = pendingExtension(lead);
    if (!pending) {
      return no(
        reject(
          'NO_PENDING_EXTENSION',
          'There is no extension request waiting on this lead (it may have been decided already).',
        ),
      );
    }
    const base = {
      ...by(cmd, ctx),
      type: 'extensionDecided' as const,
      extensionId: pending.id,
      ...(cmd.note ? { note: cmd.note } : {}),
    };
    if (!cmd.approve) return ok({ ...base, approved: false, deadline: null });
    if (approvedExtensions(lead) >= ctx.settings.maxExtensionsPerLead) {
      return no(
        reject(
          'EXTENSION_LIMIT_REACHED',
          `This lead already had ${ctx.settings.maxExtensionsPerLead} extensions.`,
        ),
      );
    }
    const full = quotaCheck(lead, lead.owner!, ctx);
    if (full) return no(full);
    return ok({ ...base, approved: true, deadline: lead.sqlDeadline! + days(ctx.settings.extensionDays) });
  },
});
