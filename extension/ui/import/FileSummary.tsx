import type { Delimiter } from '../../../shared/import/csv.ts';
import { ENCODINGS, type Encoding } from '../../../shared/import/decode.ts';
import { CRM_LABEL, DELIMITER_LABEL, type ReadyPreview } from './plan.ts';

/** What was detected (each overridable) and what importing would do, in numbers. */
export function FileSummary({
  preview,
  fileName,
  onEncoding,
  onDelimiter,
}: {
  preview: ReadyPreview;
  fileName: string;
  onEncoding: (e: Encoding) => void;
  onDelimiter: (d: Delimiter) => void;
}) {
  const c = preview.counts;
  // Rows done in an earlier run are counted once, as already imported.
  const fresh = (status: string) =>
    preview.rows.filter((r) => r.status === status && !r.alreadyImported).length;
  return (
    <section class="summary" aria-labelledby="summary-h">
      <h2 id="summary-h">{fileName}</h2>
      <div class="detected">
        <label for="enc">
          Encoding
          <select
            id="enc"
            value={preview.encoding}
            onChange={(e) => onEncoding(e.currentTarget.value as Encoding)}
          >
            {ENCODINGS.map((x) => (
              <option key={x} value={x}>
                {x.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label for="delim">
          Delimiter
          <select
            id="delim"
            value={preview.delimiter}
            onChange={(e) => onDelimiter(e.currentTarget.value as Delimiter)}
          >
            {(Object.keys(DELIMITER_LABEL) as Delimiter[]).map((d) => (
              <option key={d} value={d}>
                {DELIMITER_LABEL[d]}
              </option>
            ))}
          </select>
        </label>
        <p class="crm">
          <span class="muted small">Exported from</span>
          <b data-crm={preview.crm}>{CRM_LABEL[preview.crm]}</b>
        </p>
      </div>
      <p class="counts">
        <span>{preview.rows.length} rows:</span> <span class="c-ok">{fresh('ok')} ready</span>
        <span class="c-warning">{fresh('warning')} with warnings</span>
        <span class="c-error">{c.error} not importable</span>
        <span class="c-imported">{c.alreadyImported} already imported</span>
      </p>
      {preview.fileProblems.map((p) => (
        <p key={p.code + p.message} class="warn-note small">
          {p.message}
        </p>
      ))}
    </section>
  );
}
