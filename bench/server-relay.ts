/**
 * (d) The cost of authority: the same update stream through Leadline vs. through a plain y-websocket relay
 * (@y/websocket-server 0.1.1: no rules, no persistence, no auth), in the same run, as a ratio. Goal < 1.3×.
 *
 * Both servers run in their own child processes at once; 50 clients (work + authority sockets, awareness on)
 * connect to each. Per pass, 10 of them send a prepared stream of work-doc updates at a fixed pace; the very
 * same bytes go through the relay and through Leadline (order alternating between passes). The figure is
 * the server's CPU time (from /proc) to carry the stream until an observer client has every update — and,
 * for Leadline, every verdict — divided by the relay's. Two streams:
 *   - `mixed`: what a team's clients write — 50% contact-field edits, 40% note keystrokes, 10% commands;
 *   - `commands`: every update is a command (the worst case for the authority).
 * Env: CLIENTS (50), SENDERS (10), UPDATES (per sender, 150), RATE (per sender per second, 50), RUNS (5),
 * MIXES (mixed,commands).
 * Run: npx tsx bench/server-relay.ts
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { AUTHORITY, fieldKey, notesName, roomName, WORK } from '../shared/sync-docs.ts';
import { DocClient } from './_doc-client.ts';
import {
  ClientWorker,
  cpuMs,
  load,
  makeTeam,
  median,
  round,
  type ServerProcess,
  sleep,
  spawnLeadline,
  spawnRelay,
  until,
} from './_harness.ts';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SENDERS = Number(process.env.SENDERS ?? 10);
const UPDATES = Number(process.env.UPDATES ?? 150);
const RATE = Number(process.env.RATE ?? 50);
/** Five runs, not the harness's three: the ratio of two CPU times on a shared 2-core machine is noisy. */
const RUNS = Number(process.env.RUNS ?? 5);
const FIELDS = ['name', 'company', 'title', 'website'] as const;

type Mix = 'mixed' | 'commands';
type Stream = { updates: string[][]; endKeys: string[]; commandIds: string[] };

/** Each sender's updates, made by a real Y.Doc per sender (as the extension's edits would be). */
function makeStream(pass: string, mix: Mix): Stream {
  const updates: string[][] = [];
  const endKeys: string[] = [];
  const commandIds: string[] = [];
  for (let s = 0; s < SENDERS; s++) {
    const doc = new Y.Doc();
    const out: string[] = [];
    doc.on('update', (u: Uint8Array) => out.push(Buffer.from(u).toString('base64')));
    const fields = doc.getMap(WORK.fields);
    const commands = doc.getMap(WORK.commands);
    for (let k = 0; k < UPDATES - 1; k++) {
      const lead = `lead-${pass}-${s}-${k % 7}`;
      const roll = mix === 'commands' ? 0 : (k * 7919 + s) % 10;
      if (roll === 0) {
        const id = `cmd-${pass}-${s}-${k}`;
        commandIds.push(id);
        commands.set(id, {
          id,
          type: 'capture',
          leadId: `lead-${id}`,
          source: 'gmail',
          contact: { name: `Contact ${id}`, emails: [`${id}@example.com`] },
        });
      } else if (roll <= 5) fields.set(fieldKey(lead, FIELDS[k % 4]), `value ${k} of ${s}`);
      else {
        const text = doc.getText(notesName(lead));
        text.insert(text.length, String.fromCharCode(97 + (k % 26)));
      }
    }
    const end = `end-${pass}-${s}`;
    fields.set(end, true);
    endKeys.push(end);
    updates.push(out);
    doc.destroy();
  }
  return { updates, endKeys, commandIds };
}

type Side = { server: ServerProcess; worker: ClientWorker; work: DocClient; authority: DocClient };

async function connect(server: ServerProcess, teamId: string, tokens: string[]): Promise<Side> {
  const worker = new ClientWorker();
  // The senders are the worker's first SENDERS clients; the observer is one more client in this process.
  const opened = await worker.call<{ synced: number }>('open', {
    wsUrl: server.wsUrl,
    teamId,
    tokens: tokens.slice(1),
    rooms: ['work', 'authority'],
    awareness: true,
  });
  if (opened.synced !== (tokens.length - 1) * 2) throw new Error(`${server.kind}: ${opened.synced} synced`);
  const url = (room: 'work' | 'authority') => `${server.wsUrl}/${roomName(teamId, room)}?token=${tokens[0]}`;
  const side = {
    server,
    worker,
    work: new DocClient(url('work')),
    authority: new DocClient(url('authority')),
  };
  if (!(await until(() => side.work.synced && side.authority.synced, 20_000))) throw new Error('observer');
  return side;
}

/** One pass of `stream` through one server: its CPU ms and the wall time until the observer has it all. */
async function pass(side: Side, stream: Stream, verdicts: boolean): Promise<{ cpu: number; ms: number }> {
  const fields = side.work.doc.getMap(WORK.fields);
  const decided = side.authority.doc.getMap(AUTHORITY.verdicts);
  const done = () =>
    stream.endKeys.every((k) => fields.has(k)) &&
    (!verdicts || stream.commandIds.every((id) => decided.has(id)));
  const c0 = cpuMs(side.server.pid);
  const t0 = performance.now();
  await side.worker.call('stream', { updates: stream.updates, perSecond: RATE }, 120_000);
  if (!(await until(done, 60_000, 2))) throw new Error(`${side.server.kind}: the stream never fully arrived`);
  const ms = performance.now() - t0;
  await sleep(300); // fan-out to the other sockets finishes in the same ticks; this catches stragglers
  return { cpu: cpuMs(side.server.pid) - c0, ms };
}

export async function run(): Promise<Record<string, number | string>> {
  const team = makeTeam(CLIENTS);
  const [leadline, relay] = await Promise.all([spawnLeadline(team.dataDir), spawnRelay()]);
  const sides: Side[] = [];
  try {
    sides.push(await connect(relay, team.teamId, team.tokens));
    sides.push(await connect(leadline, team.teamId, team.tokens));
    const out: Record<string, number | string> = {
      clients: CLIENTS,
      stream: `${SENDERS} senders × ${UPDATES} updates at ${RATE}/s each`,
    };
    const mixes = (process.env.MIXES?.split(',') ?? ['mixed', 'commands']) as Mix[];
    for (const mix of mixes) {
      const ratios: number[] = [];
      const cpus: [number, number][] = [];
      for (let r = 0; r < RUNS; r++) {
        const stream = makeStream(`${mix}${r}-${Date.now()}`, mix);
        const order = r % 2 === 0 ? [0, 1] : [1, 0];
        const res: { cpu: number; ms: number }[] = [];
        for (const i of order) {
          res[i] = await pass(sides[i], stream, i === 1);
          await sleep(300);
        }
        ratios.push(res[1].cpu / Math.max(res[0].cpu, 10));
        cpus.push([res[0].cpu, res[1].cpu]);
        console.error(
          `  ${mix} run ${r + 1}: relay ${res[0].cpu.toFixed(0)} ms CPU (${res[0].ms.toFixed(0)} ms wall), leadline ${res[1].cpu.toFixed(0)} ms CPU (${res[1].ms.toFixed(0)} ms wall) → ${ratios.at(-1)?.toFixed(2)}×`,
        );
      }
      const ratio = median(ratios);
      out[`${mix}: CPU relay / leadline ms (median)`] =
        `${median(cpus.map((c) => c[0])).toFixed(0)} / ${median(cpus.map((c) => c[1])).toFixed(0)}`;
      out[`${mix}: ratio (median)`] = round(ratio, 2);
      out[`${mix}: ratios (runs)`] = ratios.map((x) => x.toFixed(2)).join(' / ');
      out[`${mix}: goal < 1.3×`] = ratio < 1.3 ? 'met' : 'MISSED';
    }
    out.load = load();
    return out;
  } finally {
    for (const s of sides) {
      s.work.close();
      s.authority.close();
      await s.worker.stop();
    }
    await Promise.all([leadline.stop(), relay.stop()]);
    fs.rmSync(team.dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await run());
  process.exit(0);
}
