import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeLead } from './fixtures-gen.ts';
import { AUTHORITY, encodeLead, readLead } from './sync-docs.ts';

describe('leads in the authority doc', () => {
  const lead = makeLead({
    id: 'lead-1',
    contact: { name: 'Zoë Łukasiewicz 李', company: 'Émile & Söhne', emails: ['z@x.example'], phones: [] },
  });

  it('are stored as bytes that read back as the same lead, through a Yjs update', () => {
    const server = new Y.Doc();
    server.getMap(AUTHORITY.leads).set(lead.id, encodeLead(lead));
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const held = client.getMap(AUTHORITY.leads).get(lead.id);
    expect(held).toBeInstanceOf(Uint8Array);
    expect(readLead(held)).toEqual(lead);
  });

  it('reads a lead a server wrote as a JSON value (before bytes) as it is, and nothing as undefined', () => {
    expect(readLead(lead)).toBe(lead);
    expect(readLead(undefined)).toBeUndefined();
  });

  it('says what is wrong with bytes that are not a lead', () => {
    expect(() => readLead(new Uint8Array([0xff, 0x7b]))).toThrow(
      /authority doc holds a lead that is not JSON \(2 bytes\)/,
    );
  });
});
