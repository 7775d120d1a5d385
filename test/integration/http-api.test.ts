import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './helpers/api.ts';
import { freshLead, makePoolLead, makeSql } from './helpers/flow.ts';
import { seedTeam, startTestServer, type TestTeam } from './helpers/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let team: TestTeam;
const as = (u: string) => api(server, team.users[u].token);

beforeAll(async () => {
  server = await startTestServer({ maxHttpBodyBytes: 64 * 1024 });
  team = seedTeam(server, 'Acme', { tina: 'telemarketer', alex: 'rep', blake: 'rep', mona: 'manager' });
});
afterAll(() => server.teardown());

describe('POST /api/v1/commands', () => {
  it('accepts a command: 200 with the verdict and the lead', async () => {
    const { leadId, contact } = freshLead();
    const r = await as('tina').command({ type: 'capture', leadId, contact, source: 'api' });
    expect(r.status).toBe(200);
    expect(r.body.verdict).toMatchObject({ status: 'accepted', leadId, by: team.users.tina.id });
    expect(r.body.lead).toMatchObject({ id: leadId, stage: 'new', owner: team.users.tina.id });
  });

  it('is idempotent by command id', async () => {
    const { leadId, contact } = freshLead();
    const cmd = { id: `cmd-${leadId}`, type: 'capture', leadId, contact, source: 'api' };
    const a = await as('tina').post('/api/v1/commands', cmd);
    const b = await as('tina').post('/api/v1/commands', cmd);
    expect(b.status).toBe(200);
    expect(b.body.verdict).toEqual(a.body.verdict);
    expect((await as('tina').get(`/api/v1/leads/${leadId}`)).body.events).toHaveLength(1);
  });

  it.each([
    ['a missing envelope', { type: 'claim' }, ['id', 'leadId']],
    ['an unknown type', { id: 'abcdefgh1', leadId: 'abcdefgh1', type: 'fly' }, ['type']],
    [
      'bad contact fields',
      { id: 'abcdefgh2', leadId: 'abcdefgh2', type: 'capture', source: 'x', contact: { phones: ['123'] } },
      ['source', 'contact.phones.0'],
    ],
    ['a non-object', [1, 2], ['(root)']],
  ])('answers 400 with field paths for %s', async (_what, body, paths) => {
    const r = await as('tina').post('/api/v1/commands', body);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('INVALID_COMMAND');
    expect(r.body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(paths));
  });

  it('answers 409 with the rejection code, sentence and hint', async () => {
    const unknown = await as('alex').command({ type: 'claim', leadId: 'nobody-here-1' });
    expect(unknown).toMatchObject({ status: 409, body: { error: 'UNKNOWN_LEAD' } });
    expect(unknown.body.message).toBeTruthy();
    const role = await as('tina').command({ type: 'acceptMql', leadId: 'nobody-here-1' });
    expect(role.body.error).toBe('ROLE_NOT_ALLOWED');
    const leadId = await makePoolLead(as('tina'));
    expect((await as('alex').command({ type: 'claim', leadId })).status).toBe(200);
    const second = await as('blake').command({ type: 'claim', leadId });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: 'ALREADY_CLAIMED', details: { owner: team.users.alex.id } });
    expect(second.body.hint).toBeTruthy();
  });

  it('rejects invalid JSON, empty and oversized bodies with clear messages', async () => {
    const bad = await as('tina').postRaw('/api/v1/commands', '{"type": "capture",');
    expect(bad).toMatchObject({ status: 400, body: { error: 'INVALID_JSON' } });
    expect(bad.body.message).toMatch(/not valid JSON/);
    expect((await as('tina').postRaw('/api/v1/commands', '')).body.error).toBe('INVALID_JSON');
    const big = await as('tina').postRaw('/api/v1/commands', JSON.stringify({ note: 'x'.repeat(70_000) }));
    expect(big).toMatchObject({ status: 413, body: { error: 'BODY_TOO_LARGE' } });
  });
});

describe('reading', () => {
  it('GET /leads filters by stage, owner, pool and text, and pages', async () => {
    const sql = await makeSql(as('tina'), as('alex'), team.users.alex.id);
    const pooled = await makePoolLead(as('tina'));
    const { leadId, contact } = freshLead();
    await as('tina').command({
      type: 'capture',
      leadId,
      source: 'manual',
      contact: { ...contact, company: 'Zebra Logistics', phones: ['+4930555123'] },
    });
    const get = async (q: string) => (await as('mona').get(`/api/v1/leads?${q}`)).body;
    const ids = (b: { leads: { id: string }[] }) => b.leads.map((l) => l.id);
    expect(ids(await get('stage=sql'))).toContain(sql);
    expect(ids(await get('stage=sql')).every((id: string) => id !== pooled)).toBe(true);
    expect(ids(await get(`owner=${team.users.alex.id}`))).toContain(sql);
    expect(ids(await get('pool=true'))).toContain(pooled);
    expect(ids(await get('pool=true'))).not.toContain(sql);
    expect(ids(await get('text=zebra'))).toEqual([leadId]);
    expect(ids(await get('text=030555'))).toEqual([leadId]);
    expect(ids(await get(`text=${encodeURIComponent(contact.emails[0].toUpperCase())}`))).toEqual([leadId]);
    const page = await get('limit=1&offset=1');
    expect(page.leads).toHaveLength(1);
    expect(page.total).toBeGreaterThan(2);
    const bad = await as('mona').get('/api/v1/leads?stage=flying&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(['stage', 'limit']);
  });

  it('GET /leads/:id returns the state and its event history; unknown ids are 404', async () => {
    const leadId = await makeSql(as('tina'), as('alex'), team.users.alex.id);
    const r = await as('alex').get(`/api/v1/leads/${leadId}`);
    expect(r.body.lead.stage).toBe('sql');
    expect(r.body.events.map((e: { type: string }) => e.type)).toEqual([
      'captured',
      'callLogged',
      'transferred',
      'mqlAccepted',
    ]);
    expect((await as('alex').get('/api/v1/leads/nope-nope')).status).toBe(404);
  });

  it('GET /me and /health; JSON errors for unknown paths and wrong methods', async () => {
    expect((await api(server).get('/api/v1/health')).body.status).toBe('ok');
    const me = await as('mona').get('/api/v1/me');
    expect(me.body).toEqual({
      user: { id: team.users.mona.id, name: 'mona', role: 'manager' },
      team: { id: team.id, name: 'Acme' },
    });
    expect((await api(server).get('/api/v1/nope')).body.error).toBe('NOT_FOUND');
    expect((await as('mona').get('/api/v1/commands')).status).toBe(405);
    const join = await fetch(`${server.httpUrl}/join?token=${team.users.mona.token}`);
    expect(await join.text()).toMatch(/paste this whole link/i);
  });
});

describe('CORS on /api/v1 (the extension calls the API without host permissions)', () => {
  const ext = `chrome-extension://${'abcdefghijklmnopabcdefghijklmnop'}`;
  const call = (method: string, path: string, headers: Record<string, string>) =>
    fetch(`${server.httpUrl}${path}`, { method, headers });

  it('answers a preflight from a chrome-extension:// origin', async () => {
    const r = await call('OPTIONS', '/api/v1/commands', {
      origin: ext,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
      'access-control-request-private-network': 'true',
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe(ext);
    expect(r.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(r.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(r.headers.get('access-control-allow-private-network')).toBe('true');
    expect(r.headers.get('vary')).toMatch(/Origin/);
  });

  it('lets the extension read answers, errors included', async () => {
    const token = team.users.tina.token;
    const me = await call('GET', '/api/v1/me', { origin: ext, authorization: `Bearer ${token}` });
    expect(me.status).toBe(200);
    expect(me.headers.get('access-control-allow-origin')).toBe(ext);
    const denied = await call('GET', '/api/v1/me', { origin: ext });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(ext);
  });

  it('gives other origins nothing to read and refuses their preflight', async () => {
    const evil = 'https://evil.example';
    const token = team.users.tina.token;
    const r = await call('GET', '/api/v1/me', { origin: evil, authorization: `Bearer ${token}` });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await call('OPTIONS', '/api/v1/commands', {
      origin: evil,
      'access-control-request-method': 'POST',
    });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const fake = await call('OPTIONS', '/api/v1/commands', { origin: 'chrome-extension://not-an-id' });
    expect(fake.status).toBe(403);
    // Outside /api/v1 there is no CORS at all.
    const join = await call('GET', '/join?token=x', { origin: ext });
    expect(join.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the extra origins of CORS_ORIGINS', async () => {
    const other = await startTestServer({ corsOrigins: ['https://forms.example'] });
    try {
      const r = await fetch(`${other.httpUrl}/api/v1/health`, {
        headers: { origin: 'https://forms.example' },
      });
      expect(r.headers.get('access-control-allow-origin')).toBe('https://forms.example');
    } finally {
      await other.teardown();
    }
  });
});
