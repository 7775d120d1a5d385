import { useState } from 'preact/hooks';
import { isRegion } from '../../../shared/contact/phone.ts';
import { type CaptureCommand, toCaptureCommands } from '../../../shared/import/commands.ts';
import type { Delimiter } from '../../../shared/import/csv.ts';
import type { Encoding } from '../../../shared/import/decode.ts';
import type { Field } from '../../../shared/import/headers.ts';
import { commandIdOf } from '../../../shared/import/ids.ts';
import type { MappingOverrides } from '../../../shared/import/mapping.ts';
import { DEFAULT_SETTINGS } from '../../../shared/settings.ts';
import { getDb } from '../../store/db.ts';
import { getMeta } from '../../store/meta.ts';
import { toBackground } from '../background-link.ts';
import { useLive } from '../hooks.ts';
import { loadExistingIndex } from './existing-index.ts';
import { FileSummary } from './FileSummary.tsx';
import { ImportProgress, type Run } from './ImportProgress.tsx';
import { MappingTable } from './MappingTable.tsx';
import { PreviewTable } from './PreviewTable.tsx';
import { CHUNK, commandPrefix, leadPrefix, markImported, type ReadyPreview, selectable } from './plan.ts';
import { runPreview } from './run-preview.ts';

import './import.css';

type Choices = { overrides: MappingOverrides; encoding?: Encoding; delimiter?: Delimiter };

/**
 * The import page (`import.html`): pick a CRM file, check what each row becomes, import only the rows ticked.
 * Nothing leaves the device before "Import"; then the rows go to the background as capture commands, which
 * puts them into the work doc (background/import-commands.ts), and the server decides each like any capture.
 */
export function ImportApp() {
  const db = getDb();
  const meta = useLive(async () => {
    const [session, settings] = await Promise.all([getMeta(db, 'session'), getMeta(db, 'settings')]);
    return { session, settings: settings ?? DEFAULT_SETTINGS };
  }, []);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [preview, setPreview] = useState<ReadyPreview | null>(null);
  const [error, setError] = useState('');
  const [reading, setReading] = useState(false);
  const [choices, setChoices] = useState<Choices>({ overrides: {} });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [run, setRun] = useState<Run | null>(null);

  if (meta === undefined) return <main class="import" aria-busy="true" />;
  const { session, settings } = meta;
  if (!session)
    return (
      <main class="import">
        <h1>Import leads</h1>
        <p>Sign in from the Leadline sidebar first.</p>
      </main>
    );

  async function read(bytes: Uint8Array, next: Choices) {
    setReading(true);
    setError('');
    try {
      const index = await loadExistingIndex(db);
      const region = settings.defaultPhoneRegion;
      const p = await runPreview(
        bytes,
        {
          salt: session!.user.id,
          ...(isRegion(region) ? { region } : {}),
          overrides: next.overrides,
          ...(next.encoding ? { encoding: next.encoding } : {}),
          ...(next.delimiter ? { delimiter: next.delimiter } : {}),
        },
        index,
      );
      if (!p.ok) {
        setPreview(null);
        setError(p.error.message);
        return;
      }
      // Rows an earlier run handed over: their lead is here, or their command is in the background's work doc.
      const prefix = commandPrefix(p.fileKey);
      const [leadIds, status] = await Promise.all([
        db.leads.where('id').startsWith(leadPrefix(p.fileKey)).primaryKeys(),
        toBackground({
          type: 'leadline/import-status',
          prefix,
          suffixes: p.rows.flatMap((r) => (r.key ? [commandIdOf(r.key).slice(prefix.length)] : [])),
        }),
      ]);
      const queued = status.ok ? (status.importStatus?.queued ?? []) : [];
      const marked = markImported(p, {
        leadIds: new Set(leadIds),
        commandIds: new Set(queued.map((q) => prefix + q)),
      });
      setPreview(marked);
      setSelected(new Set(marked.rows.filter(selectable).map((r) => r.row)));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setReading(false);
    }
  }

  async function pick(e: Event) {
    const f = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!f) return;
    const bytes = new Uint8Array(await f.arrayBuffer());
    const fresh = { overrides: {} };
    setFile({ name: f.name, bytes });
    setChoices(fresh);
    setRun(null);
    await read(bytes, fresh);
  }

  const change = (patch: Partial<Choices>) => {
    const next = { ...choices, ...patch };
    setChoices(next);
    if (file) void read(file.bytes, next);
  };

  async function start() {
    if (!preview || !selected.size) return;
    const commands = toCaptureCommands(preview, selected, Date.now());
    const prefix = commandPrefix(preview.fileKey);
    const live: Run = {
      suffixes: commands.map((c) => c.id.slice(prefix.length)),
      prefix,
      saved: 0,
      total: commands.length,
      begun: performance.now(),
      problem: '',
      leftOut: preview.rows.length - commands.length,
    };
    setRun({ ...live });
    // All chunks at once: the background puts each into the work doc as it arrives and answers once it is
    // stored, so the server has the whole file within a second and saving does not wait on sending.
    const chunks: CaptureCommand[][] = [];
    for (let i = 0; i < commands.length; i += CHUNK) chunks.push(commands.slice(i, i + CHUNK));
    await Promise.all(
      chunks.map(async (chunk) => {
        const reply = await toBackground({ type: 'leadline/import', commands: chunk });
        if (!reply.ok) live.problem ||= reply.message;
        else live.saved += chunk.length;
        setRun({ ...live });
      }),
    );
    setRun({ ...live });
  }

  const busy = !!run && !run.problem && run.saved < run.total;
  return (
    <main class="import">
      <header>
        <h1>Import leads from a CRM file</h1>
        <p class="muted">
          A CSV export of HubSpot, Salesforce, Zoho, Pipedrive or any spreadsheet. Nothing is sent until you
          press Import; importing the same file again only adds what is missing.
        </p>
      </header>
      <label for="import-file" class="filepick">
        CSV file
        <input
          id="import-file"
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          onChange={pick}
          disabled={busy}
        />
      </label>
      {reading && (
        <p role="status" class="reading">
          <progress aria-label="Reading the file" /> Reading {file?.name}…
        </p>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {preview && file && (
        <>
          <FileSummary
            preview={preview}
            fileName={file.name}
            onEncoding={(encoding) => change({ encoding })}
            onDelimiter={(delimiter) => change({ delimiter })}
          />
          <MappingTable
            mapping={preview.mapping}
            onChange={(index: number, field: Field | null) =>
              change({ overrides: { ...choices.overrides, [index]: field } })
            }
          />
          <PreviewTable
            // A new file starts on all its rows: the last file's filter ("With problems") is not about it.
            key={preview.fileKey}
            preview={preview}
            selected={selected}
            onSelect={setSelected}
            disabled={busy || reading}
          />
          <div class="import-bar">
            <button
              type="button"
              class="primary"
              disabled={
                !selected.size || busy || reading || (run !== null && !run.problem && run.saved === run.total)
              }
              onClick={start}
            >
              Import {selected.size} lead{selected.size === 1 ? '' : 's'}
            </button>
            {run && <ImportProgress run={run} />}
          </div>
        </>
      )}
    </main>
  );
}
