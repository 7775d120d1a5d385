import 'fake-indexeddb/auto';
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';
import { MEMBERS } from '../../shared/testing.ts';
import { LeadlineDb } from './db.ts';
import { type Session, setMeta } from './meta.ts';

let n = 0;
/** A fresh database (fake-indexeddb) signed in as `userId` of the shared test team. */
export async function testDb(userId: string): Promise<LeadlineDb> {
  const db = new LeadlineDb(`leadline-test-${++n}-${Math.random().toString(36).slice(2)}`);
  const m = MEMBERS.find((x) => x.id === userId)!;
  const session: Session = {
    serverUrl: 'http://127.0.0.1:1',
    token: 'tok',
    user: { id: m.id, name: m.name, role: m.role },
    team: { id: 'team-0001', name: 'Test team' },
    signedInAt: 0,
  };
  await setMeta(db, 'session', session);
  await setMeta(db, 'members', MEMBERS);
  await setMeta(db, 'settings', DEFAULT_SETTINGS);
  return db;
}
