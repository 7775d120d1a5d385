import { z } from 'zod';
import { ContactSchema } from './lead.ts';
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
 *   - Y.Map `leads`: lead id → Lead (the decided state, replaced whole on every change).
 *   - Y.Map `verdicts`: command id → Verdict.
 *   - Y.Map `meta`: `settings` → TeamSettings, `members` → Member[], `team` → { id, name }.
 */
export const WORK_ROOM = 'work';
export const AUTHORITY_ROOM = 'authority';
export const roomName = (teamId: string, doc: typeof WORK_ROOM | typeof AUTHORITY_ROOM): string =>
  `${teamId}/${doc}`;

export const WORK = { commands: 'commands', fields: 'fields' } as const;
export const AUTHORITY = { leads: 'leads', verdicts: 'verdicts', meta: 'meta' } as const;

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
