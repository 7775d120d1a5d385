import { useLayoutEffect } from 'preact/hooks';
import { today } from '../store/today.ts';
import { useApp } from './app-context.ts';
import { useLive, useNow, useProgressive } from './hooks.ts';
import { Empty, LeadItem, LeadList } from './LeadItem.tsx';
import { todayPainted } from './perf-marks.ts';
import { preloadViews } from './views.ts';

/** The daily focus (shared dailyFocus), most urgent first, each with its reason. */
export function TodayView() {
  const { db, actor } = useApp();
  const now = useNow(30_000);
  const t = useLive(() => today(db, actor, now), [db, actor.userId, actor.role, now]);
  const shown = useProgressive(t?.items.length ?? 0);
  useLayoutEffect(() => {
    if (!t) return;
    todayPainted(t.items.length);
    preloadViews();
  }, [t]);
  if (!t) return null;
  if (!t.items.length)
    return <Empty>Nothing to push right now. Capture a lead or claim one from the pool.</Empty>;
  return (
    <section aria-labelledby="today-h">
      <h2 id="today-h" class="section-h">
        Today <span class="muted">· {t.dueToday} due</span>
      </h2>
      <LeadList label="Today's focus">
        {t.items.slice(0, shown).map((it) => {
          const row = t.rows.get(it.leadId);
          if (!row) return null;
          return (
            <LeadItem key={it.leadId} row={row} now={now}>
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
    </section>
  );
}
