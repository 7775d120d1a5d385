import Dexie from 'dexie';
import { useState } from 'preact/hooks';
import { FormError } from './actions/FormError.tsx';
import { type TryResult, tryAct } from './actions/try-act.ts';
import { useApp } from './app-context.ts';
import { poolReasonText } from './format.ts';
import { useLive, useNow, useProgressive } from './hooks.ts';
import { displayName, Empty, LeadItem, LeadList } from './LeadItem.tsx';

const SHOWN = 200;

/** Claimable leads: the shared pool ("high seas"), most recently changed first. */
export function PoolView() {
  const app = useApp();
  const { db, actor } = app;
  const now = useNow(30_000);
  // Checked with the shared rules first: a cool-down or a full quota is explained at once, not after a sync.
  const [result, setResult] = useState<TryResult | null>(null);
  const pool = useLive(async () => {
    // The newest SHOWN through the index, and the count from keys only: never every pool row.
    const [rows, total] = await Promise.all([
      db.leads
        .where('[stage+updatedAt]')
        .between(['pool', Dexie.minKey], ['pool', Dexie.maxKey])
        .reverse()
        .limit(SHOWN)
        .toArray(),
      db.leads.where('stage').equals('pool').count(),
    ]);
    return { rows, total };
  }, [db]);
  const shown = useProgressive(pool?.rows.length ?? 0);
  if (!pool) return null;
  const { rows, total } = pool;
  if (!rows.length) return <Empty>The pool is empty.</Empty>;
  const canClaim = actor.role === 'rep' || actor.role === 'telemarketer';
  return (
    <section aria-labelledby="pool-h">
      <h2 id="pool-h" class="section-h">
        Pool <span class="muted">· {total}</span>
      </h2>
      <FormError result={result} />
      <LeadList label="Pool">
        {rows.slice(0, shown).map((r) => (
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
                    setResult(await tryAct(app, r, { type: 'claim', leadId: r.id }));
                  }}
                >
                  Claim
                </button>
              ) : undefined
            }
          >
            <span class="muted">{poolReasonText(r.view)}</span>
          </LeadItem>
        ))}
      </LeadList>
    </section>
  );
}
