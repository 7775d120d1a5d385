import { getMeta } from '../store/meta.ts';
import { useApp } from './app-context.ts';
import { ago, waitingText } from './format.ts';
import { useLive, useNow } from './hooks.ts';

/** Online/offline, actions waiting to sync, last sync, rejected actions waiting to be read. */
export function StatusBar({ onShowRejected }: { onShowRejected: () => void }) {
  const { db } = useApp();
  const now = useNow(15_000);
  const s = useLive(async () => {
    const [sync, waiting, rejected] = await Promise.all([
      getMeta(db, 'sync'),
      db.outbox.where('status').equals('pending').count(),
      db.outbox.where('status').equals('rejected').count(),
    ]);
    return { sync, waiting, rejected };
  }, [db]);
  const state = s?.sync?.state ?? 'connecting';
  const label =
    state === 'online'
      ? 'Online'
      : state === 'unauthorized'
        ? 'Sign-in refused'
        : state === 'connecting'
          ? 'Connecting…'
          : 'Offline';
  return (
    <footer class={`statusbar ${state}`} role="status" aria-label="Sync status" aria-live="polite">
      <span class="dot" aria-hidden="true" />
      <span class="state">{label}</span>
      <span class="sep" aria-hidden="true">
        ·
      </span>
      <span class="waiting">
        {s?.waiting || s?.sync?.unsyncedEdits
          ? `${waitingText(s.waiting, s.sync?.unsyncedEdits ?? 0)} waiting to sync`
          : 'All actions synced'}
      </span>
      {s?.sync?.lastSyncAt ? (
        <span class="last" title={new Date(s.sync.lastSyncAt).toLocaleString()}>
          Last sync {ago(s.sync.lastSyncAt, now)}
        </span>
      ) : null}
      {s?.rejected ? (
        <button type="button" class="link warn" onClick={onShowRejected}>
          {s.rejected} rejected
        </button>
      ) : null}
      {state === 'unauthorized' && s?.sync?.detail ? <span class="detail">{s.sync.detail}</span> : null}
    </footer>
  );
}
