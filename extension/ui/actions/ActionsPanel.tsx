import { useEffect, useRef, useState } from 'preact/hooks';
import type { CommandType } from '../../../shared/commands/index.ts';
import { type ActionOption, availableActions } from '../../store/actions.ts';
import type { LeadRow } from '../../store/db.ts';
import { stateForLead } from '../../store/decision-state.ts';
import { useApp } from '../app-context.ts';
import { COMMAND_LABEL } from '../format.ts';
import { useLive } from '../hooks.ts';
import { CloseWonForm } from './CloseWonForm.tsx';
import { DealForm } from './DealForm.tsx';
import { DecideExtension } from './DecideExtension.tsx';
import { FormError } from './FormError.tsx';
import { LogCallForm } from './LogCallForm.tsx';
import { PickForm } from './PickForm.tsx';
import { QualifyForm } from './QualifyForm.tsx';
import { ReasonForm } from './ReasonForm.tsx';
import { type TryResult, tryAct } from './try-act.ts';

/** The step that moves the lead forward, most wanted first: the first one available is the primary button. */
const FORWARD: readonly CommandType[] = ['acceptMql', 'qualify', 'transfer', 'claim', 'closeWon', 'logCall'];
/** Actions that give the lead away: set apart from the rest so they are not hit by mistake. */
const GIVE_AWAY: ReadonlySet<CommandType> = new Set(['release', 'returnMql', 'closeLost']);

/** Commands that need no input: one click does it. */
const IMMEDIATE: ReadonlySet<CommandType> = new Set(['acceptMql', 'claim']);

/**
 * Exactly the actions this user may take on this lead now, as the shared rules decide against the local
 * state; a rule that blocks one is shown with its sentence instead of a button.
 */
export function ActionsPanel({ row, now }: { row: LeadRow; now: number }) {
  const app = useApp();
  const [open, setOpen] = useState<CommandType | null>(null);
  const [result, setResult] = useState<TryResult | null>(null);
  const options = useLive(async () => {
    const state = await stateForLead(app.db, row, app);
    return availableActions(state, row.view, app.actor, now);
  }, [row, now, app]);
  // Keyboard users are never dropped on <body>: an opened form takes the focus, Escape gives it back to its
  // button, and after an action the focus rests on the Actions heading (the buttons may all have changed).
  const section = useRef<HTMLElement>(null);
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    const want = focusNext.current;
    if (!want || !section.current) return;
    const el = section.current.querySelector<HTMLElement>(want);
    if (el) {
      el.focus();
      focusNext.current = null;
    }
  });
  // Escape in an open form cancels that form only (not the whole card), and the focus goes back to its button.
  const loaded = options !== undefined;
  useEffect(() => {
    const el = section.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !(e.target as Element).closest('.action-form')) return;
      e.stopPropagation();
      setOpen((was) => {
        focusNext.current = `[data-action="${was}"]`;
        return null;
      });
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, [loaded]);
  if (!options) return null;
  const available = options.filter((o) => o.available);
  const primary = FORWARD.find((t) => available.some((o) => o.type === t));
  const blocked = options.filter((o) => !o.available);
  const done = () => {
    setOpen(null);
    focusNext.current = '#actions-h';
  };

  async function click(type: CommandType) {
    setResult(null);
    if (IMMEDIATE.has(type)) {
      const r = await tryAct(app, row, { type, leadId: row.id } as Parameters<typeof tryAct>[2]);
      setResult(r);
      if (r.ok) focusNext.current = '#actions-h';
      return;
    }
    const opening = open !== type;
    setOpen(opening ? type : null);
    if (opening) focusNext.current = '.action-form :is(input, select, textarea, button)';
  }

  return (
    <section class="actions" aria-labelledby="actions-h" ref={section}>
      <h3 id="actions-h" class="sub-h" tabIndex={-1}>
        Actions
      </h3>
      {available.length === 0 && blocked.length === 0 && (
        <p class="muted small">Nothing for you to do on this lead.</p>
      )}
      <div class="buttons">
        {[...available]
          .sort((a, b) => Number(GIVE_AWAY.has(a.type)) - Number(GIVE_AWAY.has(b.type)))
          .map((o) => (
            <button
              key={o.type}
              type="button"
              class={
                [
                  open === o.type ? 'pressed' : '',
                  o.type === primary ? 'primary' : '',
                  GIVE_AWAY.has(o.type) ? 'give-away' : '',
                ]
                  .filter(Boolean)
                  .join(' ') || undefined
              }
              aria-expanded={IMMEDIATE.has(o.type) ? undefined : open === o.type}
              data-action={o.type}
              onClick={() => click(o.type)}
            >
              {COMMAND_LABEL[o.type]}
            </button>
          ))}
      </div>
      <FormError result={result} />
      {/* Only while allowed: reassigned, closed elsewhere or past the deadline, the form goes with its button. */}
      {open && available.some((o) => o.type === open) && (
        <div class="action-form">
          <ActionForm type={open} row={row} onDone={done} />
        </div>
      )}
      {groupBlocked(blocked).map(([message, types]) => (
        <p key={message} class="blocked small">
          <b>{types.map((t) => COMMAND_LABEL[t]).join(', ')}:</b> {message}
        </p>
      ))}
    </section>
  );
}

/** Several actions blocked by the same rule (e.g. the deadline) are explained once. */
function groupBlocked(options: ActionOption[]): [string, CommandType[]][] {
  const groups = new Map<string, CommandType[]>();
  for (const o of options) {
    if (o.available) continue;
    const text = o.hint ? `${o.message} ${o.hint}` : o.message;
    groups.set(text, [...(groups.get(text) ?? []), o.type]);
  }
  return [...groups];
}

function ActionForm({ type, row, onDone }: { type: CommandType; row: LeadRow; onDone: () => void }) {
  const { members, settings } = useApp();
  const leadId = row.id;
  const reps = members.filter((m) => m.active && m.role === 'rep');
  switch (type) {
    case 'logCall':
      return <LogCallForm row={row} onDone={onDone} />;
    case 'qualify':
      return <QualifyForm row={row} onDone={onDone} />;
    case 'setDeal':
      return <DealForm row={row} onDone={onDone} />;
    case 'closeWon':
      return <CloseWonForm row={row} onDone={onDone} />;
    case 'transfer':
      return (
        <PickForm
          row={row}
          label="Transfer to rep"
          submitLabel="Transfer as MQL"
          options={reps.map((m) => ({ value: m.id, label: m.name }))}
          build={(toRep) => ({ type: 'transfer', leadId, toRep })}
          onDone={onDone}
        />
      );
    case 'reassign':
      return (
        <PickForm
          row={row}
          label="Reassign to"
          submitLabel="Reassign lead"
          options={members
            .filter(
              (m) =>
                m.active &&
                m.id !== row.view.owner &&
                (m.role === 'rep' || (row.view.stage === 'new' && m.role === 'telemarketer')),
            )
            .map((m) => ({ value: m.id, label: `${m.name} (${m.role})` }))}
          build={(to) => ({ type: 'reassign', leadId, to })}
          onDone={onDone}
        />
      );
    case 'advancePhase':
      return (
        <PickForm
          row={row}
          label="Phase"
          submitLabel="Move to phase"
          options={settings.phases
            .filter((p) => p.id !== row.view.phase)
            .map((p) => ({ value: p.id, label: `${p.label} (${Math.round(p.winRate * 100)} %)` }))}
          build={(phase) => ({ type: 'advancePhase', leadId, phase })}
          onDone={onDone}
        />
      );
    case 'returnMql':
      return (
        <ReasonForm
          row={row}
          label="Why is this MQL not valid?"
          submitLabel="Return to marketing"
          required
          build={(reason) => ({ type: 'returnMql', leadId, reason })}
          onDone={onDone}
        />
      );
    case 'requestExtension':
      return (
        <ReasonForm
          row={row}
          label="Why one more week?"
          submitLabel="Ask a manager for one more week"
          required
          build={(reason) => ({ type: 'requestExtension', leadId, reason })}
          onDone={onDone}
        />
      );
    case 'closeLost':
      return (
        <ReasonForm
          row={row}
          label="Why was it lost?"
          submitLabel="Close as lost"
          required
          build={(reason) => ({ type: 'closeLost', leadId, reason })}
          onDone={onDone}
        />
      );
    case 'release':
      return (
        <ReasonForm
          row={row}
          label="Reason"
          submitLabel="Release to the pool"
          required={false}
          build={(reason) => ({ type: 'release', leadId, ...(reason ? { reason } : {}) })}
          onDone={onDone}
        />
      );
    case 'decideExtension':
      return <DecideExtension row={row} showRequest onDone={onDone} />;
    default:
      return null;
  }
}
