import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClient } from './helpers/clients.ts';
import { seedTeam, startTestServer } from './helpers/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.teardown();
});

describe('smoke', () => {
  it('decides a capture written into the work doc', async () => {
    const team = seedTeam(server, 'Acme', { tina: 'telemarketer' });
    const c = new TestClient(server, team.id, team.users.tina.token);
    await c.synced();
    const id = c.send({ type: 'capture', leadId: 'lead-0001', contact: { name: 'Ada' }, source: 'manual' });
    const v = await c.verdict(id);
    expect(v.status).toBe('accepted');
    expect(c.leads.get('lead-0001')?.stage).toBe('new');
    c.destroy();
  });
});
