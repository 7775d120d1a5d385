import type { Region } from '../../../shared/contact/phone.ts';
import type { Delimiter } from '../../../shared/import/csv.ts';
import type { Encoding } from '../../../shared/import/decode.ts';
import type { MappingOverrides } from '../../../shared/import/mapping.ts';
import { buildImportPreview, type ImportPreview } from '../../../shared/import/preview.ts';
import { type ExistingIndex, existingLookup } from './existing-index.ts';
import PreviewWorker from './preview.worker.ts?worker';

export type PreviewOptions = {
  region?: Region;
  salt: string;
  overrides?: MappingOverrides;
  encoding?: Encoding;
  delimiter?: Delimiter;
};
export type PreviewRequest = { bytes: ArrayBuffer; options: PreviewOptions; index: ExistingIndex };
type PreviewReply = { ok: true; preview: ImportPreview } | { ok: false; message: string };

/**
 * The shared preview in a Worker, so the page keeps painting while 10,000 rows are read; on the page itself
 * when a Worker cannot start.
 */
export function runPreview(
  bytes: Uint8Array,
  options: PreviewOptions,
  index: ExistingIndex,
): Promise<ImportPreview> {
  let worker: Worker;
  try {
    worker = new PreviewWorker();
  } catch {
    return Promise.resolve(buildImportPreview(bytes, { ...options, existing: existingLookup(index) }));
  }
  return new Promise<ImportPreview>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<PreviewReply>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.preview);
      else reject(new Error(e.data.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      e.preventDefault();
      // A worker that fails to load (not a preview error): read on the page.
      resolve(buildImportPreview(bytes, { ...options, existing: existingLookup(index) }));
    };
    const copy = bytes.slice().buffer;
    worker.postMessage({ bytes: copy, options, index } satisfies PreviewRequest, [copy]);
  });
}
