import { useState } from 'preact/hooks';
import type { Session } from '../store/meta.ts';
import { fetchMe, parseSignIn } from '../sync/api.ts';
import { toBackground } from './background-link.ts';
import { clearTodaySnapshot } from './today-snapshot.ts';

/**
 * Server address + token, or a pasted invite link. Checked with GET /api/v1/me before anything is saved;
 * the background then stores the session and starts syncing in one step.
 */
export function SignIn({ onSignedIn }: { onSignedIn?: (s: Session) => void }) {
  const [server, setServer] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    const input = parseSignIn(server, token);
    if (!input.ok) return setError(input.message);
    setBusy(true);
    try {
      const me = await fetchMe(input.serverUrl, input.token);
      if (!me.ok) return setError(me.message);
      const session: Session = {
        serverUrl: input.serverUrl,
        token: input.token,
        ...me.me,
        signedInAt: Date.now(),
      };
      clearTodaySnapshot(); // the previous user's list must never paint for this one
      const reply = await toBackground({ type: 'leadline/sign-in', session });
      if (!reply.ok) return setError(`Signing in failed: ${reply.message}`);
      onSignedIn?.(session);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card signin" onSubmit={submit} aria-labelledby="signin-title">
      <h2 id="signin-title">Sign in to your team</h2>
      <p class="muted small">
        Paste the invite link your admin sent you, or enter the server address and your token.
      </p>
      <label>
        Server address
        <input
          name="server"
          type="text"
          inputMode="url"
          autoComplete="url"
          placeholder="http://leadline.example.com:8080"
          value={server}
          onInput={(e) => setServer(e.currentTarget.value)}
        />
      </label>
      <label>
        Token or invite link
        <input
          name="token"
          // Shown, not dotted: a pasted invite link must be checkable, and it already came as plain text.
          type="text"
          autoComplete="off"
          spellcheck={false}
          autoCapitalize="off"
          placeholder="paste here"
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Checking…' : 'Sign in'}
      </button>
    </form>
  );
}
