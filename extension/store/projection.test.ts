import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';
import { actor, leadAt, MEMBERS, REP_A, REP_B, T0, team } from '../../shared/testing.ts';
import type { OutboxRow } from './db.ts';
import { buildRow, type ProjectionContext, project } from './projection.ts';

const ctxFor = (id: string): ProjectionContext => ({
  actor: actor(id),
  settings: DEFAULT_SETTINGS,
  members: MEMBERS,
});
let seq = 0;
const pending = (leadId: string, command: Record<string, unknown>, createdAt = T0): OutboxRow => {
  const id = `cmd-proj-${(++seq).toString().padStart(6, '0')}`;
  return {
    id,
    leadId,
    command: { id, leadId, issuedAt: createdAt, ...command } as OutboxRow['command'],
    createdAt,
    status: 'pending',
    sentAt: null,
  };
};

describe('project', () => {
  it('returns the authority state untouched when nothing is pending', () => {
    const s = team();
    const lead = s.leads.get(leadAt(s, 'sql', T0))!;
    expect(project(lead, [], ctxFor(REP_A))).toEqual({ view: lead, predicted: [] });
  });

  it('applies pending commands in order with the shared rules, each at its own time', () => {
    const s = team();
    const lead = s.leads.get(leadAt(s, 'sql', T0))!;
    const q = pending(
      lead.id,
      { type: 'qualify', demand: 'CRM for 20', seats: 20, companyName: 'Acme' },
      T0 + 1000,
    );
    const deal = pending(lead.id, { type: 'setDeal', amount: 24000, currency: 'EUR' }, T0 + 2000);
    const { view, predicted } = project(lead, [q, deal], ctxFor(REP_A));
    expect(predicted).toEqual([]);
    expect(view).toMatchObject({
      stage: 'opportunity',
      seats: 20,
      amount: 24000,
      currency: 'EUR',
      phase: 'confirm',
    });
    expect(lead.stage).toBe('sql'); // the authority copy is never mutated
  });

  it('creates the lead from a pending capture when the authority does not know it yet', () => {
    const c = pending('lead-proj-0001', {
      type: 'capture',
      contact: { name: 'Li Wei', emails: [], phones: [] },
      source: 'manual',
    });
    const { view } = project(null, [c], ctxFor(REP_A));
    expect(view).toMatchObject({ id: 'lead-proj-0001', stage: 'new', owner: REP_A });
  });

  it('reports, and does not apply, a command the rules would refuse', () => {
    const s = team();
    const lead = s.leads.get(leadAt(s, 'sql', T0))!;
    const late = pending(
      lead.id,
      { type: 'qualify', demand: 'x', seats: 2, companyName: 'Acme' },
      lead.sqlDeadline! + 1,
    );
    const { view, predicted } = project(lead, [late], ctxFor(REP_A));
    expect(view?.stage).toBe('sql');
    expect(predicted).toMatchObject([{ commandId: late.id, code: 'SQL_DEADLINE_PASSED' }]);
  });

  it('predicts NOT_OWNER for another rep', () => {
    const s = team();
    const lead = s.leads.get(leadAt(s, 'sql', T0))!;
    const { predicted } = project(
      lead,
      [pending(lead.id, { type: 'requestExtension', reason: 'trip' })],
      ctxFor(REP_B),
    );
    expect(predicted[0]?.code).toBe('NOT_OWNER');
  });
});

describe('buildRow', () => {
  it('lays the free-form edits over the contact and derives the index keys from both', () => {
    const s = team();
    const lead = s.leads.get(leadAt(s, 'sql', T0))!;
    const row = buildRow(
      {
        id: lead.id,
        authority: lead,
        outbox: [],
        edits: { name: 'Dr. Li Wei', phones: ['+4930123456;ext=12'] },
        notes: 'hi',
      },
      ctxFor(REP_A),
      T0,
    )!;
    expect(row.contact.name).toBe('Dr. Li Wei');
    expect(row.phones).toEqual(['+4930123456']);
    expect(row.phoneRev).toEqual(['6543210394']);
    expect(row.words).toContain('li');
    expect(row).toMatchObject({
      stage: 'sql',
      owner: REP_A,
      sqlDeadline: lead.sqlDeadline,
      notes: 'hi',
      pending: [],
    });
  });

  it('is null when there is neither authority state nor a pending capture', () => {
    expect(
      buildRow({ id: 'lead-x-000001', authority: null, outbox: [], edits: {}, notes: '' }, ctxFor(REP_A), T0),
    ).toBeNull();
  });

  it('ignores commands that are no longer pending', () => {
    const s = team();
    const lead = s.leads.get(leadAt(s, 'sql', T0))!;
    const done = { ...pending(lead.id, { type: 'release' }), status: 'rejected' as const };
    const row = buildRow(
      { id: lead.id, authority: lead, outbox: [done], edits: {}, notes: '' },
      ctxFor(REP_A),
      T0,
    )!;
    expect(row.view.stage).toBe('sql');
    expect(row.pending).toEqual([]);
  });
});
