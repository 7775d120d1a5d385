import { z } from 'zod';
import { ContactSchema, SOURCES } from '../lead.ts';
import { reject } from '../rejections.ts';
import { findDuplicate } from '../team.ts';
import { by, defineCommand, envelope, no, ok } from './define.ts';

export const capture = defineCommand({
  type: 'capture',
  summary:
    'Creates a lead at stage new, owned by the telemarketer or rep who captured it; a manager’s or admin’s capture waits in the pool (unassigned) for a claim.',
  roles: ['telemarketer', 'rep', 'manager', 'admin'],
  createsLead: true,
  schema: z.object({
    ...envelope,
    type: z.literal('capture'),
    contact: ContactSchema,
    source: z.enum(SOURCES),
    sourceUrl: z.string().max(2000).optional(),
    note: z.string().max(5000).optional(),
  }),
  decide(cmd, _lead, ctx) {
    const { contact } = cmd;
    if (!contact.emails.length && !contact.phones.length && !contact.name && !contact.company) {
      return no(
        reject(
          'MISSING_FIELDS',
          'A lead needs at least one of: a name, a company, an email or a phone.',
          undefined,
          {
            missing: ['contact'],
          },
        ),
      );
    }
    const dup = findDuplicate(ctx.state, { contact });
    if (dup) {
      const where = dup.owner
        ? `owned by ${ctx.state.members.get(dup.owner)?.name ?? 'another user'} at stage ${dup.stage}`
        : `at stage ${dup.stage}${dup.poolReason ? ` (${dup.poolReason})` : ''}`;
      return no(
        reject(
          'DUPLICATE_LEAD',
          `This contact is already a lead, ${where}.`,
          'Open the existing lead instead.',
          {
            existingLeadId: dup.id,
            stage: dup.stage,
            owner: dup.owner,
            poolReason: dup.poolReason,
          },
        ),
      );
    }
    return ok({
      ...by(cmd, ctx),
      type: 'captured',
      contact,
      source: cmd.source,
      ...(cmd.sourceUrl ? { sourceUrl: cmd.sourceUrl } : {}),
      ...(cmd.note ? { note: cmd.note } : {}),
      owner: ctx.actor.role === 'telemarketer' || ctx.actor.role === 'rep' ? ctx.actor.userId : null,
    });
  },
});
