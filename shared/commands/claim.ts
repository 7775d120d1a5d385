import { z } from 'zod';
import { reject } from '../rejections.ts';
import { days } from '../settings.ts';
import { by, defineCommand, envelope, formatDuration, no, ok } from './define.ts';

export const claim = defineCommand({
  type: 'claim',
  summary:
    'Takes a lead from the pool: a rep gets a fresh one-week SQL window, a telemarketer gets it back as new for re-screening. A rep whose SQL expired cannot reclaim it during the cool-down.',
  roles: ['telemarketer', 'rep'],
  schema: z.object({ ...envelope, type: z.literal('claim') }),
  decide(cmd, lead, ctx) {
    if (lead.stage !== 'pool') {
      if (lead.owner === ctx.actor.userId) {
        return no(reject('WRONG_STAGE', 'You already hold this lead.', undefined, { stage: lead.stage }));
      }
      if (lead.owner) {
        const who = ctx.state.members.get(lead.owner)?.name ?? 'another user';
        return no(
          reject('ALREADY_CLAIMED', `${who} claimed this lead first.`, 'Pick another lead from the pool.', {
            owner: lead.owner,
            stage: lead.stage,
          }),
        );
      }
      return no(
        reject('WRONG_STAGE', `The lead is ${lead.stage}, not in the pool.`, undefined, {
          stage: lead.stage,
        }),
      );
    }
    const cd = lead.cooldown;
    if (cd && cd.userId === ctx.actor.userId && ctx.now < cd.until) {
      return no(
        reject(
          'RECLAIM_COOLDOWN',
          `Your SQL window on this lead expired; you can reclaim it in ${formatDuration(cd.until - ctx.now)}.`,
          'Another rep may take it meanwhile.',
          { until: cd.until },
        ),
      );
    }
    const rep = ctx.actor.role === 'rep';
    return ok({
      ...by(cmd, ctx),
      type: 'claimed',
      stage: rep ? 'sql' : 'new',
      deadline: rep ? ctx.now + days(ctx.settings.sqlWindowDays) : null,
    });
  },
});
