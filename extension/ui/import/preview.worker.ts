// Builds the import preview off the page's main thread (10,000 rows of phone parsing take a second or two).
import { buildImportPreview } from '../../../shared/import/preview.ts';
import { existingLookup } from './existing-index.ts';
import type { PreviewRequest } from './run-preview.ts';

self.onmessage = (e: MessageEvent<PreviewRequest>) => {
  const { bytes, options, index } = e.data;
  try {
    const preview = buildImportPreview(new Uint8Array(bytes), {
      ...options,
      existing: existingLookup(index),
    });
    self.postMessage({ ok: true, preview });
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
