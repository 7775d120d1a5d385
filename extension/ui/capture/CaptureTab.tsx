import { useState } from 'preact/hooks';
import { browser } from '#imports';
import { useApp } from '../app-context.ts';
import { CaptureForm } from '../CaptureForm.tsx';
import { download, exportCsv, exportFileName } from './export.ts';
import './capture.css';

/** The "+ Lead" tab: manual capture, then the CRM file tools (import page, CSV export). */
export function CaptureTab({ onDone }: { onDone: (leadId: string) => void }) {
  const app = useApp();
  const [onlyMine, setOnlyMine] = useState(false);
  const [status, setStatus] = useState('');
  async function exportNow() {
    const { csv, count } = await exportCsv(app.db, {
      ...(onlyMine ? { owner: app.session.user.id } : {}),
      memberName: (id) => app.members.find((m) => m.id === id)?.name,
    });
    download(csv, exportFileName(new Date()));
    setStatus(`Exported ${count} lead(s).`);
  }
  return (
    <>
      <CaptureForm onDone={onDone} />
      <section class="card filetools" aria-labelledby="files-h">
        <h2 id="files-h">CRM files</h2>
        <button
          type="button"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/import.html') })}
        >
          Import a CSV file…
        </button>
        <div class="buttons">
          <button type="button" onClick={exportNow}>
            Export leads (CSV)
          </button>
          <label class="inline" for="export-mine">
            <input
              id="export-mine"
              type="checkbox"
              checked={onlyMine}
              onChange={(e) => setOnlyMine(e.currentTarget.checked)}
            />{' '}
            only mine
          </label>
        </div>
        {status && (
          <p class="small muted" role="status">
            {status}
          </p>
        )}
      </section>
    </>
  );
}
