import type { Member, Role } from '../../shared/roles.ts';
import { DEFAULT_SETTINGS, type TeamSettings } from '../../shared/settings.ts';
import type { LeadlineDb } from './db.ts';

export type Session = {
  serverUrl: string;
  token: string;
  user: { id: string; name: string; role: Role };
  team: { id: string; name: string };
  signedInAt: number;
};

export type SyncState = 'offline' | 'connecting' | 'online' | 'unauthorized';
export type SyncStatus = {
  state: SyncState;
  lastSyncAt: number | null;
  detail?: string;
  /**
   * Contact-field and notes edits made while not online: they are in the local work doc, and reach the server
   * with the next sync (the count is reset once both docs are synced). Commands are counted by the outbox.
   */
  unsyncedEdits?: number;
};

/** The typed keys of the `meta` table. */
export type MetaTypes = {
  session: Session;
  members: Member[];
  settings: TeamSettings;
  sync: SyncStatus;
  /** SQLs already announced as close to their deadline: lead id → the deadline announced. */
  notified: Record<string, number>;
};

export async function getMeta<K extends keyof MetaTypes>(
  db: LeadlineDb,
  key: K,
): Promise<MetaTypes[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaTypes[K] | undefined;
}

export async function setMeta<K extends keyof MetaTypes>(
  db: LeadlineDb,
  key: K,
  value: MetaTypes[K],
): Promise<void> {
  await db.meta.put({ key, value });
}

/** Settings and members as far as they are known locally (defaults until the first sync). */
export async function teamContext(db: LeadlineDb): Promise<{ settings: TeamSettings; members: Member[] }> {
  const [settings, members] = await Promise.all([getMeta(db, 'settings'), getMeta(db, 'members')]);
  return { settings: settings ?? DEFAULT_SETTINGS, members: members ?? [] };
}
