import { useLayoutEffect, useMemo } from 'preact/hooks';
import { FOCUS_LIMIT, type FocusKind } from '../../shared/focus.ts';
import { today } from '../store/today.ts';
import { useApp } from './app-context.ts';
import { useLive, useNow, useProgressive } from './hooks.ts';
import { Empty, LeadItem, LeadList } from './LeadItem.tsx';
import { todayPainted } from './perf-marks.ts';
import { clearTodaySnapshot, sameSession, saveTodaySnapshot, takeTodaySnapshot } from './today-snapshot.ts';
import { preloadViews } from './views.ts';

/** Reasons that already say when the SQL deadline is: the row's own countdown would repeat it. */
const SAYS_DEADLINE: ReadonlySet<FocusKind> = new Set([
  'sqlDeadline',
  'extensionApproval',
  'teamSqlExpiring',
]);

/** The daily focus (shared dailyFocus), most urgent first, each with its reason. */
export function TodayView() {
  const { db, actor, session, settings, members } = useApp();
  const now = useNow(30_000);
  // The first Today of a freshly opened page paints the last one saved (this user's, under a minute old)
  // while the query runs; every answer of the query is saved for the next opening (today-snapshot.ts).
  const snap = useMemo(() => {
    const s = takeTodaySnapshot();
    return s && sameSession(s.meta.session, session) ? s.today : undefined;
  }, []);
  const t = useLive(
    async () => {
      const fresh = await today(db, actor, now);
      // An empty list is not worth a snapshot, and after a sign-out wipe it must not leave one behind.
      if (fresh.items.length) saveTodaySnapshot({ session, settings, members }, fresh);
      else clearTodaySnapshot();
      return fresh;
    },
    [db, actor.userId, actor.role, now],
    snap,
  );
  const shown = useProgressive(t?.items.length ?? 0);
  useLayoutEffect(() => {
    if (!t) return;
    todayPainted(t.items.length);
    preloadViews();
  }, [t]);
  if (!t) return null;
  if (!t.items.length)
    return <Empty>Nothing to push right now. Capture a lead or claim one from the pool.</Empty>;
  // A cut list says so: "50+ leads", and where the rest are.
  const capped = t.items.length >= FOCUS_LIMIT;
  const n = t.items.length;
  return (
    <section aria-labelledby="today-h">
      <h2 id="today-h" class="section-h">
        Today{' '}
        <span class="muted">
          · {n}
          {capped ? '+' : ''} {n === 1 ? 'lead' : 'leads'}, {t.dueToday}
          {capped && t.dueToday === n ? '+' : ''} due today
        </span>
      </h2>
      <LeadList label="Today's focus">
        {t.items.slice(0, shown).map((it) => {
          const row = t.rows.get(it.leadId);
          if (!row) return null;
          return (
            <LeadItem key={it.leadId} row={row} now={now} countdownShown={!SAYS_DEADLINE.has(it.kind)}>
              <span class={`reason k-${it.kind}`}>{it.reason}</span>
              {it.also.map((a) => (
                <span key={a} class="also muted">
                  {a}
                </span>
              ))}
            </LeadItem>
          );
        })}
      </LeadList>
      {capped && shown >= n && (
        <p class="muted small more-note">
          The {n} most urgent are shown. The others are in My leads
          {actor.role === 'rep' ? ' and the Pool' : ''}.
        </p>
      )}
    </section>
  );
}
