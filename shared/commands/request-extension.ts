import { z } from 'zod';
import { approvedExtensions, pendingExtension } from '../lead.ts';
import { reject } from '../rejections.ts';
import { by, deadlinePassed, defineCommand, envelope, no, ok, requireOwner, requireStage } from './define.ts';
import { quotaCheck } from './quota.ts';

export const requestExtension = defineCommand({
  type: 'requestExtension',
  summary: 'The owner rep asks a manager for one more week on an SQL (one request pending at a time).',
  roles: ['rep'],
  schema: z.object({
    ...envelope,
    type: z.literal('requestExtension'),
    reason: z.string().trim().min(1).max(2000),
  }),
  decide(cmd, lead, ctx) {
    const late = deadlinePassed(lead, ctx);
    if (late) return no(late);
    const wrong = requireStage(lead, 'sql') ?? requireOwner(lead, ctx);
    if (wrong) return no(wrong);
    if (approvedExtensions(lead) >= ctx.settings.maxExtensionsPerLead) {
      return no(
        reject(
          'EXTENSION_LIMIT_REACHED',
          `This lead already had ${ctx.settings.maxExtensionsPerLead} extensions.`,
          'Qualify it before the deadline or it returns to the pool.',
        ),
      );
    }
    if (pendingExtension(lead)) {
      return no(reject('EXTENSION_PENDING', undefined, 'Wait for the manager’s decision.'));
    }
    const full = quotaCheck(lead, lead.owner!, ctx);
    if (full) return no(full);
    return ok({ ...by(cmd, ctx), type: 'extensionRequested', extensionId: cmd.id, reason: cmd.reason });
  },
});
