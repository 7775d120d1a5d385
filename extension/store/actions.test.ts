import { describe, expect, it } from 'vitest';
import { actor, cmd, leadAt, MGR, must, REP_A, REP_B, T0, TELE, team } from '../../shared/testing.ts';
import { availableActions } from './actions.ts';

const types = (opts: ReturnType<typeof availableActions>) =>
  opts.filter((o) => o.available).map((o) => o.type);

describe('availableActions', () => {
  it('offers a telemarketer screening actions on a new lead and explains why transfer waits', () => {
    const s = team();
    const id = leadAt(s, 'new', T0);
    const opts = availableActions(s, s.leads.get(id)!, actor(TELE), T0);
    expect(types(opts)).toEqual(['logCall', 'release']);
    expect(opts.find((o) => o.type === 'transfer')).toMatchObject({
      available: false,
      code: 'NOT_QUALIFIED',
    });
  });

  it('offers the receiving rep accept or return on an MQL', () => {
    const s = team();
    const id = leadAt(s, 'mql', T0);
    expect(types(availableActions(s, s.leads.get(id)!, actor(REP_A), T0))).toEqual([
      'logCall',
      'acceptMql',
      'returnMql',
      'release',
    ]);
  });

  it('offers nothing but explanations to another rep', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    expect(types(availableActions(s, s.leads.get(id)!, actor(REP_B), T0))).toEqual([]);
  });

  it('after the deadline, explains that qualify and extension are too late', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    const lead = s.leads.get(id)!;
    const opts = availableActions(s, lead, actor(REP_A), lead.sqlDeadline! + 1);
    expect(opts.find((o) => o.type === 'qualify')).toMatchObject({
      available: false,
      code: 'SQL_DEADLINE_PASSED',
    });
  });

  it('offers a manager the decision on a pending extension, not on their own leads', () => {
    const s = team();
    const id = leadAt(s, 'sql', T0);
    must(s, REP_A, cmd('requestExtension', id, { reason: 'Customer on holiday' }), T0 + 1000);
    expect(types(availableActions(s, s.leads.get(id)!, actor(MGR), T0 + 2000))).toContain('decideExtension');
  });

  it('offers claim on a pool lead', () => {
    const s = team();
    const id = leadAt(s, 'pool', T0);
    expect(types(availableActions(s, s.leads.get(id)!, actor(REP_B), T0))).toEqual(['claim']);
  });
});
