import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { ExtensionBrowser } from './fixtures';

/** Helpers for the fault tests (faults-*.spec.ts). */

/**
 * SIGKILLs the Chromium browser process running this profile: no shutdown, no flush, like a crash or a power
 * button on the process. Found by its `--user-data-dir` among the processes (the main one has no `--type=`).
 */
export async function killChromium(extension: ExtensionBrowser): Promise<number> {
  const flag = `--user-data-dir=${extension.userDataDir}`;
  const pids = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const args = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
        return args.includes(flag) && !args.some((a) => a.startsWith('--type='));
      } catch {
        return false; // the process ended while we looked
      }
    })
    .map(Number);
  if (pids.length !== 1) throw new Error(`expected one browser process for ${flag}, found ${pids.length}`);
  const closed = new Promise<void>((resolve) => extension.context.once('close', () => resolve()));
  process.kill(pids[0], 'SIGKILL');
  await closed;
  return pids[0];
}

export type LocalLead = { id: string; name: string; stage: string | null; calls: number; pending: string[] };

/** The extension's read model (IndexedDB `leadline`, table `leads`), read from an extension page. */
export function localLeads(page: Page): Promise<LocalLead[]> {
  return page.evaluate(
    () =>
      new Promise<LocalLead[]>((resolve, reject) => {
        const open = indexedDB.open('leadline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('leads').objectStore('leads').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            type Row = {
              id: string;
              contact: { name: string };
              authority: { stage: string; calls: unknown[] } | null;
              pending: string[];
            };
            resolve(
              (all.result as Row[])
                .map((r) => ({
                  id: r.id,
                  name: r.contact.name,
                  stage: r.authority?.stage ?? null,
                  calls: r.authority?.calls.length ?? 0,
                  pending: r.pending,
                }))
                .sort((a, b) => a.name.localeCompare(b.name)),
            );
          };
        };
      }),
  );
}
