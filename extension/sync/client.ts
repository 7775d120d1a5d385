import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { messageSync, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Command } from '../../shared/commands/index.ts';
import { IMPORT_COMMAND_PREFIX } from '../../shared/import/ids.ts';
import type { Lead } from '../../shared/lead.ts';
import { MemberSchema } from '../../shared/roles.ts';
import { TeamSettingsSchema } from '../../shared/settings.ts';
import {
  AUTHORITY,
  AUTHORITY_ROOM,
  EDITABLE_FIELDS,
  type EditableField,
  fieldKey,
  notesName,
  readLead,
  roomName,
  type Verdict,
  VerdictSchema,
  WORK,
  WORK_ROOM,
} from '../../shared/sync-docs.ts';
import type { LeadlineDb, LeadRow } from '../store/db.ts';
import { getMeta, type Session, type SyncStatus, setMeta, teamContext } from '../store/meta.ts';
import { projectionContext, recordVerdicts } from '../store/outbox.ts';
import type { ProjectionContext } from '../store/projection.ts';
import { announceLeadsChanged, type FreshInputs, rebuildRowsQuietly, recomputeRows } from '../store/rows.ts';
import { mayBeInFocus } from '../store/today.ts';
import { syncUrl } from './api.ts';
import { appendUpdates, applyUpdateInPlace, type DocName, loadDoc, ORIGIN_LOAD } from './doc-store.ts';
import { createSocketMux } from './socket-mux.ts';
import { applyTextDiff } from './text-diff.ts';

/** Bump when buildRow changes: the next start rebuilds every row from the persisted docs. 2: words lost accents. */
export const READ_MODEL_VERSION = 2;
/**
 * The `docs` row stored with authority updates that are ahead of their rows (see `storeReceived`): a start
 * that finds one rebuilds every row, as after a change of `buildRow`.
 */
const ROWS_BEHIND = 'rows-behind';
/** Transaction origin of this client's own writes to the work doc. */
export const ORIGIN_LOCAL = 'leadline:local';
/**
 * A flush that rebuilds more rows than this (the first sync of a big team, a read-model rebuild) writes
 * them in several transactions, the rows Today shows first; see `flush`.
 */
export const ROWS_PER_TRANSACTION = 250;
/** How often the pages are told about rows a big flush wrote untracked. */
const ANNOUNCE_EVERY_MS = 1000;

/** A decided lead that changed on the server: what notifications compare. */
export type LeadChange = { id: string; before: Lead | undefined; after: Lead | undefined };

/** A change as the doc holds it (bytes: readLead), parsed only if someone reads it. */
const leadChange = (
  id: string,
  before: unknown,
  after: unknown,
): LeadChange & { raw: [unknown, unknown] } => ({
  id,
  raw: [before, after],
  get before() {
    return readLead(before);
  },
  get after() {
    return readLead(after);
  },
});

export type SyncClientOptions = {
  db: LeadlineDb;
  session: Session;
  /** For Node tests (`ws`); browsers use their own WebSocket. */
  WebSocketPolyfill?: typeof WebSocket;
  now?: () => number;
  /**
   * After each flush to IndexedDB that brought decided leads: those that changed since the first complete
   * sync (each one is news: a first sync's leads are never listed), and whether the flush held leads of
   * the first sync (or of a rebuild of the rows).
   */
  onFlushed?: (changes: LeadChange[], initial: boolean) => void;
  /** Keep the docs local (tests of the flush logic; the server is then played by writing the docs). */
  offline?: boolean;
  /** Asked after repeated failed connections: is the token still accepted? (GET /api/v1/me) */
  checkToken?: () => Promise<'ok' | 'unauthorized' | 'unreachable'>;
};

/**
 * THE sync client of the extension (one per extension, owned by the background): one Y.Doc and one
 * y-websocket provider per team document — the server keeps the two docs in separate rooms with separate
 * rights (the authority room is read-only) — and one WebSocket for both (socket-mux.ts).
 *
 * Every change from either doc is persisted to IndexedDB together with the read-model rows it produces, in
 * one transaction (flush), so the rows and the stored doc state can never disagree after a crash.
 */
export class SyncClient {
  readonly work = new Y.Doc();
  readonly authority = new Y.Doc();
  private providers: WebsocketProvider[] = [];
  private readonly db: LeadlineDb;
  private readonly now: () => number;
  private dirty = this.emptyDirty();
  private flushChain: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private flushing = false;
  /** Authority updates stored ahead of their rows (storeReceived), and the chain storing them. */
  private storedAhead = 0;
  private receivedUpdates: Uint8Array[] = [];
  private receivedChain: Promise<void> = Promise.resolve();
  private status: SyncStatus = { state: 'offline', lastSyncAt: null };
  private failedConnects = 0;
  private stopped = false;
  private everSynced = false;
  /**
   * Import commands the server removed from the work doc whose verdict this client has not recorded yet. The
   * two rooms sync independently: after a reconnect the work doc (keys dropped) can arrive before the
   * authority doc (verdicts), and in between an imported row would look neither handed over nor decided —
   * offered again by the import page, and its rejection silent for want of the command. Kept until the
   * verdict is recorded.
   */
  private readonly droppedImports = new Map<string, Command>();

  constructor(private readonly opts: SyncClientOptions) {
    this.db = opts.db;
    this.now = opts.now ?? Date.now;
  }

  get me(): string {
    return this.opts.session.user.id;
  }

  /** Loads both docs from IndexedDB, reconciles the outbox, connects. Resolves before the first server sync. */
  async start(): Promise<void> {
    const [stored] = await Promise.all([
      getMeta(this.db, 'sync'),
      loadDoc(this.db, 'work', this.work),
      loadDoc(this.db, 'authority', this.authority),
    ]);
    this.status = {
      state: 'connecting',
      lastSyncAt: stored?.lastSyncAt ?? null,
      ...(stored?.unsyncedEdits ? { unsyncedEdits: stored.unsyncedEdits } : {}),
    };
    this.everSynced = stored?.lastSyncAt != null;
    this.observe();
    const version = (await this.db.meta.get('readModelVersion'))?.value;
    const behind = await this.db.docs.where('doc').equals(ROWS_BEHIND).count();
    if (version !== READ_MODEL_VERSION || behind > 0) {
      for (const id of this.authority.getMap(AUTHORITY.leads).keys()) this.dirty.leads.add(id);
      this.dirty.meta = true;
      this.dirty.initial = true; // not news; onFlushed then tells the badge the rows are back
      this.scheduleFlush();
    }
    await this.pushOutbox();
    if (!this.stopped && !this.opts.offline) this.connect();
    await this.writeStatus();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.flushRetry);
    for (const p of this.providers) p.destroy();
    this.providers = [];
    await Promise.all([this.flushChain, this.receivedChain]);
  }

  /** Waits until everything observed so far is in IndexedDB. */
  async settled(): Promise<void> {
    for (;;) {
      const chain = this.flushChain;
      const received = this.receivedChain;
      const pushes = [...this.pushes];
      await Promise.all([chain, received, ...pushes]);
      if (
        !this.flushScheduled &&
        chain === this.flushChain &&
        received === this.receivedChain &&
        !this.pushes.size
      )
        return;
      await new Promise((r) => setTimeout(r, 0));
    }
  }

  private commandUpdates: Uint8Array[] = [];
  private commandsChain: Promise<void> = Promise.resolve();

  /** Whether a work-doc transaction wrote only to the `commands` map (no row depends on that map). */
  private onlyCommands(tr: Y.Transaction): boolean {
    const commands = this.work.getMap(WORK.commands);
    for (const type of tr.changed.keys()) if ((type as unknown) !== commands) return false;
    return true;
  }

  /**
   * This client's own commands (outbox pushes, CSV imports) are persisted at once, in small transactions of
   * their own, not in the next flush: a flush may be rebuilding thousands of rows from the verdicts of an
   * import, and a command's durability must not wait for that. No read-model row depends on the `commands`
   * map, so rows and stored docs still agree after a crash.
   */
  private storeCommandUpdate(update: Uint8Array): void {
    this.commandUpdates.push(update);
    if (this.commandUpdates.length > 1) return;
    const { db } = this;
    this.commandsChain = this.commandsChain
      .then(() => new Promise<void>((r) => queueMicrotask(r)))
      .then(() => {
        const updates = this.commandUpdates;
        this.commandUpdates = [];
        return db.transaction('rw', db.docs, () => appendUpdates(db, 'work', updates));
      })
      .catch((e) => console.error('Leadline: storing commands failed', e));
  }

  /** Resolves once every command put into the work doc so far is in IndexedDB. */
  async commandsStored(): Promise<void> {
    await new Promise<void>((r) => queueMicrotask(r));
    await this.commandsChain;
  }

  /** Resolves once the flush that persists the latest local write has committed. */
  private async flushed(): Promise<void> {
    await new Promise<void>((r) => queueMicrotask(r));
    await this.flushChain;
  }

  private pushes = new Set<Promise<void>>();

  /** Runs pushOutbox without waiting for it (from inside a flush, which pushOutbox itself waits for). */
  private pushSoon(): void {
    const p = this.pushOutbox()
      .catch((e) => console.error('Leadline: push failed', e))
      .finally(() => this.pushes.delete(p));
    this.pushes.add(p);
  }

  // ---- writes from the UI ---------------------------------------------------------------------------

  /** Puts pending commands into the work doc: for each lead, the oldest one still waiting (see CONTEXT.md). */
  async pushOutbox(): Promise<void> {
    const rows = await this.db.outbox.where('status').equals('pending').sortBy('createdAt');
    const commands = this.work.getMap(WORK.commands);
    const verdicts = this.authority.getMap(AUTHORITY.verdicts);
    const busy = new Set<string>();
    const put: typeof rows = [];
    for (const row of rows) {
      if (verdicts.has(row.id)) {
        this.dirty.verdicts.add(row.id);
        continue;
      }
      if (busy.has(row.leadId)) continue;
      busy.add(row.leadId);
      if (!commands.has(row.id)) put.push(row);
    }
    if (this.dirty.verdicts.size) this.scheduleFlush();
    if (!put.length) return;
    this.work.transact(() => {
      for (const row of put) commands.set(row.id, row.command);
    }, ORIGIN_LOCAL);
    await this.commandsStored();
  }

  /** An import command the server took out of the work doc before this client got its verdict. */
  isDroppedImport(id: string): boolean {
    return this.droppedImports.has(id);
  }

  async editField(leadId: string, field: EditableField, value: unknown): Promise<void> {
    if (!EDITABLE_FIELDS.includes(field)) throw new Error(`Not an editable field: ${field}`);
    this.work.transact(() => this.work.getMap(WORK.fields).set(fieldKey(leadId, field), value), ORIGIN_LOCAL);
    await Promise.all([this.flushed(), this.countEditWhileOffline()]);
  }

  /** Replaces the notes by `text` as a minimal edit, so that concurrent edits elsewhere in the text merge. */
  async editNotes(leadId: string, text: string): Promise<void> {
    const ytext = this.work.getText(notesName(leadId));
    this.work.transact(() => applyTextDiff(ytext, text), ORIGIN_LOCAL);
    await Promise.all([this.flushed(), this.countEditWhileOffline()]);
  }

  /**
   * Edits carry no verdict, so the outbox cannot say they are waiting: counted here while offline, so that
   * the status bar and the sign-out warning (which deletes local data) tell the user. Online, y-websocket
   * sends the edit at once; on reconnecting, the client's sync step 2 carries every missed edit before the
   * provider reports synced, which resets the count.
   */
  private async countEditWhileOffline(): Promise<void> {
    if (this.online) return;
    this.status = { ...this.status, unsyncedEdits: (this.status.unsyncedEdits ?? 0) + 1 };
    await this.writeStatus();
  }

  // ---- connection ---------------------------------------------------------------------------------

  private connect(): void {
    const { session } = this.opts;
    const url = syncUrl(session.serverUrl);
    // Both providers share one socket (socket-mux.ts): one connection per extension.
    const WebSocketPolyfill = createSocketMux(this.opts.WebSocketPolyfill ?? WebSocket);
    for (const [doc, kind] of [
      [this.work, WORK_ROOM],
      [this.authority, AUTHORITY_ROOM],
    ] as const) {
      const p = new WebsocketProvider(url, roomName(session.team.id, kind), doc, {
        params: { token: session.token },
        disableBc: true,
        WebSocketPolyfill,
      });
      // A non-null local state makes y-websocket renew it every 15 s: that traffic keeps the socket, and the
      // MV3 service worker, alive while online.
      p.awareness.setLocalState({ user: { id: session.user.id, name: session.user.name } });
      p.on('status', () => this.onConnectionChange());
      p.on('sync', () => this.onConnectionChange());
      p.on('connection-close', (event) => {
        if (event && (event.code === 4401 || event.code === 4403)) void this.unauthorized();
        else this.onConnectionChange();
      });
      p.on('connection-error', () => void this.onConnectError());
      if (doc === this.authority) this.persistAsReceived(p);
      this.providers.push(p);
    }
  }

  /**
   * The authority doc is read-only for clients: it changes only by what the server sends, so that is what
   * gets persisted, byte for byte (sync step 2 and update messages), instead of listening to the doc's
   * `update` event. With no `update` listener Yjs does not re-encode every transaction; for the first sync
   * of 20,000 leads that re-encoding alone was 1.4 s of the worker's CPU. The provider's own listener is
   * removed too: it exists to send local writes, and there are none to this doc. Updates are applied with
   * the leads' bytes read in place (applyUpdateInPlace); otherwise as y-websocket's own handler does.
   */
  private persistAsReceived(p: WebsocketProvider): void {
    p.doc.off('update', p._updateHandler);
    const handle = p.messageHandlers[messageSync];
    p.messageHandlers[messageSync] = (encoder, decoder, provider, emitSynced, type) => {
      const kind = decoding.readVarUint(decoding.clone(decoder));
      if (kind !== messageYjsSyncStep2 && kind !== messageYjsUpdate) {
        handle(encoder, decoder, provider, emitSynced, type);
        return;
      }
      encoding.writeVarUint(encoder, messageSync); // nothing follows: y-websocket sends no answer
      decoding.readVarUint(decoder);
      const update = decoding.readVarUint8Array(decoder);
      try {
        applyUpdateInPlace(provider.doc, update, provider);
      } catch (e) {
        // As y-protocols' readSyncStep2: an update that fails to apply is logged; the connection goes on.
        console.error('Leadline: an authority update failed to apply', e);
      }
      if (emitSynced && kind === messageYjsSyncStep2 && !provider.synced) provider.synced = true;
      if (this.flushing) this.storeReceived(update);
      else this.dirty.updates.authority.push(update);
      this.scheduleFlush();
    };
  }

  /**
   * An update that arrives while a flush runs would wait in memory for the end of the next flush, which on a
   * first sync (the server sends it in parts of ~256 KB) is the end of the whole sync: 16 MB held for
   * seconds. It is stored at once instead, with a ROWS_BEHIND row in the same transaction; the flush that
   * has built the rows of every update stored so far deletes it. A worker stopped in between rebuilds every
   * row from the stored docs at its next start. The transaction touches `docs` only, so it never waits for
   * a flush's rows (nor, behind it, this client's own commands: storeCommandUpdate).
   */
  private storeReceived(update: Uint8Array): void {
    this.storedAhead++;
    this.receivedUpdates.push(update);
    if (this.receivedUpdates.length > 1) return;
    const { db } = this;
    this.receivedChain = this.receivedChain
      .then(() => new Promise<void>((r) => queueMicrotask(r)))
      .then(() => {
        const updates = this.receivedUpdates;
        this.receivedUpdates = [];
        return db.transaction('rw', db.docs, async () => {
          // As received: these are parts of ~256 KB, not worth a merge (doc-store.ts compacts on load).
          await db.docs.bulkAdd([
            ...updates.map((update) => ({ doc: 'authority' as const, update })),
            { doc: ROWS_BEHIND, update: new Uint8Array(0) },
          ]);
        });
      })
      .catch((e) => console.error('Leadline: storing received updates failed', e));
  }

  private get online(): boolean {
    return this.providers.length === 2 && this.providers.every((p) => p.wsconnected && p.synced);
  }

  private onConnectionChange(): void {
    if (this.stopped || this.status.state === 'unauthorized') return;
    const online = this.online;
    if (online) {
      this.failedConnects = 0;
      this.status = { state: 'online', lastSyncAt: this.now() };
      // After a restart or a reconnect: commands whose key the doc lost and that have no verdict go again.
      this.pushSoon();
    } else {
      this.status = { ...this.status, state: 'offline' };
    }
    void this.writeStatus();
  }

  private async onConnectError(): Promise<void> {
    this.onConnectionChange();
    // The server refuses a bad token with HTTP 401 before the WebSocket upgrade, which a browser reports as
    // a bare connection error: ask the HTTP API which it is, now and then.
    if (++this.failedConnects % 3 !== 1 || !this.opts.checkToken) return;
    if ((await this.opts.checkToken()) === 'unauthorized') await this.unauthorized();
  }

  private async unauthorized(): Promise<void> {
    for (const p of this.providers) p.disconnect();
    this.status = {
      ...this.status,
      state: 'unauthorized',
      detail: 'The server no longer accepts your sign-in. Sign in again with a new invite link.',
    };
    await this.writeStatus();
  }

  private async writeStatus(): Promise<void> {
    if (this.stopped) return;
    await setMeta(this.db, 'sync', this.status);
  }

  // ---- observing the docs -------------------------------------------------------------------------

  private emptyDirty() {
    return {
      leads: new Set<string>(),
      verdicts: new Set<string>(),
      meta: false,
      updates: { work: [] as Uint8Array[], authority: [] as Uint8Array[] } satisfies Record<
        DocName,
        Uint8Array[]
      >,
      changes: new Map<string, ReturnType<typeof leadChange>>(),
      /**
       * Holds leads that arrived before this client's first complete sync. That sync comes in parts, and the
       * last parts are flushed after the sync is complete. They must not be taken for news: no
       * notifications, and no parsing of 20,000 leads to compare them.
       */
      initial: false,
      /** Verdicts that came with the first sync (old news: an import's old rejections are not brought back). */
      verdictsBeforeSync: new Set<string>(),
    };
  }

  private observe(): void {
    const persist =
      (name: DocName) => (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
        if (origin === ORIGIN_LOAD) return;
        if (name === 'work' && origin === ORIGIN_LOCAL && this.onlyCommands(tr)) {
          this.storeCommandUpdate(update);
          return;
        }
        this.dirty.updates[name].push(update);
        this.scheduleFlush();
      };
    this.work.on('update', persist('work'));
    // Online, the authority doc is persisted as received (persistAsReceived). Offline (tests that play the
    // server by writing the docs), whatever is written to it is.
    if (this.opts.offline) this.authority.on('update', persist('authority'));

    const leads = this.authority.getMap(AUTHORITY.leads);
    leads.observe((e) => {
      if (!this.everSynced) {
        // Never compared (no notifications for a first sync): only the ids are kept, not 20,000 changes
        // living in memory until the end of the sync.
        this.dirty.initial = true;
        for (const id of e.keysChanged) this.dirty.leads.add(id);
        return;
      }
      for (const [id, change] of e.changes.keys) {
        this.dirty.leads.add(id);
        const prior = this.dirty.changes.get(id);
        this.dirty.changes.set(id, leadChange(id, prior ? prior.raw[0] : change.oldValue, leads.get(id)));
      }
    });
    const verdicts = this.authority.getMap(AUTHORITY.verdicts);
    verdicts.observe((e) => {
      for (const id of e.keysChanged) {
        if (!verdicts.has(id)) continue; // deleted
        this.dirty.verdicts.add(id);
        if (!this.everSynced) this.dirty.verdictsBeforeSync.add(id);
      }
    });
    this.authority.getMap(AUTHORITY.meta).observe(() => {
      this.dirty.meta = true;
    });
    this.work.getMap<Command>(WORK.commands).observe((e) => {
      if (e.transaction.origin === ORIGIN_LOCAL) return;
      for (const [id, change] of e.changes.keys) {
        if (change.action === 'delete' && id.startsWith(IMPORT_COMMAND_PREFIX) && change.oldValue)
          this.droppedImports.set(id, change.oldValue as Command);
      }
    });
    this.work.getMap(WORK.fields).observe((e) => {
      for (const key of e.keysChanged) this.dirty.leads.add(key.slice(0, key.lastIndexOf('/')));
    });
    this.work.on('afterTransaction', (tr: Y.Transaction) => {
      for (const type of tr.changed.keys()) {
        if (type._item !== null) continue;
        const name = Y.findRootTypeKey(type) as string | undefined;
        if (name?.startsWith('notes/')) this.dirty.leads.add(name.slice(6));
      }
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flushChain = this.flushChain
        .then(() => this.flush())
        .catch((e) => console.error('Leadline: flush failed', e))
        .finally(() => {
          this.flushing = false;
        });
    });
  }

  private readEdits(leadId: string): LeadRow['edits'] {
    const fields = this.work.getMap(WORK.fields);
    const edits: Record<string, unknown> = {};
    for (const f of EDITABLE_FIELDS) {
      const v = fields.get(fieldKey(leadId, f));
      if (v !== undefined) edits[f] = v;
    }
    return edits;
  }

  private readNotes(leadId: string): string {
    const name = notesName(leadId);
    return this.work.share.has(name) ? this.work.getText(name).toString() : '';
  }

  private flushRetry: ReturnType<typeof setTimeout> | undefined;
  private flushRetryMs = 0;

  /**
   * A flush that fails (a transaction aborted, storage full) gives its work back: what it was to rebuild
   * and persist joins the next flush, tried again after 1 s, 2 s, 4 s… (at most a minute apart). Dropping it
   * left rows behind stored updates with nothing to say so: a later flush cleared the ROWS_BEHIND row, and a
   * restart did not rebuild them either.
   */
  private async flush(): Promise<void> {
    this.flushing = true;
    const d = this.dirty;
    this.dirty = this.emptyDirty();
    try {
      await this.flushDirty(d);
      this.flushRetryMs = 0;
    } catch (e) {
      this.requeue(d);
      if (!this.stopped) {
        this.flushRetryMs = Math.min(60_000, this.flushRetryMs ? this.flushRetryMs * 2 : 1000);
        clearTimeout(this.flushRetry);
        this.flushRetry = setTimeout(() => this.scheduleFlush(), this.flushRetryMs);
      }
      throw e;
    }
  }

  /** Puts a failed flush's work back in front of what came since. */
  private requeue(d: ReturnType<SyncClient['emptyDirty']>): void {
    const later = this.dirty;
    this.dirty = d;
    for (const id of later.leads) d.leads.add(id);
    for (const id of later.verdicts) d.verdicts.add(id);
    for (const id of later.verdictsBeforeSync) d.verdictsBeforeSync.add(id);
    d.meta ||= later.meta;
    d.initial ||= later.initial;
    d.updates.work.push(...later.updates.work);
    d.updates.authority.push(...later.updates.authority);
    for (const [id, c] of later.changes) {
      const first = d.changes.get(id);
      d.changes.set(id, first ? leadChange(id, first.raw[0], c.raw[1]) : c);
    }
  }

  /**
   * Persists what changed: doc updates, verdicts, team meta and the rebuilt rows, in one transaction. A big
   * flush (more than ROWS_PER_TRANSACTION rows: the first sync of a big team) is split so that the sidebar is
   * usable early: the rows Today can show (and those of new verdicts) first, the others in chunks. Its
   * authority updates are stored first, with a ROWS_BEHIND row (storeReceived), the work doc's last: a
   * worker stopped half-way rebuilds every row at its next start, so rows and stored docs never disagree
   * for long, and nothing is lost.
   */
  private async flushDirty(d: ReturnType<SyncClient['emptyDirty']>): Promise<void> {
    const big = d.leads.size > ROWS_PER_TRANSACTION;
    // A big flush stores its doc updates last; the authority's go now, ahead of those arriving meanwhile
    // (storeReceived), so that they are stored in the order they came (see loadDoc).
    if (big) for (const update of d.updates.authority.splice(0)) this.storeReceived(update);
    // Updates stored ahead after this point have rows this flush does not build.
    const aheadBefore = this.storedAhead;
    const { db } = this;
    const now = this.now();
    const leads = this.authority.getMap(AUTHORITY.leads);
    const verdicts = this.authority.getMap(AUTHORITY.verdicts);
    const initial = d.initial || !this.everSynced;
    const fresh = (id: string): Required<FreshInputs> => ({
      authority: readLead(leads.get(id)) ?? null,
      edits: this.readEdits(id),
      notes: this.readNotes(id),
    });
    const persistDocs = async () => {
      await appendUpdates(db, 'work', d.updates.work);
      await appendUpdates(db, 'authority', d.updates.authority);
      await db.meta.put({ key: 'readModelVersion', value: READ_MODEL_VERSION });
      if (this.storedAhead === aheadBefore) await db.docs.where('doc').equals(ROWS_BEHIND).delete();
    };
    let later: string[] = [];
    let ctx: ProjectionContext | undefined;
    // A big flush writes no doc update in its first transaction: leaving `docs` out of its scope lets this
    // client's commands be stored meanwhile (storeCommandUpdate), instead of waiting seconds for the rows.
    const scope = big ? [db.leads, db.outbox, db.verdicts, db.meta] : db.all;
    await db.transaction('rw', scope, async () => {
      if (!big) await persistDocs();
      if (d.meta) await this.writeTeamMeta();
      const mine: Verdict[] = [];
      for (const id of d.verdicts) {
        const v = VerdictSchema.safeParse(verdicts.get(id));
        if (v.success && v.data.by === this.me) mine.push(v.data);
      }
      // An import's rejections (no outbox row: background/import-commands.ts) join the Rejected list; not on
      // the first sync, which would bring back every old one of an import made on another device.
      const commands = this.work.getMap<Command>(WORK.commands);
      const decided = await recordVerdicts(db, mine, (id) =>
        !d.verdictsBeforeSync.has(id) && id.startsWith(IMPORT_COMMAND_PREFIX)
          ? (commands.get(id) ?? this.droppedImports.get(id))
          : undefined,
      );
      const ids = new Set([...d.leads, ...decided]);
      if (ids.size) {
        ctx = projectionContext(this.opts.session, await teamContext(db));
        let first = [...ids];
        if (big) {
          const { actor } = ctx;
          // Each lead is parsed here and again when its row is built: keeping 20,000 parsed leads between
          // the two would cost the memory that storing them as bytes saves (~10 µs a lead is the price).
          const early = (id: string) => {
            const lead = readLead(leads.get(id));
            return decided.has(id) || !lead || mayBeInFocus(lead, actor);
          };
          later = first.filter((id) => !early(id));
          first = first.filter(early);
        }
        await recomputeRows(db, first, ctx, now, fresh);
      }
      if (this.online) this.status = { state: 'online', lastSyncAt: now };
      await db.meta.put({ key: 'sync', value: this.status });
    });
    // Recorded now, or earlier (the usual order: the verdict came first); a verdict still waiting for the next
    // flush keeps its command.
    for (const id of this.droppedImports.keys())
      if (verdicts.has(id) && !this.dirty.verdicts.has(id)) this.droppedImports.delete(id);
    if (big) {
      // Rows Today cannot show, written untracked (rebuildRowsQuietly); the pages hear of them about once a
      // second and at the end.
      let announced = performance.now();
      try {
        for (let i = 0; i < later.length; i += ROWS_PER_TRANSACTION) {
          await rebuildRowsQuietly(db, later.slice(i, i + ROWS_PER_TRANSACTION), ctx!, now, fresh);
          if (performance.now() - announced > ANNOUNCE_EVERY_MS) {
            announceLeadsChanged(db);
            announced = performance.now();
          }
        }
      } finally {
        // Also when a chunk failed: the pages show the rows written before it.
        announceLeadsChanged(db);
      }
      // The updates this flush built rows for are stored (with a ROWS_BEHIND row) before it is cleared.
      await this.receivedChain;
      await db.transaction('rw', [db.docs, db.meta], persistDocs);
    }
    if (this.online) this.everSynced = true;
    if (d.changes.size || d.initial) this.opts.onFlushed?.([...d.changes.values()], initial);
    // A verdict frees the next command of its lead (commands of one lead go one at a time).
    if (d.verdicts.size) this.pushSoon();
  }

  private async writeTeamMeta(): Promise<void> {
    const meta = this.authority.getMap(AUTHORITY.meta);
    const settings = TeamSettingsSchema.safeParse(meta.get('settings'));
    if (settings.success) await setMeta(this.db, 'settings', settings.data);
    const members = MemberSchema.array().safeParse(meta.get('members'));
    if (members.success) await setMeta(this.db, 'members', members.data);
  }
}
