// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { makeLead } from '../../shared/fixtures-gen.ts';
import type { FocusItem } from '../../shared/focus.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';
import type { LeadRow } from '../store/db.ts';
import type { Session } from '../store/meta.ts';
import type { Today } from '../store/today.ts';
import {
  clearTodaySnapshot,
  MAX_AGE_MS,
  readTodaySnapshot,
  sameSession,
  saveTodaySnapshot,
} from './today-snapshot.ts';

const T = Date.UTC(2026, 11, 4, 9);
const session: Session = {
  serverUrl: 'http://127.0.0.1:1234',
  token: 'secret-token-never-copied',
  user: { id: 'rep-a-001', name: 'Ana Rep', role: 'rep' },
  team: { id: 't_demo', name: 'Demo Sales' },
  signedInAt: T - 1000,
};
const meta = { session, settings: DEFAULT_SETTINGS, members: [] };

function row(id: string): LeadRow {
  const view = makeLead({ id, stage: 'sql', owner: 'rep-a-001' });
  return {
    id,
    authority: view,
    view,
    contact: view.contact,
    edits: {},
    notes: '',
    pending: [],
    predicted: [],
    stage: view.stage,
    owner: view.owner ?? undefined,
    emails: [],
    phones: [],
    phoneRev: [],
    words: [],
    flags: [],
    updatedAt: T,
  };
}
const item = (leadId: string): FocusItem => ({
  leadId,
  kind: 'sqlDeadline',
  reason: 'Deadline in 1 day',
  also: [],
  score: 90,
});
function today(ids: string[], extra: string[] = []): Today {
  return { items: ids.map(item), rows: new Map([...ids, ...extra].map((id) => [id, row(id)])), dueToday: 1 };
}

beforeEach(() => localStorage.clear());

describe('today snapshot', () => {
  it('round-trips the items and only the rows they show', () => {
    saveTodaySnapshot(meta, today(['lead-0001', 'lead-0002'], ['lead-9999']), T);
    const s = readTodaySnapshot(T + 1000);
    expect(s?.today.items.map((i) => i.leadId)).toEqual(['lead-0001', 'lead-0002']);
    expect([...(s?.today.rows.keys() ?? [])]).toEqual(['lead-0001', 'lead-0002']);
    expect(s?.today.dueToday).toBe(1);
    expect(s?.meta.session.user.id).toBe('rep-a-001');
  });

  it('never stores the token', () => {
    saveTodaySnapshot(meta, today(['lead-0001']), T);
    expect(localStorage.getItem('leadline:today-snapshot')).not.toContain(session.token);
    expect(readTodaySnapshot(T)?.meta.session.token).toBe('');
  });

  it.each([
    ['at the limit', MAX_AGE_MS, true],
    ['a millisecond too old', MAX_AGE_MS + 1, false],
    ['from the future (clock moved back)', -1, false],
  ])('%s: shown = %s', (_label, age, shown) => {
    saveTodaySnapshot(meta, today(['lead-0001']), T);
    expect(readTodaySnapshot(T + age) !== null).toBe(shown);
  });

  it('cleared, garbled or of another version: nothing to show', () => {
    saveTodaySnapshot(meta, today(['lead-0001']), T);
    clearTodaySnapshot();
    expect(readTodaySnapshot(T)).toBeNull();
    localStorage.setItem('leadline:today-snapshot', '{not json');
    expect(readTodaySnapshot(T)).toBeNull();
    localStorage.setItem('leadline:today-snapshot', JSON.stringify({ v: 0, savedAt: T }));
    expect(readTodaySnapshot(T)).toBeNull();
  });

  it('sameSession: same user, team and role only', () => {
    expect(sameSession(session, { ...session, token: '' })).toBe(true);
    expect(sameSession(session, { ...session, user: { ...session.user, id: 'rep-b-001' } })).toBe(false);
    expect(sameSession(session, { ...session, team: { id: 't_other', name: 'Other' } })).toBe(false);
    expect(sameSession(session, { ...session, user: { ...session.user, role: 'manager' } })).toBe(false);
    expect(sameSession(session, undefined)).toBe(false);
  });
});
