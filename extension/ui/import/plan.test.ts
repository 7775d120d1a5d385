import { describe, expect, it } from 'vitest';
import { buildImportPreview } from '../../../shared/import/preview.ts';
import {
  commandPrefix,
  filterRows,
  leadPrefix,
  markImported,
  type ReadyPreview,
  selectable,
} from './plan.ts';

const csv = [
  'Name,Email,Phone',
  'Ada Lovelace,ada@example.com,+1 212 555 0142',
  'Only Name,,',
  'Ada Again,ada@example.com,',
].join('\n');

function preview(): ReadyPreview {
  const p = buildImportPreview(csv, { region: 'US', salt: 'u1' });
  if (!p.ok) throw new Error('preview');
  return p;
}

describe('markImported', () => {
  it('marks rows whose lead exists or whose command is queued, and recounts', () => {
    const p = preview();
    const [ada, name] = p.rows;
    const marked = markImported(p, {
      leadIds: new Set([`lead-${ada!.key}`]),
      commandIds: new Set([`imp-${name!.key}`]),
    });
    expect(marked.rows.filter((r) => r.alreadyImported).map((r) => r.row)).toEqual([2, 3]);
    expect(marked.counts.alreadyImported).toBe(2);
    expect(marked.rows.filter(selectable)).toEqual([]);
  });

  it('leaves error rows alone (they have no key) and changes nothing when nothing is done', () => {
    const p = preview();
    const marked = markImported(p, { leadIds: new Set(), commandIds: new Set() });
    expect(marked.counts).toEqual(p.counts);
    expect(marked.rows.filter((r) => r.status === 'error').every((r) => !r.alreadyImported)).toBe(true);
  });

  it('the id prefixes match the ids the commands get', () => {
    const p = preview();
    expect(`imp-${p.rows[0]!.key}`.startsWith(commandPrefix(p.fileKey))).toBe(true);
    expect(`lead-${p.rows[0]!.key}`.startsWith(leadPrefix(p.fileKey))).toBe(true);
  });
});

describe('filterRows', () => {
  it.each([
    ['all', [2, 3, 4]],
    ['problems', [3, 4]],
    ['errors', [4]],
    ['imported', []],
  ] as const)('%s', (filter, rows) => {
    expect(filterRows(preview().rows, filter).map((r) => r.row)).toEqual(rows);
  });
});
