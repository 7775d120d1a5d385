import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { api } from './helpers/api.ts';
import { freshLead } from './helpers/flow.ts';
import { tempDataDir } from './helpers/server.ts';

/**
 * `npm start` as a person runs it (the same entry point, `sync-server/demo/start.ts`), with the build skipped
 * and a temporary DATA_DIR: the demo team, the demo pages, idempotence across two starts, Ctrl-C.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

type Demo = {
  child: ChildProcess;
  out: () => string;
  httpUrl: string;
  tokens: Record<string, string>;
  exited: Promise<number | null>;
};

function startDemo(dataDir: string): Promise<Demo> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/demo/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DEMO_PAGES_PORT: '0', SKIP_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start in time:\n${out}`)), 25_000);
    exited.then((code) => reject(new Error(`demo exited (${code}) before it was ready:\n${out}`)));
    child.stdout!.on('data', () => {
      if (!out.includes('Ctrl-C stops everything')) return;
      clearTimeout(timer);
      const httpUrl = out.match(/sync server (http:\/\/[\d.:]+),/)?.[1];
      const tokens = Object.fromEntries(
        [...out.matchAll(/^ {2}(\w+) +.+\/join\?token=([\w-]+)$/gm)].map((m) => [m[1], m[2]]),
      );
      if (!httpUrl) return reject(new Error(`no server URL in:\n${out}`));
      resolve({ child, out: () => out, httpUrl, tokens, exited });
    });
  });
}

/** Ctrl-C: SIGINT to the process, which must exit 0 by itself within a bounded time. */
async function ctrlC(demo: Demo): Promise<number | null> {
  demo.child.kill('SIGINT');
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000).unref());
  const code = await Promise.race([demo.exited, timeout]);
  if (code === 'timeout') {
    demo.child.kill('SIGKILL');
    throw new Error(`demo did not stop on SIGINT:\n${demo.out()}`);
  }
  return code;
}

/** GET over HTTPS to the demo page server, asking for a real host name (as the mapped browser does). */
function getPage(port: number, host: string, pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        servername: host,
        headers: { host },
        rejectUnauthorized: false,
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
  });
}

const running: Demo[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const d of running.splice(0)) d.child.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('npm start (the demo)', () => {
  it('seeds one demo team, serves the demo pages, stops cleanly on Ctrl-C and keeps everything on a second start', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);

    const first = await startDemo(dataDir);
    running.push(first);
    expect(Object.keys(first.tokens)).toEqual(['tess', 'alex', 'blake', 'morgan', 'ada']);
    const roles: Record<string, string> = {};
    const teamIds = new Set<string>();
    for (const [who, token] of Object.entries(first.tokens)) {
      const me = await api(first, token).get('/api/v1/me');
      expect(me.status, who).toBe(200);
      roles[who] = me.body.user.role;
      teamIds.add(me.body.team.id);
      expect(me.body.team.name).toBe('Demo Sales');
    }
    expect(roles).toEqual({
      tess: 'telemarketer',
      alex: 'rep',
      blake: 'rep',
      morgan: 'manager',
      ada: 'admin',
    });
    expect(teamIds.size).toBe(1);

    // The launcher script maps the two real host names to the demo page server and trusts its certificate.
    const script = fs.readFileSync(path.join(dataDir, 'demo-browser.sh'), 'utf8');
    const pagesPort = Number(script.match(/MAP mail\.google\.com 127\.0\.0\.1:(\d+)/)?.[1]);
    const spki = script.match(/--ignore-certificate-errors-spki-list='([^']+)'/)?.[1];
    expect(pagesPort).toBeGreaterThan(0);
    expect(spki).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(script).toContain(`MAP phone.aircall.io 127.0.0.1:${pagesPort}`);
    expect(script).toContain(`alex) invite='${first.httpUrl}/join?token=${first.tokens.alex}'`);
    const gmail = await getPage(pagesPort, 'mail.google.com', '/mail/u/0/');
    expect(gmail.status).toBe(200);
    expect(gmail.body).toContain('class="gD" email="jane.doe@acme-industrial.example"');
    const dialer = await getPage(pagesPort, 'phone.aircall.io', '/phone');
    expect(dialer.body).toContain('data-test="dialer-input"');
    expect((await getPage(pagesPort, 'example.com', '/')).status).toBe(404);

    // Some work in the first run.
    const { leadId, contact } = freshLead();
    const captured = await api(first, first.tokens.tess).command({
      type: 'capture',
      leadId,
      contact,
      source: 'manual',
    });
    expect(captured.status).toBe(200);

    // Ctrl-C: exit 0, both servers closed.
    expect(await ctrlC(first)).toBe(0);
    expect(first.out()).toContain('Stopped.');
    await expect(fetch(`${first.httpUrl}/api/v1/health`)).rejects.toThrow();
    await expect(getPage(pagesPort, 'mail.google.com', '/mail/u/0/')).rejects.toThrow();

    // Second start: the same team, people, tokens, certificate and data.
    const second = await startDemo(dataDir);
    running.push(second);
    expect(second.tokens).toEqual(first.tokens);
    const script2 = fs.readFileSync(path.join(dataDir, 'demo-browser.sh'), 'utf8');
    expect(script2).toContain(`--ignore-certificate-errors-spki-list='${spki}'`);
    const lead = await api(second, second.tokens.alex).get(`/api/v1/leads/${leadId}`);
    expect(lead.status).toBe(200);
    expect(lead.body.lead.contact.name).toBe(contact.name);
    expect(await ctrlC(second)).toBe(0);

    const storage = openSqliteStorage(dataDir);
    try {
      const teams = storage.listTeams();
      expect(teams.map((t) => t.name)).toEqual(['Demo Sales']);
      const users = storage.listUsers(teams[0].id);
      expect(users.map((u) => `${u.name}:${u.role}`).sort()).toEqual([
        'Ada:admin',
        'Alex:rep',
        'Blake:rep',
        'Morgan:manager',
        'Tess:telemarketer',
      ]);
    } finally {
      storage.close();
    }
  }, 60_000);
});
