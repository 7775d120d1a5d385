import { z } from 'zod';
import { ContactSchema, type Lead } from './lead.ts';
import { REJECTION_CODES } from './rejections.ts';

/**
 * The layout of a team's two Yjs documents: the contract between the sync server and every client.
 *
 * Work doc (room `<teamId>/work`), written by clients:
 *   - Y.Map `commands`: command id → command (a plain JSON value, never edited after it is written).
 *     The server decides each new key once, then deletes the key; the verdict lives in the authority doc.
 *   - Y.Map `fields`: `<leadId>/<field>` → value. Flat keys, so per-field last-writer-wins and no nested map
 *     that two offline clients could both create (one side's fields would vanish on merge).
 *   - Y.Text `notes/<leadId>` (a root type: root types are named, so concurrent creation merges).
 * Authority doc (room `<teamId>/authority`), written only by the server; client writes are dropped and
 * answered with a y-protocols auth "permission denied" message:
 *   - Y.Map `leads`: lead id → Lead as UTF-8 JSON bytes (`encodeLead`, `readLead`): the decided state,
 *     replaced whole on every change.
 *   - Y.Map `verdicts`: command id → Verdict.
 *   - Y.Map `meta`: `settings` → TeamSettings, `members` → Member[], `team` → { id, name }.
 */
export const WORK_ROOM = 'work';
export const AUTHORITY_ROOM = 'authority';
export const roomName = (teamId: string, doc: typeof WORK_ROOM | typeof AUTHORITY_ROOM): string =>
  `${teamId}/${doc}`;

export const WORK = { commands: 'commands', fields: 'fields' } as const;
export const AUTHORITY = { leads: 'leads', verdicts: 'verdicts', meta: 'meta' } as const;

const toUtf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * The key names of a Lead (and of its contact, calls, extensions, cooldown and history entries), each
 * written as one character in the doc: they were ~28 % of a lead's bytes. Append only: a code, once
 * given, means that key for every doc ever written. A key not listed is written as it is (two characters
 * or more, so it never reads as a code).
 */
const KEYS = [
  ...['id', 'contact', 'name', 'company', 'title', 'website', 'emails', 'phones', 'source', 'sourceUrl'],
  ...['note', 'stage', 'owner', 'capturedBy', 'capturedAt', 'obtainedAt', 'mqlBy', 'poolReason'],
  ...['disqualifyReason', 'recallAt', 'recallDue', 'calls', 'at', 'by', 'outcome', 'durationSec'],
  ...['unansweredStreak', 'interested', 'sqlSince', 'sqlDeadline', 'extensions', 'requestedBy'],
  ...['requestedAt', 'reason', 'status', 'decidedBy', 'decidedAt', 'phase', 'demand', 'seats'],
  ...['companyName', 'amount', 'currency', 'expectedClose', 'inDanger', 'closedAt', 'closeReason'],
  ...['cooldown', 'userId', 'until', 'history', 'event', 'version'],
];
const CODES = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const CODE_OF = new Map(KEYS.map((k, i) => [k, CODES[i]]));
const KEY_OF = new Map(KEYS.map((k, i) => [CODES[i], k]));
// In JSON.stringify's output `"word":` is always a key: a quote inside a string value is escaped.
const ANY_KEY = /"(\w+)":/g;
const CODED_KEY = /"(\w)":/g;

/**
 * A lead as the authority doc holds it: its JSON, keys coded (KEYS), as UTF-8 bytes (a Yjs binary), not a
 * JSON value. Yjs decodes a JSON value into a tree of objects the moment a client loads the doc, and a
 * worker loading 20,000 leads built 170 MB of objects to keep 30 MB of them (the young generation grew to
 * its maximum and the extension's memory went from 60 to 235 MB at every start of the worker). Bytes load
 * as one small buffer per lead; a lead is parsed only when it is read.
 */
export function encodeLead(lead: Lead): Uint8Array {
  const json = JSON.stringify(lead).replace(ANY_KEY, (key, name: string) => {
    const code = CODE_OF.get(name);
    return code ? `"${code}":` : key;
  });
  return toUtf8.encode(json);
}

/**
 * Reads a value of the authority doc's `leads` map: bytes (encodeLead; also their first form, keys not
 * coded), or a JSON value (what servers wrote before bytes).
 */
export function readLead(value: unknown): Lead | undefined {
  if (value === undefined || value === null) return undefined;
  if (!(value instanceof Uint8Array)) return value as Lead;
  try {
    const json = fromUtf8.decode(value).replace(CODED_KEY, (key, code: string) => {
      const name = KEY_OF.get(code);
      return name ? `"${name}":` : key;
    });
    return JSON.parse(json) as Lead;
  } catch (e) {
    throw new Error(`The authority doc holds a lead that is not JSON (${value.byteLength} bytes): ${e}`);
  }
}

/** Contact fields a user may edit freely on a lead card (they merge; the rules never depend on them). */
export const EDITABLE_FIELDS = ['name', 'company', 'title', 'website', 'emails', 'phones'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export const fieldKey = (leadId: string, field: EditableField): string => `${leadId}/${field}`;
export const notesName = (leadId: string): string => `notes/${leadId}`;

export const FieldValueSchema = z.union([
  ContactSchema.shape.name,
  ContactSchema.shape.emails,
  ContactSchema.shape.phones,
]);

export const VerdictSchema = z.object({
  commandId: z.string(),
  leadId: z.string(),
  type: z.string(),
  /** Who issued the command (from their token) and when the server decided it (server clock). */
  by: z.string(),
  decidedAt: z.number(),
  status: z.enum(['accepted', 'rejected']),
  code: z
    .enum(Object.keys(REJECTION_CODES) as [keyof typeof REJECTION_CODES, ...(keyof typeof REJECTION_CODES)[]])
    .optional(),
  message: z.string().optional(),
  hint: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Verdict = z.infer<typeof VerdictSchema>;
