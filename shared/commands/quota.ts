import { approvedExtensions, type Lead } from '../lead.ts';
import { type Rejection, reject } from '../rejections.ts';
import { extendedLeadCount } from '../team.ts';
import type { DecideContext } from './define.ts';

/** A rep may hold at most N leads with an approved extension at once; a lead already extended is counted. */
export function quotaCheck(lead: Lead, repId: string, ctx: DecideContext): Rejection | null {
  if (approvedExtensions(lead) > 0) return null;
  const held = extendedLeadCount(ctx.state, repId);
  if (held < ctx.settings.maxExtendedLeadsPerRep) return null;
  return reject(
    'EXTENSION_QUOTA_FULL',
    `The rep already holds ${held} extended leads (the most allowed is ${ctx.settings.maxExtendedLeadsPerRep}).`,
    'Qualify or release one of the extended leads first.',
    { held, max: ctx.settings.maxExtendedLeadsPerRep },
  );
}
