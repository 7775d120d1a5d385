// A short, stable fingerprint of a file's text: the root of the import's command ids, so that running the
// same import again (after a crash, a lost connection, a closed tab) sends the same ids and the server's
// idempotency turns the repeats into no-ops. Not cryptographic; 53 bits (cyrb53) is plenty to tell apart
// the files one team imports.

export function fingerprint(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(36).padStart(11, '0');
}

/** The preview row key ("<fingerprint>-<row>") → the capture command's id and the new lead's id. */
/** Every import command's id starts so: the sync client tells an import's verdicts from others by it. */
export const IMPORT_COMMAND_PREFIX = 'imp-';
export const commandIdOf = (rowKey: string) => `${IMPORT_COMMAND_PREFIX}${rowKey}`;
export const leadIdOf = (rowKey: string) => `lead-${rowKey}`;
