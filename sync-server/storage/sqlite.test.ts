import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';
import { hashToken } from '../auth/tokens.ts';
import { openSqliteStorage } from './sqlite.ts';
import type { Storage } from './storage.ts';

let dir: string;
let s: Storage;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadline-sqlite-'));
  s = openSqliteStorage(dir);
  s.createTeam({ id: 't1', name: 'One', settings: DEFAULT_SETTINGS });
  s.createTeam({ id: 't2', name: 'Two', settings: DEFAULT_SETTINGS });
  s.addUser({ id: 'u1', teamId: 't1', name: 'Ann', role: 'rep', active: true });
});
afterEach(() => {
  s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cmd = (teamId: string, id: string) => ({
  teamId,
  id,
  actor: 'u1',
  source: 'doc' as const,
  body: { id },
  receivedAt: 1,
});

describe('openSqliteStorage', () => {
  it('reopens an existing file without re-running migrations', () => {
    s.close();
    s = openSqliteStorage(dir);
    expect(s.listTeams().map((t) => t.id)).toEqual(['t1', 't2']);
  });

  it('records a command id once per team, and keeps teams apart', () => {
    expect(s.insertCommand(cmd('t1', 'c1'))).toBe(true);
    expect(s.insertCommand(cmd('t1', 'c1'))).toBe(false);
    expect(s.insertCommand(cmd('t2', 'c1'))).toBe(true);
    expect(s.undecidedCommands('t1').map((c) => c.id)).toEqual(['c1']);
  });

  it('commits verdict, events and lead states together', () => {
    s.insertCommand(cmd('t1', 'c1'));
    const verdict = {
      commandId: 'c1',
      leadId: 'l1',
      type: 'claim',
      by: 'u1',
      decidedAt: 5,
      status: 'accepted' as const,
    };
    const event = { leadId: 'l1', at: 5, by: 'u1', commandId: 'c1', type: 'dangerFlagged' as const };
    const lead = { id: 'l1', version: 1 } as never;
    s.commitDecision({ teamId: 't1', verdict, events: [event], leads: [{ lead, nextDue: null }] });
    expect(s.getCommand('t1', 'c1')?.verdict).toEqual(verdict);
    expect(s.undecidedCommands('t1')).toEqual([]);
    expect(s.loadLeads('t1')).toEqual([lead]);
    expect(s.leadEvents('t1', 'l1').map((e) => e.type)).toEqual(['dangerFlagged']);
    expect(s.lastEventAt('t1')).toBe(5);
    expect(s.lastEventAt('t2')).toBe(0);
  });

  it('finds a token only while it is not revoked and its user is active', () => {
    s.addToken(hashToken('tok'), 'u1', 1);
    expect(s.findToken(hashToken('tok'))?.user.name).toBe('Ann');
    s.setUserActive('u1', false);
    expect(s.findToken(hashToken('tok'))).toBeNull();
    s.setUserActive('u1', true);
    expect(s.revokeTokens({ userId: 'u1' }, 2)).toBe(1);
    expect(s.findToken(hashToken('tok'))).toBeNull();
  });

  it('compacts doc updates into one equivalent row', () => {
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => s.appendDocUpdate('t1', 'work', u));
    for (let i = 0; i < 5; i++) doc.getMap('m').set(`k${i}`, i);
    const rows = s.loadDocUpdates('t1', 'work');
    expect(rows).toHaveLength(5);
    s.replaceDocUpdates(
      't1',
      'work',
      { fromSeq: rows[0].seq, toSeq: rows[4].seq },
      Y.mergeUpdates(rows.map((r) => r.data)),
    );
    const after = s.loadDocUpdates('t1', 'work');
    expect(after).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, after[0].data);
    expect(copy.getMap('m').toJSON()).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4 });
  });

  it('moves adminVersion when teams, users or tokens change (from any connection), not on doc writes', () => {
    const v0 = s.adminVersion();
    s.appendDocUpdate('t1', 'work', Uint8Array.of(0, 0));
    expect(s.adminVersion()).toBe(v0);
    s.createTeam({ id: 't3', name: 'Three', settings: DEFAULT_SETTINGS });
    expect(s.adminVersion()).not.toBe(v0);
    const v1 = s.adminVersion();
    const other = openSqliteStorage(dir);
    other.setTeamSettings('t1', { ...DEFAULT_SETTINGS, sqlWindowDays: 3 });
    other.close();
    expect(s.adminVersion()).not.toBe(v1);
    expect(s.getTeam('t1')?.settings.sqlWindowDays).toBe(3);
  });
});
