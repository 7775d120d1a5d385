import { approvedExtensions, pendingExtension } from '../../../shared/lead.ts';
import type { LeadRow } from '../../store/db.ts';
import { useApp } from '../app-context.ts';
import { countdown, dateTime, money, poolReasonText, STAGE_LABEL } from '../format.ts';

/** Where the lead stands: stage, owner, the SQL countdown (live), extensions, phase and deal value. */
export function StageBox({ row, now }: { row: LeadRow; now: number }) {
  const { nameOf, settings } = useApp();
  const v = row.view;
  const cd = v.stage === 'sql' && v.sqlDeadline !== null ? countdown(v.sqlDeadline, now) : null;
  const pendingExt = pendingExtension(v);
  // Only the latest request matters, and only to the rep who made it (not to a new owner after a reassign):
  // an old denial under a later approval, or before a cancelled request, reads as current.
  const lastDecision = v.extensions.findLast((x) => x.status !== 'pending' && x.requestedBy === v.owner);
  const phase = settings.phases.find((p) => p.id === v.phase);
  const closed = v.stage === 'won' || v.stage === 'lost';
  return (
    <section class="stagebox" aria-label="Stage">
      <div class="stage-line">
        <span class={`chip big stage-${v.stage}`}>{STAGE_LABEL[v.stage]}</span>
        <span class="owner">{v.owner ? `Owner: ${nameOf(v.owner)}` : 'No owner'}</span>
        {v.inDanger && <span class="flag danger">in danger</span>}
      </div>
      {cd && (
        <p class={`countdown big ${cd.urgency}`} role="timer" aria-label={`SQL deadline: ${cd.text}`}>
          {cd.text} <span class="muted small">· due {dateTime(v.sqlDeadline!)}</span>
        </p>
      )}
      {v.stage === 'sql' && (
        <p class="small">
          Extensions: {approvedExtensions(v)} of {settings.maxExtensionsPerLead} used
          {pendingExt && <span class="flag pending"> request waiting for a manager</span>}
        </p>
      )}
      {lastDecision?.status === 'denied' && !pendingExt && (
        <p class="small muted">
          Last extension request denied by {nameOf(lastDecision.decidedBy)}
          {lastDecision.decidedAt ? ` on ${dateTime(lastDecision.decidedAt)}` : ''}
          {lastDecision.note ? `: “${lastDecision.note}”` : ''}
        </p>
      )}
      {v.stage === 'pool' && <p class="small">In the pool: {poolReasonText(v)}</p>}
      {v.stage === 'disqualified' && (
        <p class="small">Disqualified: {v.disqualifyReason?.replace('_', ' ')}</p>
      )}
      {(v.stage === 'opportunity' || v.stage === 'won' || v.stage === 'lost') && (
        <dl class="deal">
          {phase && !closed && (
            <>
              <dt>Phase</dt>
              <dd>
                {phase.label} <span class="muted">({Math.round(phase.winRate * 100)} % win rate)</span>
              </dd>
            </>
          )}
          <dt>Deal</dt>
          <dd>
            {v.amount !== null && v.currency ? (
              money(v.amount, v.currency)
            ) : (
              <span class="muted">not set</span>
            )}
          </dd>
          {/* A closed deal shows when it closed, not the pipeline's guess. */}
          {closed && v.closedAt ? (
            <>
              <dt>Closed</dt>
              <dd>{new Date(v.closedAt).toLocaleDateString()}</dd>
            </>
          ) : (
            v.expectedClose && (
              <>
                <dt>Close</dt>
                <dd>{new Date(v.expectedClose).toLocaleDateString()}</dd>
              </>
            )
          )}
          {v.seats !== null && (
            <>
              <dt>Need</dt>
              <dd>
                {v.seats} seats · {v.demand} · {v.companyName}
              </dd>
            </>
          )}
          {v.closeReason && (
            <>
              <dt>{v.stage === 'won' ? 'Note' : 'Reason'}</dt>
              <dd>{v.closeReason}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
