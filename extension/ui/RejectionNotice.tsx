import type { LeadRow, OutboxRow } from '../store/db.ts';
import { dismiss } from '../store/outbox.ts';
import { useApp } from './app-context.ts';
import { COMMAND_LABEL, dateTime } from './format.ts';
import { displayName } from './LeadItem.tsx';

/** One rejected action: which, why (code + sentence), what to do next; stays until dismissed. */
export function RejectionNotice({
  row,
  lead,
  showLead,
}: {
  row: OutboxRow;
  lead?: LeadRow;
  showLead?: boolean;
}) {
  const { db, open } = useApp();
  const v = row.verdict;
  const what = COMMAND_LABEL[row.command.type];
  // A duplicate capture names the lead that already holds the contact (shared/commands/capture.ts).
  const existing = typeof v?.details?.existingLeadId === 'string' ? v.details.existingLeadId : undefined;
  return (
    <section class="rejection" aria-label={`Rejected: ${what}`}>
      <div class="rej-head">
        <strong>
          {what} rejected
          {showLead && lead ? ` · ${displayName(lead)}` : ''}
          {showLead && !lead && row.command.type === 'capture' ? ` · ${row.command.contact.name ?? ''}` : ''}
        </strong>
        <span class="muted small">{dateTime(row.createdAt)}</span>
      </div>
      <p class="rej-msg">{v?.message ?? 'The server refused this action.'}</p>
      {v?.hint && <p class="rej-hint">What to do: {v.hint}</p>}
      <div class="rej-foot">
        <code class="muted small">{v?.code}</code>
        {showLead && lead && (
          <button type="button" class="small" onClick={() => open(lead.id)}>
            Open lead
          </button>
        )}
        {existing && existing !== lead?.id && (
          <button type="button" class="small" onClick={() => open(existing)}>
            Open existing lead
          </button>
        )}
        <button
          type="button"
          class="small"
          onClick={() => dismiss(db, row.id)}
          aria-label={`Dismiss rejected ${what}`}
        >
          Dismiss
        </button>
      </div>
    </section>
  );
}
