import type { Command } from '../shared/commands/index.ts';
import type { EditableField } from '../shared/sync-docs.ts';
import type { Session } from './store/meta.ts';

/** Messages from extension pages to the background (runtime messaging). Content scripts use page-context.ts. */
export type BackgroundMessage =
  | { type: 'leadline/kick' }
  | { type: 'leadline/edit-field'; leadId: string; field: EditableField; value: unknown }
  | { type: 'leadline/edit-notes'; leadId: string; text: string }
  | { type: 'leadline/sign-in'; session: Session }
  | { type: 'leadline/sign-out' }
  | { type: 'leadline/refresh' }
  /** A chunk of a CSV import's capture commands (ui/import): straight into the work doc, see Background. */
  | { type: 'leadline/import'; commands: Command[] }
  /** How far an import is: its command ids (`prefix` + each suffix) as the background's docs know them. */
  | { type: 'leadline/import-status'; prefix: string; suffixes: string[] };

/** Of an import's commands: in the work doc waiting for the server, decided, refused (with their reasons). */
export type ImportStatus = {
  /** Suffixes of the commands already in the work doc (saved here, on their way or decided). */
  queued: string[];
  decided: number;
  rejected: number;
  reasons: [message: string, count: number][];
};

export type BackgroundReply = { ok: true; importStatus?: ImportStatus } | { ok: false; message: string };

const TYPES: ReadonlySet<string> = new Set<BackgroundMessage['type']>([
  'leadline/kick',
  'leadline/edit-field',
  'leadline/edit-notes',
  'leadline/sign-in',
  'leadline/sign-out',
  'leadline/refresh',
  'leadline/import',
  'leadline/import-status',
]);

/** Only these messages are the sync side's: other listeners (page contexts, capture) answer theirs. */
export const isBackgroundMessage = (m: unknown): m is BackgroundMessage =>
  typeof m === 'object' && m !== null && TYPES.has(String((m as { type?: unknown }).type));
