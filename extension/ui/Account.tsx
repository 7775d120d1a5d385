import { useState } from 'preact/hooks';
import { getDb } from '../store/db.ts';
import { getMeta, type Session } from '../store/meta.ts';
import { toBackground } from './background-link.ts';
import { ago, waitingText } from './format.ts';
import { useLive } from './hooks.ts';
import { clearTodaySnapshot } from './today-snapshot.ts';

/** Who is signed in, and signing out (after a warning when actions have not reached the server). */
export function Account({ session }: { session: Session }) {
  const db = getDb();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const info = useLive(
    async () => ({
      waiting: await db.outbox.where('status').equals('pending').count(),
      sync: await getMeta(db, 'sync'),
    }),
    [db],
  );
  // Pending commands and offline contact/notes edits: signing out deletes both.
  const actions = info?.waiting ?? 0;
  const edits = info?.sync?.unsyncedEdits ?? 0;
  const waiting = actions + edits;
  async function signOut() {
    setBusy(true);
    await toBackground({ type: 'leadline/sign-out' });
    clearTodaySnapshot();
    setBusy(false);
    setConfirming(false);
  }
  return (
    <section class="card account" aria-labelledby="acct-h">
      <h2 id="acct-h">Signed in</h2>
      <dl class="facts">
        <dt>Name</dt>
        <dd>{session.user.name}</dd>
        <dt>Role</dt>
        <dd>{session.user.role}</dd>
        <dt>Team</dt>
        <dd>{session.team.name}</dd>
        <dt>Server</dt>
        <dd>{session.serverUrl}</dd>
        <dt>Sync</dt>
        <dd>
          {info?.sync?.state ?? 'connecting'}
          {info?.sync?.lastSyncAt ? ` · last ${ago(info.sync.lastSyncAt, Date.now())}` : ''}
        </dd>
      </dl>
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          Sign out
        </button>
      ) : (
        <div class={`confirm${waiting ? ' warn' : ''}`} role="alertdialog" aria-labelledby="so-h">
          <p id="so-h">
            {waiting
              ? `${waitingText(actions, edits)} ${waiting === 1 ? 'has' : 'have'} not reached the server yet. Signing out deletes ${waiting === 1 ? 'it' : 'them'} for good, with all of ${session.team.name}'s data on this device.`
              : `Signing out deletes ${session.team.name}'s data from this device. Everything you did is on the server.`}
          </p>
          <div class="buttons">
            <button type="button" class="danger" disabled={busy} onClick={signOut}>
              {waiting ? 'Sign out and lose them' : 'Sign out'}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
