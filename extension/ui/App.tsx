import { useMemo } from 'preact/hooks';
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';
import { getDb } from '../store/db.ts';
import { getMeta } from '../store/meta.ts';
import { type AppContext, Ctx } from './app-context.ts';
import { useLive } from './hooks.ts';
import { useRoute } from './route.ts';
import { Sidebar } from './Sidebar.tsx';
import { SignIn } from './SignIn.tsx';
import { clearTodaySnapshot, pageSnapshot, sameSession } from './today-snapshot.ts';

/** The sidebar page (side panel, or `sidebar.html` in an iframe): sign-in until signed in, then the funnel. */
export function App() {
  const db = getDb();
  const first = useMemo(() => pageSnapshot()?.meta, []);
  const meta = useLive(
    async () => {
      const [session, settings, members] = await Promise.all([
        getMeta(db, 'session'),
        getMeta(db, 'settings'),
        getMeta(db, 'members'),
      ]);
      // Signed out, or someone else signed in: that snapshot must never be shown again.
      if (!session || (first && !sameSession(session, first.session))) clearTodaySnapshot();
      return { session, settings, members };
    },
    [],
    first,
  );
  const [route, go] = useRoute();
  const ctx = useMemo<AppContext | null>(() => {
    const session = meta?.session;
    if (!session) return null;
    const members = meta.members ?? [];
    const names = new Map(members.map((m) => [m.id, m.name]));
    names.set(session.user.id, session.user.name);
    return {
      db,
      session,
      actor: { userId: session.user.id, role: session.user.role },
      settings: meta.settings ?? DEFAULT_SETTINGS,
      members,
      nameOf: (id) => (id ? (names.get(id) ?? 'someone') : 'nobody'),
      open: (leadId) => go({ leadId }),
    };
  }, [meta, db, go]);

  if (meta === undefined) return <main class="app loading" aria-busy="true" />;
  if (!ctx) {
    return (
      <main class="app signed-out">
        <header class="topbar">
          <h1>Leadline</h1>
        </header>
        <p class="muted pad">Not signed in</p>
        <SignIn />
      </main>
    );
  }
  return (
    <Ctx.Provider value={ctx}>
      <Sidebar route={route} go={go} />
    </Ctx.Provider>
  );
}
