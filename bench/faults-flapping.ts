/**
 * Convergence after a flapping network (issue 6): the sync server stops and starts again (same port and data)
 * every few seconds for a minute while four clients of one team keep working — each captures leads and edits a
 * contact field of its leads, offline or not. Figure: the time from the server's return after the last outage
 * until all four hold the same decided state, with every command decided exactly once.
 *
 * The four clients are stock y-websocket clients (as the extension's background runs one), not four Chromium
 * profiles: four browsers on 2 cores would measure the machine's CPU contention, not the sync. The browser
 * version (two profiles, through the sidebar UI) is test/browser/faults-flapping.spec.ts, which prints its figure.
 * Uses the same FlappingServer. Run alone: npx tsx bench/faults-flapping.ts (FLAP_SECONDS=60, CLIENTS=4).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { fieldKey, WORK } from '../shared/sync-docs.ts';
import { TestClient } from '../test/integration/helpers/clients.ts';
import { FlappingServer } from '../test/integration/helpers/flapper.ts';
import { eventually } from '../test/integration/helpers/retry.ts';
import { seedTeam, tempDataDir } from '../test/integration/helpers/server.ts';

const FLAP_SECONDS = Number(process.env.FLAP_SECONDS ?? 60);
const CLIENTS = Number(process.env.CLIENTS ?? 4);

export async function run(): Promise<Record<string, number | string>> {
  const dataDir = tempDataDir();
  const flapper = await FlappingServer.start(dataDir);
  const people = Object.fromEntries(
    Array.from({ length: CLIENTS }, (_, i) => [`tele${i}`, 'telemarketer' as const]),
  );
  const team = seedTeam(flapper.server, 'Flapping bench', people);
  const clients = Object.values(team.users).map((u) => new TestClient(flapper, team.id, u.token));
  try {
    await Promise.all(clients.map((c) => c.synced()));
    const sent: string[] = [];
    const mine: string[][] = clients.map(() => []);
    let n = 0;
    // Each client: a capture every 400 ms, and an edit of one of its leads' company field every other tick.
    const writer = setInterval(() => {
      n++;
      clients.forEach((c, i) => {
        if (n % 2 === 0 && mine[i].length) {
          const leadId = mine[i][n % mine[i].length];
          c.work.getMap(WORK.fields).set(fieldKey(leadId, 'company'), `Co ${i}-${n}`);
          return;
        }
        const leadId = `lead-${randomUUID()}`;
        mine[i].push(leadId);
        sent.push(
          c.send({
            type: 'capture',
            leadId,
            source: 'manual',
            contact: { name: `Lead ${i}-${n}`, emails: [`l${i}.${n}@flap.example`] },
          }),
        );
      });
    }, 200);
    const { outages, backAt } = await flapper.flap({
      durationMs: FLAP_SECONDS * 1000,
      downMs: 2000,
      upMs: 3000,
    });
    clearInterval(writer);

    // Key order of a Y.Map depends on the order updates arrived in: compare sorted entries.
    const sorted = (m: Record<string, unknown>) => Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1));
    const json = (c: TestClient) =>
      JSON.stringify([
        sorted(c.leads.toJSON()),
        sorted(c.work.getMap(WORK.fields).toJSON()),
        c.verdicts.size,
      ]);
    await eventually(
      () =>
        clients.every(
          (c) => c.commands.size === 0 && sent.every((id) => c.verdicts.get(id)?.status === 'accepted'),
        ) && clients.every((c) => json(c) === json(clients[0])),
      { timeout: 60_000, interval: 20 },
    ).catch((err) => {
      const state = clients.map((c) => ({
        pendingKeys: c.commands.size,
        missing: sent.filter((id) => !c.verdicts.has(id)).length,
        rejected: sent
          .filter((id) => c.verdicts.get(id)?.status === 'rejected')
          .map((id) => c.verdicts.get(id)?.code),
        same: json(c) === json(clients[0]),
        connected: [c.workProvider.wsconnected, c.authorityProvider.wsconnected],
      }));
      throw new Error(`no convergence within 60 s: ${JSON.stringify(state)} (${err})`);
    });
    const convergedMs = Date.now() - backAt;
    const leads = [...[...flapper.server.authority.teams.values()][0].state.leads.values()];
    if (leads.length !== sent.length) throw new Error(`${sent.length} captures but ${leads.length} leads`);
    return {
      'clients (y-websocket)': CLIENTS,
      'flapping (s, down 2 s / up 3 s)': FLAP_SECONDS,
      outages,
      'commands during flapping': sent.length,
      'converged after last outage (ms)': convergedMs,
    };
  } finally {
    for (const c of clients) c.destroy();
    await flapper.down();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await run());
