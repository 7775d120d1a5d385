import { useState } from 'preact/hooks';
import { act, useApp } from './app-context.ts';
import { POOL_REASON_LABEL } from './format.ts';
import { useLive, useNow } from './hooks.ts';
import { displayName, Empty, LeadItem, LeadList } from './LeadItem.tsx';

/** Claimable leads: the shared pool ("high seas"). */
export function PoolView() {
  const { db, actor } = useApp();
  const now = useNow(30_000);
  const [error, setError] = useState<string | null>(null);
  const rows = useLive(() => db.leads.where('stage').equals('pool').reverse().sortBy('updatedAt'), [db]);
  if (!rows) return null;
  if (!rows.length) return <Empty>The pool is empty.</Empty>;
  const canClaim = actor.role === 'rep' || actor.role === 'telemarketer';
  return (
    <section aria-labelledby="pool-h">
      <h2 id="pool-h" class="section-h">
        Pool <span class="muted">· {rows.length}</span>
      </h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <LeadList label="Pool">
        {rows.slice(0, 200).map((r) => (
          <LeadItem
            key={r.id}
            row={r}
            now={now}
            trailing={
              canClaim && r.pending.length === 0 ? (
                <button
                  type="button"
                  class="small"
                  aria-label={`Claim ${displayName(r)}`}
                  onClick={async () => {
                    const res = await act(db, { type: 'claim', leadId: r.id });
                    setError(res.ok ? null : res.message);
                  }}
                >
                  Claim
                </button>
              ) : undefined
            }
          >
            <span class="muted">{POOL_REASON_LABEL[r.view.poolReason ?? ''] ?? 'in the pool'}</span>
          </LeadItem>
        ))}
      </LeadList>
    </section>
  );
}
