import { decide } from '../../../shared/decide.ts';
import type { LeadRow } from '../../store/db.ts';
import { stateForLead } from '../../store/decision-state.ts';
import type { CommandInput } from '../../store/outbox.ts';
import { type AppContext, act } from '../app-context.ts';

export type TryResult = { ok: true } | { ok: false; message: string; hint?: string };

/**
 * Checks an action with the shared rules against the local state before saving it: a rule that already
 * refuses it here (e.g. qualify without seats) is explained at once instead of being sent to fail.
 */
export async function tryAct(app: AppContext, row: LeadRow, input: CommandInput): Promise<TryResult> {
  const state = await stateForLead(app.db, row, {
    actor: app.actor,
    settings: app.settings,
    members: app.members,
  });
  const d = decide(state, { ...input, id: 'check-0000' }, app.actor, Date.now());
  if (!d.ok)
    return {
      ok: false,
      message: d.rejection.message,
      ...(d.rejection.hint ? { hint: d.rejection.hint } : {}),
    };
  const r = await act(app, input);
  return r.ok ? { ok: true } : { ok: false, message: r.message };
}
