import { useEffect, useRef, useState } from 'preact/hooks';
import type { LeadRow } from '../../store/db.ts';
import { toBackground } from '../background-link.ts';

/** Shared notes (a Y.Text: concurrent edits merge). Saved shortly after typing stops, and on blur. */
export function NotesEditor({ row }: { row: LeadRow }) {
  const [text, setText] = useState(row.notes);
  const [state, setState] = useState<'idle' | 'saved' | 'editing' | 'saving' | 'error'>('idle');
  const focused = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    if (!focused.current && state !== 'editing') setText(row.notes);
  }, [row.notes, state]);

  const latest = useRef(0);
  async function save(value: string) {
    clearTimeout(timer.current);
    if (value === row.notes) return setState((s) => (s === 'editing' ? 'idle' : s));
    setState('saving');
    const mine = ++latest.current;
    const r = await toBackground({ type: 'leadline/edit-notes', leadId: row.id, text: value });
    // An earlier save answering late must not call newer, unsaved typing "saved".
    if (mine === latest.current) setState(r.ok ? 'saved' : 'error');
  }

  return (
    <section class="notes" aria-labelledby="notes-h">
      <div class="sub-h-row">
        <h3 id="notes-h" class="sub-h">
          <label for="notes">Notes</label>
        </h3>
        <span class="muted small" aria-live="polite">
          {state === 'saving'
            ? 'saving…'
            : state === 'editing'
              ? 'editing'
              : state === 'error'
                ? 'not saved'
                : state === 'saved'
                  ? 'saved'
                  : ''}
        </span>
      </div>
      <textarea
        id="notes"
        rows={3}
        value={text}
        placeholder="What did they say? Next step?"
        onFocus={() => {
          focused.current = true;
        }}
        onInput={(e) => {
          const v = e.currentTarget.value;
          setText(v);
          setState('editing');
          latest.current++; // a save still on its way is no longer about what the field holds
          clearTimeout(timer.current);
          timer.current = setTimeout(() => void save(v), 800);
        }}
        onBlur={(e) => {
          focused.current = false;
          void save(e.currentTarget.value);
        }}
      />
    </section>
  );
}
