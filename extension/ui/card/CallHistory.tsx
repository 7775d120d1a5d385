import type { LeadRow } from '../../store/db.ts';
import { useApp } from '../app-context.ts';
import { dateTime, HISTORY_EVENT_LABEL, OUTCOME_LABEL, STAGE_LABEL } from '../format.ts';

export function CallHistory({ row }: { row: LeadRow }) {
  const { nameOf } = useApp();
  const calls = [...row.view.calls].reverse();
  const history = [...row.view.history].reverse();
  return (
    <section class="history" aria-labelledby="hist-h">
      <h3 id="hist-h" class="sub-h">
        Calls <span class="muted">· {calls.length}</span>
      </h3>
      {calls.length === 0 ? (
        <p class="muted small">No calls yet.</p>
      ) : (
        <ol class="calls">
          {calls.map((c) => (
            <li key={`${c.at}-${c.outcome}`}>
              <span class={`outcome o-${c.outcome}`}>{OUTCOME_LABEL[c.outcome]}</span>
              <span class="muted small">
                {dateTime(c.at)} · {nameOf(c.by)}
              </span>
              {c.note && <span class="small">{c.note}</span>}
            </li>
          ))}
        </ol>
      )}
      <details class="stages">
        <summary>Stage history ({history.length})</summary>
        <ol>
          {history.map((h) => (
            <li key={`${h.at}-${h.event}`} class="small">
              {dateTime(h.at)} · {STAGE_LABEL[h.stage]} ·{' '}
              {h.event === 'captured' && row.view.source === 'csv'
                ? 'imported'
                : (HISTORY_EVENT_LABEL[h.event] ?? h.event)}{' '}
              by {h.by === 'system' ? 'the server' : nameOf(h.by)}
              {h.note ? `: “${h.note}”` : ''}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
