import { useEffect, useState } from 'preact/hooks';
import { toBackground } from '../background-link.ts';

/** One import run as the page counts it. */
export type Run = {
  /** Command ids without their common prefix (`imp-<fileKey>-`): what the status request sends. */
  suffixes: string[];
  prefix: string;
  saved: number;
  total: number;
  begun: number;
  problem: string;
  /** Rows of the file this run leaves out (not importable, already imported, or unticked), for the summary. */
  leftOut: number;
};

type Decided = { done: number; rejected: number; reasons: [string, number][]; at: number };

/**
 * Two bars: saved on this device (from then on nothing can be lost), then decided by the server. The server's
 * verdicts are counted by the background from its copy of the team's docs (`leadline/import-status`), where
 * they arrive first; the new leads then show up in the sidebar as the sync client writes their rows. Refused
 * rows are counted with their reasons here, and stay in the sidebar's Rejected list until dismissed.
 */
export function ImportProgress({ run }: { run: Run }) {
  const [decided, setDecided] = useState<Decided>();
  // Polled a few times a second: a live query over IndexedDB would re-run after each of the sync client's
  // flushes and compete with them for the CPU.
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      const reply = await toBackground({
        type: 'leadline/import-status',
        prefix: run.prefix,
        suffixes: run.suffixes,
      });
      if (!alive) return;
      const s = reply.ok ? reply.importStatus : undefined;
      if (s) setDecided({ done: s.decided, rejected: s.rejected, reasons: s.reasons, at: performance.now() });
      if (!s || s.decided < run.total) timer = setTimeout(tick, 250);
    };
    void tick();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [run.suffixes, run.prefix, run.total]);
  const done = decided?.done ?? 0;
  const rejected = decided?.rejected ?? 0;
  const finished = run.total > 0 && done >= run.total;
  const seconds = finished && decided ? ((decided.at - run.begun) / 1000).toFixed(1) : null;
  return (
    <div class="import-progress">
      <label for="saved-bar">
        Saved on this device: {run.saved} of {run.total}
        <progress id="saved-bar" max={run.total} value={run.saved} />
      </label>
      <label for="server-bar">
        Imported on the server: {done - rejected} of {run.total}
        {rejected ? `, ${rejected} refused` : ''}
        <progress id="server-bar" max={run.total} value={done} />
      </label>
      {run.problem && (
        <p role="alert" class="error">
          Import stopped: {run.problem} The rows saved so far are kept and will be sent; pick the file again
          to import the rest.
        </p>
      )}
      {!finished && run.saved === run.total && !run.problem && (
        <p class="small muted">
          Everything is saved on this device and reaches the server as soon as Leadline is online. You may
          close this page.
        </p>
      )}
      {finished && (
        <p role="status" class="ok-note" data-seconds={seconds}>
          Done in {seconds} s: {done - rejected} lead(s) created{rejected ? `, ${rejected} refused` : ''}
          {run.leftOut ? `; ${run.leftOut} row(s) of the file left out (see the preview above)` : ''}.
        </p>
      )}
      {decided?.reasons.map(([m, n]) => (
        <p key={m} class="small warn-text">
          {n} × {m}
        </p>
      ))}
    </div>
  );
}
