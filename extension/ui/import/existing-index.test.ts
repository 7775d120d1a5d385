import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TELE } from '../../../shared/testing.ts';
import { submitCommand } from '../../store/outbox.ts';
import { testDb } from '../../store/test-helpers.ts';
import { existingLookup, loadExistingIndex } from './existing-index.ts';

describe('loadExistingIndex', () => {
  it('maps every email and phone of the local leads to the lead, from index keys', async () => {
    const db = await testDb(TELE);
    const r = await submitCommand(db, {
      type: 'capture',
      leadId: 'lead-abc-0001',
      source: 'manual',
      contact: { name: 'Ada', emails: ['Ada@Example.com'], phones: ['+12125550142;ext=7'] },
    });
    expect(r).toMatchObject({ ok: true });
    const index = await loadExistingIndex(db);
    const existing = existingLookup(index);
    expect(existing(['ada@example.com'], [])).toBe('lead-abc-0001');
    expect(existing([], ['+12125550142'])).toBe('lead-abc-0001');
    expect(existing(['other@example.com'], ['+12125550199'])).toBeUndefined();
  });
});
