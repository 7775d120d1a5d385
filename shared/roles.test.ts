import { describe, expect, it } from 'vitest';
import { COMMANDS, type CommandType } from './commands/index.ts';
import { ROLES } from './roles.ts';
import { act, cmd, leadAt, MEMBERS, REP_A, T0, team } from './testing.ts';

// A schema-valid body of every command (arguments only; the lead is an SQL of REP_A's). The role check
// comes before the lead's stage and owner, so one lead serves every command.
const ARGS: Record<string, Record<string, unknown>> = {
  capture: {
    contact: { name: 'Role Matrix', emails: ['roles@matrix.example'], phones: [] },
    source: 'manual',
  },
  logCall: { outcome: 'no_answer' },
  transfer: { toRep: REP_A },
  acceptMql: {},
  returnMql: { reason: 'never connects' },
  qualify: { demand: '20 seats', seats: 20, companyName: 'Acme GmbH' },
  requestExtension: { reason: 'the buyer is on holiday' },
  decideExtension: { approve: true },
  claim: {},
  release: {},
  reassign: { to: REP_A },
  advancePhase: { phase: 'demo' },
  setDeal: { amount: 1000, currency: 'EUR' },
  closeWon: {},
  closeLost: { reason: 'budget cut' },
};

const someoneWith = (role: string) => MEMBERS.find((m) => m.role === role)!.id;
const matrix = COMMANDS.flatMap((def) =>
  ROLES.map((role) => ({
    type: def.type as CommandType,
    role,
    allowed: def.roles.includes(role),
    roles: def.roles,
  })),
);

describe('role matrix: every command × every role', () => {
  it('has a valid body for every command', () => {
    expect(Object.keys(ARGS).sort()).toEqual(COMMANDS.map((c) => c.type).sort());
  });

  it.each(matrix)('$type by a $role: allowed=$allowed', ({ type, role, allowed, roles }) => {
    const state = team();
    const lead = leadAt(state, 'sql', T0);
    const d = act(state, someoneWith(role), cmd(type, lead, ARGS[type]), T0 + 60_000);
    if (allowed) {
      // Whatever else the rules say (wrong stage, not the owner…), it is never the role, and the body is valid.
      if (!d.ok) expect(d.rejection.code).not.toMatch(/^(ROLE_NOT_ALLOWED|INVALID_COMMAND)$/);
    } else {
      expect(d.ok).toBe(false);
      if (d.ok) return;
      expect(d.rejection.code).toBe('ROLE_NOT_ALLOWED');
      expect(d.rejection.message).toBe(`A ${role} cannot ${type}.`);
      expect(d.rejection.hint).toBe(`Allowed: ${roles.join(', ')}.`);
    }
  });
});
