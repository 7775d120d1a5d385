import { useState } from 'preact/hooks';
import type { PreviewRow } from '../../../shared/import/preview.ts';
import { formatPhone } from '../card/phones.ts';
import { filterRows, type ReadyPreview, type RowFilter, selectable } from './plan.ts';

const PAGE = 200;
const FILTERS: [RowFilter, string][] = [
  ['all', 'All rows'],
  ['problems', 'With problems'],
  ['errors', 'Not importable'],
  ['imported', 'Already imported'],
];

/** The rows, what each becomes and what is wrong with it; a page at a time (a file may have 10,000). */
export function PreviewTable({
  preview,
  selected,
  onSelect,
  disabled,
}: {
  preview: ReadyPreview;
  selected: Set<number>;
  onSelect: (s: Set<number>) => void;
  disabled: boolean;
}) {
  const [filter, setFilter] = useState<RowFilter>('all');
  const [shown, setShown] = useState(PAGE);
  const rows = filterRows(preview.rows, filter);
  const toggle = (r: PreviewRow, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(r.row);
    else next.delete(r.row);
    onSelect(next);
  };
  return (
    <section class="preview" aria-labelledby="preview-h">
      <div class="preview-head">
        <h2 id="preview-h">Preview</h2>
        <div class="buttons">
          <span class="muted small">Show:</span>
          {FILTERS.map(([f, label]) => (
            <button
              key={f}
              type="button"
              class={`small${f === filter ? ' pressed' : ''}`}
              aria-pressed={f === filter}
              onClick={() => {
                setFilter(f);
                setShown(PAGE);
              }}
            >
              {label}
            </button>
          ))}
        </div>
        <div class="buttons">
          <button
            type="button"
            class="small"
            disabled={disabled}
            onClick={() => onSelect(new Set(preview.rows.filter(selectable).map((r) => r.row)))}
          >
            Select all importable
          </button>
          <button type="button" class="small" disabled={disabled} onClick={() => onSelect(new Set())}>
            Select none
          </button>
        </div>
      </div>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">
                <span class="sr-only">Import</span>
              </th>
              <th scope="col">Row</th>
              <th scope="col">Lead</th>
              <th scope="col">Email / phone</th>
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map((r) => (
              <tr key={r.row} class={`s-${r.status}${r.alreadyImported ? ' imported' : ''}`} data-row={r.row}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Import row ${r.row}`}
                    checked={selected.has(r.row)}
                    disabled={disabled || !selectable(r)}
                    onChange={(e) => toggle(r, e.currentTarget.checked)}
                  />
                </td>
                <td>{r.row}</td>
                <td>
                  <b>{r.draft.contact.name ?? ''}</b>
                  {r.draft.contact.company && <span class="muted"> {r.draft.contact.company}</span>}
                  {r.draft.contact.title && <span class="muted small"> · {r.draft.contact.title}</span>}
                </td>
                <td class="reach">
                  {r.draft.contact.emails.map((e) => (
                    <span key={e}>{e}</span>
                  ))}
                  {r.draft.contact.phones.map((p) => (
                    <span key={p}>{formatPhone(p)}</span>
                  ))}
                </td>
                <td class="problems">
                  {r.alreadyImported && <span class="tag imported">Already imported</span>}
                  {r.problems.map((p) => (
                    <span
                      key={p.code + (p.column ?? '') + (p.value ?? '')}
                      class={`tag ${p.severity}`}
                      data-code={p.code}
                    >
                      {p.message}
                      {p.value && !p.message.includes(p.value) ? ` (${p.value})` : ''}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > shown && (
        <button type="button" class="small" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, rows.length - shown)} more of {rows.length - shown}
        </button>
      )}
      {rows.length === 0 && <p class="muted">No row here.</p>}
    </section>
  );
}
