import { useEffect, useRef } from 'preact/hooks';
import { ActionsPanel } from './actions/ActionsPanel.tsx';
import { useApp } from './app-context.ts';
import { CallHistory } from './card/CallHistory.tsx';
import { ContactFields } from './card/ContactFields.tsx';
import { NotesEditor } from './card/NotesEditor.tsx';
import { StageBox } from './card/StageBox.tsx';
import { COMMAND_LABEL } from './format.ts';
import { useLive, useNow } from './hooks.ts';
import { displayName } from './LeadItem.tsx';
import { RejectionNotice } from './RejectionNotice.tsx';
import { useLeadRow } from './stored-rows.ts';

/** One lead: where it stands, what to do now, contact, notes, calls; pending and rejected actions on it. */
export function LeadCard({ leadId, onBack }: { leadId: string; onBack: () => void }) {
  const { db } = useApp();
  const now = useNow(1000);
  const row = useLeadRow(db, leadId);
  const rejected = useLive(
    () =>
      db.outbox
        .where('leadId')
        .equals(leadId)
        .and((r) => r.status === 'rejected')
        .toArray(),
    [db, leadId],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = row !== undefined;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);

  return (
    <article
      class="card leadcard"
      aria-labelledby="lead-h"
      onKeyDown={(e) => {
        if (
          e.key === 'Escape' &&
          !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)
        )
          onBack();
      }}
    >
      <div class="card-head">
        <button type="button" class="back" onClick={onBack} aria-label="Back to the list">
          ←
        </button>
        <h2 id="lead-h" tabIndex={-1} ref={heading}>
          {row ? displayName(row) : 'Lead'}
        </h2>
      </div>
      {row === undefined ? (
        <p class="muted pad">This lead is not on this device (it may have been removed).</p>
      ) : (
        <>
          {row.contact.name && row.contact.company && <p class="muted company">{row.contact.company}</p>}
          {rejected?.map((r) => (
            <RejectionNotice key={r.id} row={r} />
          ))}
          {row.pending.length > 0 && (
            <p class="pending-note" role="status">
              Waiting to sync:{' '}
              {row.pending.map((t) => COMMAND_LABEL[t as keyof typeof COMMAND_LABEL] ?? t).join(', ')}
            </p>
          )}
          {row.predicted.map((p) => (
            <p key={p.commandId} class="warn-note small">
              The server will probably refuse “{COMMAND_LABEL[p.type as keyof typeof COMMAND_LABEL] ?? p.type}
              ”: {p.message}
            </p>
          ))}
          <StageBox row={row} now={now} />
          <ActionsPanel row={row} now={Math.floor(now / 60_000) * 60_000} />
          <ContactFields row={row} />
          <NotesEditor row={row} />
          <CallHistory row={row} />
        </>
      )}
    </article>
  );
}
