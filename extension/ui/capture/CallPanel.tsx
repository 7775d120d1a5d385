import { useEffect, useState } from 'preact/hooks';
import { decide } from '../../../shared/decide.ts';
import { CALL_OUTCOMES, type CallOutcome } from '../../../shared/lead.ts';
import type { LeadRow } from '../../store/db.ts';
import { stateForLead } from '../../store/decision-state.ts';
import { FormError } from '../actions/FormError.tsx';
import { type TryResult, tryAct } from '../actions/try-act.ts';
import { useApp } from '../app-context.ts';
import { CallHistory } from '../card/CallHistory.tsx';
import { OUTCOME_LABEL } from '../format.ts';
import { useLive } from '../hooks.ts';
import { callScriptSteps, type ScriptPart } from './script.ts';

const STATE_LABEL = {
  dialing: 'Dialling',
  ringing: 'Ringing',
  connected: 'On the call',
  ended: 'Call ended',
};
export const callStateLabel = (s: keyof typeof STATE_LABEL | undefined) => (s ? STATE_LABEL[s] : 'Number');

/**
 * The telemarketer's call: the team's script (intro, thirty seconds, transfer phrase) with {me}, {company} and
 * {rep} filled, one-tap outcomes (keys 1–6), and after "interested" the transfer to the rep picked here.
 */
export function CallPanel({ row }: { row: LeadRow | undefined }) {
  const app = useApp();
  const reps = app.members.filter((m) => m.active && m.role === 'rep');
  const [rep, setRep] = useState(reps[0]?.id ?? '');
  const [result, setResult] = useState<TryResult | null>(null);
  const [logged, setLogged] = useState<CallOutcome | null>(null);
  const [transferred, setTransferred] = useState(false);
  useEffect(() => {
    if (!rep && reps[0]) setRep(reps[0].id);
  }, [reps.length]);

  const allowed = useLive(async () => {
    if (!row) return { log: false, transfer: false, why: undefined as string | undefined };
    const state = await stateForLead(app.db, row, app);
    const now = Date.now();
    const log = decide(
      state,
      { id: 'probe-0000', type: 'logCall', leadId: row.id, outcome: 'no_answer' },
      app.actor,
      now,
    );
    const transfer = reps[0]
      ? decide(
          state,
          { id: 'probe-0000', type: 'transfer', leadId: row.id, toRep: reps[0].id },
          app.actor,
          now,
        ).ok
      : false;
    return { log: log.ok, transfer, why: log.ok ? undefined : log.rejection.message };
  }, [row, app, reps.length]);

  const repName = reps.find((m) => m.id === rep)?.name;
  const steps = callScriptSteps(app.settings.callScript, {
    me: app.session.user.name,
    company: app.session.team.name,
    ...(repName ? { rep: repName } : {}),
  });
  const telemarketer = app.actor.role === 'telemarketer';

  async function log(outcome: CallOutcome) {
    if (!row || !allowed?.log) return;
    const r = await tryAct(app, row, { type: 'logCall', leadId: row.id, outcome });
    setResult(r);
    if (r.ok) setLogged(outcome);
  }

  async function transfer(e: Event) {
    e.preventDefault();
    if (!row || !rep) return;
    const r = await tryAct(app, row, { type: 'transfer', leadId: row.id, toRep: rep });
    setResult(r);
    if (r.ok) setTransferred(true);
  }

  const onKeyDown = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement;
    if (e.altKey || e.ctrlKey || e.metaKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    const i = Number(e.key) - 1;
    if (Number.isInteger(i) && i >= 0 && i < CALL_OUTCOMES.length && allowed?.log) {
      e.preventDefault();
      void log(CALL_OUTCOMES[i]!);
    }
  };

  const script = (
    <ol class="script">
      {steps.map((s) => (
        <li key={s.id} class={`step-${s.id}`}>
          <span class="step-title">{s.title}</span>
          <p>
            <Parts parts={s.parts} />
          </p>
        </li>
      ))}
    </ol>
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: number keys are shortcuts for the outcome buttons inside
    <div class="callpanel" onKeyDown={onKeyDown}>
      {row && allowed?.log && (
        <fieldset class="form outcomes-box">
          <legend>How did the call go?</legend>
          <div class="outcomes">
            {CALL_OUTCOMES.map((o, i) => (
              <button
                key={o}
                type="button"
                // No outcome looks chosen before one is logged; the logged one stays marked.
                class={logged === o ? 'small pressed' : 'small'}
                aria-pressed={logged === o}
                aria-label={OUTCOME_LABEL[o]}
                aria-keyshortcuts={String(i + 1)}
                onClick={() => log(o)}
              >
                <kbd>{i + 1}</kbd> {OUTCOME_LABEL[o]}
              </button>
            ))}
          </div>
          {logged && (
            <p class="small ok-note" role="status">
              Logged: {OUTCOME_LABEL[logged]}
            </p>
          )}
        </fieldset>
      )}
      {/* Why no call can be logged — not after this user's own transfer, which the note below says. */}
      {row && allowed && !allowed.log && allowed.why && !transferred && (
        <p class="small muted">{allowed.why}</p>
      )}
      {row && (allowed?.transfer || logged === 'interested') && !transferred && row.view.stage === 'new' && (
        <form class="form" onSubmit={transfer} aria-label="Transfer to a rep">
          <label for="call-rep">Transfer to rep</label>
          {reps.length ? (
            <select id="call-rep" value={rep} onChange={(e) => setRep(e.currentTarget.value)}>
              {reps.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          ) : (
            <p class="muted small">No rep in the team list yet.</p>
          )}
          <button type="submit" class="primary" disabled={!rep}>
            Transfer as MQL
          </button>
        </form>
      )}
      {transferred && (
        <p class="small ok-note" role="status">
          Transferred to {repName ?? 'the rep'} as an MQL.
        </p>
      )}
      <FormError result={result} />
      {telemarketer && !transferred ? (
        <section aria-label="Call script">
          <h3 class="sub-h">Call script</h3>
          {script}
        </section>
      ) : (
        <details class="script-box">
          <summary>Call script</summary>
          {script}
        </details>
      )}
      {row && <CallHistory row={row} />}
    </div>
  );
}

function Parts({ parts }: { parts: ScriptPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        'text' in p ? (
          p.text
        ) : (
          <mark key={`${i}-${p.slot}`} class={p.value ? 'slot' : 'slot blank'}>
            {p.value ?? p.slot}
          </mark>
        ),
      )}
    </>
  );
}
