import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Actor, Member } from '../../shared/roles.ts';
import type { TeamSettings } from '../../shared/settings.ts';
import type { LeadlineDb } from '../store/db.ts';
import type { Session } from '../store/meta.ts';
import { type CommandInput, type SubmitResult, submitCommand } from '../store/outbox.ts';
import { toBackground } from './background-link.ts';

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

/**
 * A user action: persisted to IndexedDB first (only then does the caller confirm it), then the background
 * is told to send it. The background also picks it up on its own at the next wake-up if the ping is lost.
 */
export async function act(db: LeadlineDb, input: CommandInput): Promise<SubmitResult> {
  const r = await submitCommand(db, input);
  if (r.ok) void toBackground({ type: 'leadline/kick' });
  return r;
}
