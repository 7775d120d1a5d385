import Dexie, { type EntityTable } from 'dexie';
import type { Command } from '../../shared/commands/index.ts';
import type { Contact, Lead } from '../../shared/lead.ts';
import type { Verdict } from '../../shared/sync-docs.ts';

/**
 * The UI's read model, in IndexedDB. The background's sync client writes it from the two Yjs docs; the UI
 * reads it (liveQuery) and writes only the outbox (plus the lead rows the outbox changes).
 */

/** What this user asked for and has not seen decided yet (or saw rejected and has not dismissed). */
export type OutboxStatus = 'pending' | 'accepted' | 'rejected' | 'dismissed';

export type OutboxRow = {
  /** The command id (client-made UUID): also the key in the work doc's `commands` map and in `verdicts`. */
  id: string;
  leadId: string;
  command: Command;
  /** Local clock when the user acted; the prediction uses it as `now`. */
  createdAt: number;
  status: OutboxStatus;
  /** When the background last put the command into the work doc (null: not yet). */
  sentAt: number | null;
  verdict?: Verdict;
};

/** A predicted rejection of a pending command (the server may still accept it: it decides). */
export type Prediction = { commandId: string; type: string; code: string; message: string };

export type LeadRow = {
  id: string;
  /** The authority's decided state; null while only a pending capture exists. */
  authority: Lead | null;
  /** authority + this user's pending commands, applied with the shared rules: what the UI shows. */
  view: Lead;
  /** view.contact with the free-form edits from the work doc's `fields` map laid over it. */
  contact: Contact;
  /** The work doc's `fields` values for this lead (kept so the UI can recompute the row alone). */
  edits: Partial<Contact>;
  notes: string;
  /** Types of this user's pending commands on the lead, oldest first. */
  pending: string[];
  predicted: Prediction[];
  // Index keys (derived; see search-keys.ts).
  stage: Lead['stage'];
  owner?: string;
  sqlDeadline?: number;
  emails: string[];
  phones: string[];
  phoneRev: string[];
  words: string[];
  /** `extPending` (an extension waits for a manager), `recallDue` (a nurture lead to call again). */
  flags: string[];
  updatedAt: number;
};

export type VerdictRow = Verdict;
export type MetaRow = { key: string; value: unknown };
/**
 * Persisted Yjs updates per doc; compacted into one row when they pile up (doc-store.ts). A `rows-behind`
 * row (empty update) says that authority updates were stored ahead of the rows they change (the sync
 * client's `storeReceived`); it lives here so that it is written in the same transaction as they are.
 */
export type DocUpdateRow = { seq?: number; doc: 'work' | 'authority' | 'rows-behind'; update: Uint8Array };

export const DB_NAME = 'leadline';

export class LeadlineDb extends Dexie {
  leads!: EntityTable<LeadRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  verdicts!: EntityTable<VerdictRow, 'commandId'>;
  meta!: EntityTable<MetaRow, 'key'>;
  docs!: EntityTable<DocUpdateRow, 'seq'>;

  constructor(name = DB_NAME) {
    // No liveQuery cache: with the default ('cloned') Dexie deep-clones every live result (the Today list
    // of a rep with 20,000 leads spent more time cloning rows than reading them) and shows writes of this page
    // before they commit; the UI confirms only what IndexedDB has.
    super(name, { cache: 'disabled' });
    this.version(1).stores({
      leads:
        'id, stage, owner, sqlDeadline, [owner+stage], *emails, *phones, *phoneRev, *words, *flags, updatedAt',
      outbox: 'id, leadId, status, createdAt',
      verdicts: 'commandId, leadId, status',
      meta: 'key',
      docs: '++seq, doc',
    });
    // 2: [stage+updatedAt], so that the Pool tab reads its newest 200 rows, not all 7,000 pool leads of a big team.
    this.version(2).stores({
      leads:
        'id, stage, owner, sqlDeadline, [owner+stage], [stage+updatedAt], *emails, *phones, *phoneRev, *words, *flags, updatedAt',
    });
  }

  /** Every table: the scope of a transaction that writes the whole read model. */
  get all() {
    return [this.leads, this.outbox, this.verdicts, this.meta, this.docs];
  }
}

let shared: LeadlineDb | undefined;
/** The one database of this extension (pages and the service worker open the same IndexedDB). */
export function getDb(): LeadlineDb {
  shared ??= new LeadlineDb();
  return shared;
}
