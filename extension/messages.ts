import type { EditableField } from '../shared/sync-docs.ts';
import type { Session } from './store/meta.ts';

/** Messages from extension pages to the background (runtime messaging). Content scripts use page-context.ts. */
export type BackgroundMessage =
  | { type: 'leadline/kick' }
  | { type: 'leadline/edit-field'; leadId: string; field: EditableField; value: unknown }
  | { type: 'leadline/edit-notes'; leadId: string; text: string }
  | { type: 'leadline/sign-in'; session: Session }
  | { type: 'leadline/sign-out' }
  | { type: 'leadline/refresh' };

export type BackgroundReply = { ok: true } | { ok: false; message: string };

const TYPES: ReadonlySet<string> = new Set<BackgroundMessage['type']>([
  'leadline/kick',
  'leadline/edit-field',
  'leadline/edit-notes',
  'leadline/sign-in',
  'leadline/sign-out',
  'leadline/refresh',
]);

/** Only these messages are the sync side's: other listeners (page contexts, capture) answer theirs. */
export const isBackgroundMessage = (m: unknown): m is BackgroundMessage =>
  typeof m === 'object' && m !== null && TYPES.has(String((m as { type?: unknown }).type));
