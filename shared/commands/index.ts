import { z } from 'zod';
import { acceptMql } from './accept-mql.ts';
import { advancePhase } from './advance-phase.ts';
import { capture } from './capture.ts';
import { claim } from './claim.ts';
import { closeLost } from './close-lost.ts';
import { closeWon } from './close-won.ts';
import { decideExtension } from './decide-extension.ts';
import type { CommandDef } from './define.ts';
import { logCall } from './log-call.ts';
import { qualify } from './qualify.ts';
import { reassign } from './reassign.ts';
import { release } from './release.ts';
import { requestExtension } from './request-extension.ts';
import { returnMql } from './return-mql.ts';
import { setDeal } from './set-deal.ts';
import { transfer } from './transfer.ts';

/** Every command the authority understands. Adding one: a file here, a test beside it, a PROTOCOL.md entry. */
export const COMMANDS = [
  capture,
  logCall,
  transfer,
  acceptMql,
  returnMql,
  qualify,
  requestExtension,
  decideExtension,
  claim,
  release,
  reassign,
  advancePhase,
  setDeal,
  closeWon,
  closeLost,
] as const;

export const CommandSchema = z.discriminatedUnion('type', [
  capture.schema,
  logCall.schema,
  transfer.schema,
  acceptMql.schema,
  returnMql.schema,
  qualify.schema,
  requestExtension.schema,
  decideExtension.schema,
  claim.schema,
  release.schema,
  reassign.schema,
  advancePhase.schema,
  setDeal.schema,
  closeWon.schema,
  closeLost.schema,
]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];

export const COMMAND_BY_TYPE: ReadonlyMap<string, CommandDef> = new Map(
  COMMANDS.map((c) => [c.type, c as unknown as CommandDef]),
);
