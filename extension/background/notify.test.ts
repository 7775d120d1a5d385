import { describe, expect, it } from 'vitest';
import { cmd, HOUR, leadAt, MGR, must, REP_A, T0, team } from '../../shared/testing.ts';
import { deadlineNotes, notesForChanges } from './notify.ts';

describe('notesForChanges', () => {
  it('tells the owner their SQL went back to the pool when the deadline passed', () => {
    const s = team();
    const before = s.leads.get(leadAt(s, 'sql', T0))!;
    const after = {
      ...before,
      stage: 'pool' as const,
      owner: null,
      poolReason: 'sql_expired' as const,
      history: [
        ...before.history,
        { at: T0, stage: 'pool' as const, by: 'system', event: 'sqlExpired', owner: null },
      ],
    };
    expect(notesForChanges([{ id: before.id, before, after }], REP_A)).toMatchObject([
      { title: 'A lead went back to the pool' },
    ]);
  });

  it('says nothing about the user’s own release', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    const before = s.leads.get(id)!;
    const after = must(s, REP_A, cmd('release', id), T0 + 1);
    expect(notesForChanges([{ id, before, after }], REP_A)).toEqual([]);
  });

  it('does not read a new lead (changes parse their lead when read)', () => {
    const s = team();
    const after = s.leads.get(leadAt(s, 'sql', T0))!;
    let reads = 0;
    const change = {
      id: after.id,
      before: undefined,
      get after() {
        reads++;
        return after;
      },
    };
    expect(notesForChanges([change], REP_A)).toEqual([]);
    expect(reads).toBe(0);
  });

  it('tells the rep an extension was approved', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    must(s, REP_A, cmd('requestExtension', id, { reason: 'away' }), T0 + 1);
    const before = s.leads.get(id)!;
    const after = must(s, MGR, cmd('decideExtension', id, { approve: true }), T0 + 2);
    expect(notesForChanges([{ id, before, after }], REP_A)).toMatchObject([{ title: 'Extension approved' }]);
    expect(notesForChanges([{ id, before, after }], MGR)).toEqual([]);
  });
});

describe('deadlineNotes', () => {
  it('announces an SQL within 24 h once per deadline', () => {
    const s = team();
    const lead = s.leads.get(leadAt(s, 'sql', T0))!;
    const now = lead.sqlDeadline! - 5 * HOUR;
    expect(deadlineNotes([lead], {}, now)).toHaveLength(1);
    expect(deadlineNotes([lead], { [lead.id]: lead.sqlDeadline! }, now)).toEqual([]);
    expect(deadlineNotes([lead], {}, lead.sqlDeadline! - 30 * HOUR)).toEqual([]);
  });
});
