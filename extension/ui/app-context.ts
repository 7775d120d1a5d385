import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Actor, Member } from '../../shared/roles.ts';
import type { TeamSettings } from '../../shared/settings.ts';
import type { LeadlineDb } from '../store/db.ts';
import type { Session } from '../store/meta.ts';
import type { CommandInput, SubmitResult } from '../store/outbox.ts';
import { toBackground } from './background-link.ts';
import { measure } from './perf-marks.ts';
import { rowStored } from './stored-rows.ts';

export type AppContext = {
  db: LeadlineDb;
  session: Session;
  actor: Actor;
  settings: TeamSettings;
  members: Member[];
  nameOf: (userId: string | null | undefined) => string;
  /** Opens a lead card (or goes back to the list with null). */
  open: (leadId: string | null) => void;
};

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useApp outside the signed-in sidebar');
  return ctx;
}

/** Loaded on first use (with the rules and their schemas): not needed to paint the sidebar. */
let outbox: Promise<typeof import('../store/outbox.ts')> | undefined;

/**
 * A user action: persisted to IndexedDB first (only then does the caller confirm it), then the background
 * is told to send it. The background also picks it up on its own at the next wake-up if the ping is lost.
 * The stored row is shown at once (stored-rows.ts) rather than after the live queries read it back.
 */
export async function act(app: AppContext, input: CommandInput): Promise<SubmitResult> {
  const start = performance.now();
  outbox ??= import('../store/outbox.ts');
  const { submitCommand } = await outbox;
  const team = { settings: app.settings, members: app.members };
  const r = await submitCommand(app.db, input, Date.now(), { session: app.session, team });
  measure('leadline:act', start, { type: input.type, ok: r.ok });
  if (r.ok) {
    if (r.row) rowStored(r.row);
    void toBackground({ type: 'leadline/kick' });
  }
  return r;
}
