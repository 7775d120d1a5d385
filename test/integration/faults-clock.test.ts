import { afterEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../shared/lead.ts';
import type { Verdict } from '../../shared/sync-docs.ts';
import { api } from './helpers/api.ts';
import { TestClient } from './helpers/clients.ts';
import { freshLead } from './helpers/flow.ts';
import { seedTeam, startTestServer } from './helpers/server.ts';

/**
 * Fault: clients whose clocks are 3 days fast or slow. Every command carries the client's `issuedAt`, and these
 * clients also stuff rule fields (deadlines, decision times) into their commands. The same funnel is walked for
 * three leads at the same server instants — one by honest clients, one 3 days fast, one 3 days slow — and every
 * rule-bearing time on the three leads must come out identical: no client can extend or shorten a deadline,
 * nor make one pass (or not pass) by its own clock.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;
const SKEWS = { honest: 0, fast: 3 * DAY, slow: -3 * DAY } as const;
type Skew = keyof typeof SKEWS;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** The fields rules and timers decide, with times made relative to the walk's start. */
function ruled(lead: Lead, t0: number) {
  const rel = (t: number | null | undefined) => (t == null ? t : t - t0);
  return {
    stage: lead.stage,
    owner: lead.owner,
    poolReason: lead.poolReason,
    obtainedAt: rel(lead.obtainedAt),
    sqlSince: rel(lead.sqlSince),
    sqlDeadline: rel(lead.sqlDeadline),
    extensions: lead.extensions.map((x) => ({
      status: x.status,
      requestedAt: rel(x.requestedAt),
      decidedAt: rel(x.decidedAt),
    })),
    cooldownUntil: rel(lead.cooldown?.until),
    inDanger: lead.inDanger,
    closedAt: rel(lead.closedAt),
  };
}

describe('fault: a client clock 3 days fast or slow', () => {
  it('cannot extend or shorten any deadline', async () => {
    const server = await startTestServer();
    cleanup.push(() => server.teardown());
    const team = seedTeam(server, 'Skewed', {
      tele: 'telemarketer',
      rep: 'rep',
      boss: 'manager',
      admin: 'admin',
    });
    const t0 = server.clock.now();
    const clock = api(server, team.users.admin.token);
    const setClock = async (at: number) =>
      expect((await clock.post('/api/v1/test/clock', { now: new Date(at).toISOString() })).status).toBe(200);

    const client = (user: string) => {
      const c = new TestClient(server, team.id, team.users[user].token);
      cleanup.push(() => c.destroy());
      return c;
    };
    const tele = client('tele');
    const rep = client('rep');
    const boss = client('boss');
    await Promise.all([tele, rep, boss].map((c) => c.synced()));

    /** One command per skew, each stamped with that client's idea of now plus lies in rule fields. */
    async function step(c: TestClient, leads: Record<Skew, string>, cmd: Record<string, unknown>) {
      const out = {} as Record<Skew, Verdict>;
      for (const skew of Object.keys(SKEWS) as Skew[]) {
        const lie = SKEWS[skew];
        const now = server.clock.now() + lie;
        const extra =
          lie === 0 ? {} : { sqlDeadline: now + 30 * DAY, deadline: now + 30 * DAY, decidedAt: now };
        const id = c.send({ ...cmd, ...extra, leadId: leads[skew], issuedAt: now });
        out[skew] = await c.verdict(id);
      }
      return out;
    }
    const statuses = (v: Record<Skew, Verdict>) =>
      Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x.code ? `${x.status}:${x.code}` : x.status]));
    const same = (leads: Record<Skew, string>) => {
      const [honest, fast, slow] = (Object.keys(SKEWS) as Skew[]).map((s) =>
        ruled(rep.leads.get(leads[s])!, t0),
      );
      expect(fast, 'a fast client').toEqual(honest);
      expect(slow, 'a slow client').toEqual(honest);
      return honest;
    };

    /** Capture → interested → transfer → accept: an SQL of `rep`, at the same server instant for all three. */
    async function toSql(): Promise<Record<Skew, string>> {
      const leads = {} as Record<Skew, string>;
      for (const skew of Object.keys(SKEWS) as Skew[]) {
        const { leadId, contact } = freshLead();
        leads[skew] = leadId;
        const lie = SKEWS[skew];
        const id = tele.send({ type: 'capture', leadId, contact, source: 'manual', issuedAt: t0 + lie });
        expect((await tele.verdict(id)).status).toBe('accepted');
      }
      await step(tele, leads, { type: 'logCall', outcome: 'interested' });
      await step(tele, leads, { type: 'transfer', toRep: team.users.rep.id });
      expect(statuses(await step(rep, leads, { type: 'acceptMql' }))).toEqual({
        honest: 'accepted',
        fast: 'accepted',
        slow: 'accepted',
      });
      return leads;
    }

    const a = await toSql(); // will be qualified in its extended week
    const b = await toSql(); // will expire
    const accepted = server.clock.now();
    expect(same(a).sqlDeadline).toBe(accepted - t0 + 7 * DAY);

    // Day 6: the rep asks for an extension, the manager approves: exactly one more week, from the server's deadline.
    await setClock(accepted + 6 * DAY);
    for (const leads of [a, b]) {
      await step(rep, leads, { type: 'requestExtension', reason: 'Budget meeting next week' });
      expect(statuses(await step(boss, leads, { type: 'decideExtension', approve: true }))).toEqual({
        honest: 'accepted',
        fast: 'accepted',
        slow: 'accepted',
      });
      expect(same(leads).sqlDeadline).toBe(accepted - t0 + 14 * DAY);
    }

    // Day 13: the fast client believes the deadline passed 2 days ago; the server's clock decides: still in time.
    await setClock(accepted + 13 * DAY);
    expect(
      statuses(await step(rep, a, { type: 'qualify', demand: 'Helpdesk', seats: 8, companyName: 'Acme' })),
    ).toEqual({ honest: 'accepted', fast: 'accepted', slow: 'accepted' });
    expect(same(a).stage).toBe('opportunity');

    // Day 14 + 1 min: the server's timer returns lead set b to the pool, whatever the clients think.
    await setClock(accepted + 14 * DAY + 60_000);
    const expired = same(b);
    expect(expired).toMatchObject({ stage: 'pool', poolReason: 'sql_expired', owner: null });
    // The slow client believes 3 days are left: its qualify is still too late.
    const late = await step(rep, b, { type: 'qualify', demand: 'Helpdesk', seats: 8, companyName: 'Acme' });
    expect(statuses(late)).toEqual({
      honest: 'rejected:SQL_DEADLINE_PASSED',
      fast: 'rejected:SQL_DEADLINE_PASSED',
      slow: 'rejected:SQL_DEADLINE_PASSED',
    });
    // Nor can the rep shorten the cool-down by reclaiming with a clock that says it is over.
    await setClock(accepted + 14 * DAY + HOUR);
    const reclaim = await step(rep, b, { type: 'claim' });
    expect(statuses(reclaim)).toEqual({
      honest: 'rejected:RECLAIM_COOLDOWN',
      fast: 'rejected:RECLAIM_COOLDOWN',
      slow: 'rejected:RECLAIM_COOLDOWN',
    });
    expect(same(b)).toEqual(expired);
    // Verdict times are the server's, never the client's.
    for (const v of Object.values(reclaim)) expect(v.decidedAt).toBe(server.clock.now());
  }, 30_000);
});
