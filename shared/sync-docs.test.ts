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

  it('writes key names as one character, and reads back every field, whatever the strings hold', () => {
    const full = makeLead({
      id: 'lead-2',
      contact: {
        name: 'Quote "a": here',
        company: 'Back\\slash "stage":"won"',
        title: '{"id":"x"}',
        website: 'https://x.example/?a=1',
        emails: ['q@x.example'],
        phones: ['+4930123456'],
      },
      note: 'x":"y',
      calls: [{ at: 1, by: 'u1', outcome: 'interested', note: '"n":1', durationSec: 30 }],
      extensions: [
        {
          id: 'e1',
          requestedBy: 'u1',
          requestedAt: 2,
          reason: 'r',
          status: 'approved',
          decidedBy: 'm',
          decidedAt: 3,
        },
      ],
      cooldown: { userId: 'u1', until: 4 },
    });
    const bytes = encodeLead(full);
    const text = new TextDecoder().decode(bytes);
    expect(text).not.toContain('"sqlDeadline":');
    expect(bytes.byteLength).toBeLessThan(new TextEncoder().encode(JSON.stringify(full)).byteLength * 0.8);
    expect(readLead(bytes)).toEqual(full);
  });

  it('keeps a key it has no code for, and reads bytes written before keys were coded', () => {
    const withNew = { ...lead, someFutureField: { nested: true } } as unknown as typeof lead;
    expect(readLead(encodeLead(withNew))).toEqual(withNew);
    expect(readLead(new TextEncoder().encode(JSON.stringify(lead)))).toEqual(lead);
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
