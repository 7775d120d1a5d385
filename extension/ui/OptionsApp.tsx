import { getDb } from '../store/db.ts';
import { getMeta } from '../store/meta.ts';
import { Account } from './Account.tsx';
import { useLive } from './hooks.ts';
import { SignIn } from './SignIn.tsx';

/** The options / onboarding page: sign in, see who you are, sign out. */
export function OptionsApp() {
  const db = getDb();
  const session = useLive(async () => (await getMeta(db, 'session')) ?? null, [db]);
  if (session === undefined) return null;
  return (
    <main class="options">
      <header>
        <h1>Leadline</h1>
        <p class="muted">Your funnel beside your mail and dialer.</p>
      </header>
      {session ? <Account session={session} /> : <SignIn />}
      <p class="muted small">Open the side panel with the toolbar button or Alt+Shift+L.</p>
    </main>
  );
}
