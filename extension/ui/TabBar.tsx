import { useApp } from './app-context.ts';
import { useLive } from './hooks.ts';
import type { Tab } from './route.ts';

const LABELS: Record<Tab, string> = {
  today: 'Today',
  mine: 'My leads',
  pool: 'Pool',
  approvals: 'Approvals',
  rejected: 'Rejected',
  capture: '+ Lead',
};

export function TabBar({ current, onSelect }: { current: Tab | null; onSelect: (t: Tab) => void }) {
  const { db, actor } = useApp();
  const counts = useLive(async () => {
    const [approvals, rejected] = await Promise.all([
      actor.role === 'manager'
        ? db.leads
            .where('flags')
            .equals('extPending')
            .filter((r) => r.view.owner !== actor.userId)
            .count()
        : 0,
      db.outbox.where('status').equals('rejected').count(),
    ]);
    return { approvals, rejected };
  }, [db, actor.userId, actor.role]);
  const tabs: Tab[] = ['today', 'mine', 'pool'];
  if (actor.role === 'manager') tabs.push('approvals');
  if (counts?.rejected) tabs.push('rejected');
  tabs.push('capture');
  return (
    <nav class="tabs" aria-label="Views">
      {tabs.map((t) => {
        const n = t === 'approvals' ? counts?.approvals : t === 'rejected' ? counts?.rejected : 0;
        return (
          <button
            key={t}
            type="button"
            class={`tab${t === current ? ' current' : ''}${t === 'rejected' ? ' warn' : ''}`}
            aria-current={t === current ? 'page' : undefined}
            onClick={() => onSelect(t)}
          >
            {LABELS[t]}
            {n ? (
              <>
                <span class="count" aria-hidden="true">
                  {n}
                </span>
                <span class="sr-only"> ({n})</span>
              </>
            ) : null}
          </button>
        );
      })}
    </nav>
  );
}
