import { browser } from '#imports';
import type { Lead } from '../../shared/lead.ts';
import type { BackgroundMessage, BackgroundReply } from '../messages.ts';
import type { LeadlineDb } from '../store/db.ts';
import { getMeta, type Session, setMeta } from '../store/meta.ts';
import { pruneOutbox } from '../store/outbox.ts';
import { fetchMe } from '../sync/api.ts';
import { type LeadChange, SyncClient } from '../sync/client.ts';
import { updateBadge } from './badge.ts';
import { importCommands, importStatus } from './import-commands.ts';
import { deadlineNotes, type Note, notesForChanges } from './notify.ts';
import { wipeLocalData } from './wipe.ts';

export const TICK_ALARM = 'leadline-tick';

/**
 * The service worker's state: the one sync client (while signed in), badge and notifications. The worker may
 * be stopped at any moment; everything it needs again is in IndexedDB, and `ready` is re-created on wake-up.
 */
export class Background {
  private client: SyncClient | null = null;
  private session: Session | null = null;
  private ready: Promise<void>;
  private badgeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly db: LeadlineDb) {
    this.ready = this.boot();
  }

  private async boot(): Promise<void> {
    const session = await getMeta(this.db, 'session');
    if (session) await this.startClient(session);
    await pruneOutbox(this.db, Date.now() - 7 * 24 * 3_600_000);
    this.scheduleBadge();
  }

  private async startClient(session: Session): Promise<void> {
    this.session = session;
    this.client = new SyncClient({
      db: this.db,
      session,
      onFlushed: (changes, initial) => void this.afterFlush(changes, initial),
      checkToken: async () => {
        const r = await fetchMe(session.serverUrl, session.token);
        return r.ok ? 'ok' : r.problem === 'UNAUTHORIZED' ? 'unauthorized' : 'unreachable';
      },
    });
    await this.client.start();
  }

  async handle(msg: BackgroundMessage): Promise<BackgroundReply> {
    await this.ready;
    switch (msg.type) {
      case 'leadline/kick':
        await this.client?.pushOutbox();
        this.scheduleBadge();
        return { ok: true };
      case 'leadline/edit-field':
        if (!this.client) return { ok: false, message: 'You are not signed in.' };
        await this.client.editField(msg.leadId, msg.field, msg.value);
        return { ok: true };
      case 'leadline/edit-notes':
        if (!this.client) return { ok: false, message: 'You are not signed in.' };
        await this.client.editNotes(msg.leadId, msg.text);
        return { ok: true };
      case 'leadline/sign-in':
        this.ready = this.signIn(msg.session);
        await this.ready;
        return { ok: true };
      case 'leadline/sign-out':
        this.ready = this.signOut();
        await this.ready;
        return { ok: true };
      case 'leadline/refresh':
        await this.tick();
        return { ok: true };
      case 'leadline/import':
        if (!this.client) return { ok: false, message: 'You are not signed in.' };
        return importCommands(this.client, msg.commands);
      case 'leadline/import-status':
        if (!this.client) return { ok: false, message: 'You are not signed in.' };
        return { ok: true, importStatus: importStatus(this.client, msg.prefix, msg.suffixes) };
    }
  }

  private async signIn(session: Session): Promise<void> {
    await this.stopClient();
    await wipeLocalData(this.db);
    await setMeta(this.db, 'session', session);
    await this.startClient(session);
    this.scheduleBadge();
  }

  private async signOut(): Promise<void> {
    await this.stopClient();
    await wipeLocalData(this.db);
    this.session = null;
    this.scheduleBadge();
  }

  private async stopClient(): Promise<void> {
    await this.client?.stop();
    this.client = null;
  }

  /** Periodic wake-up (alarm): badge, deadline notifications, and a reconnect if the worker was stopped. */
  async tick(): Promise<void> {
    await this.ready;
    this.scheduleBadge(0);
    await this.deadlineCheck();
  }

  private async afterFlush(changes: LeadChange[], initial: boolean): Promise<void> {
    this.scheduleBadge();
    if (!this.session) return;
    // Only what changed after the first complete sync is listed (sync/client.ts), also when a failed flush
    // of the first sync's last parts was retried together with it.
    if (changes.length) await this.notify(notesForChanges(changes, this.session.user.id));
    if (!initial) await this.deadlineCheck();
  }

  private async deadlineCheck(): Promise<void> {
    if (!this.session) return;
    const now = Date.now();
    const rows = await this.db.leads.where('[owner+stage]').equals([this.session.user.id, 'sql']).toArray();
    const mine: Lead[] = rows.map((r) => r.authority).filter((l): l is Lead => !!l);
    const notified = (await getMeta(this.db, 'notified')) ?? {};
    const notes = deadlineNotes(mine, notified, now);
    if (!notes.length) return;
    for (const n of notes) notified[n.leadId] = mine.find((l) => l.id === n.leadId)!.sqlDeadline!;
    await setMeta(this.db, 'notified', notified);
    await this.notify(notes);
  }

  private async notify(notes: Note[]): Promise<void> {
    for (const n of notes) {
      await browser.notifications
        .create(n.id, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title: n.title,
          message: n.message,
        })
        .catch((e: unknown) => console.warn('Leadline: notification failed', e));
    }
  }

  private scheduleBadge(delay = 250): void {
    clearTimeout(this.badgeTimer);
    this.badgeTimer = setTimeout(() => {
      const s = this.session;
      void updateBadge(this.db, s ? { userId: s.user.id, role: s.user.role } : null, Date.now()).catch(
        (e: unknown) => console.warn('Leadline: badge failed', e),
      );
    }, delay);
  }
}
