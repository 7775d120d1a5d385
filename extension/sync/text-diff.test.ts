import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextDiff } from './text-diff.ts';

describe('applyTextDiff', () => {
  it.each([
    ['', 'hello'],
    ['hello', ''],
    ['call on Monday', 'call on Monday morning'],
    ['call on Monday', 'please call on Monday'],
    ['abcabc', 'abc'],
    ['same', 'same'],
  ])('%j → %j', (a, b) => {
    const doc = new Y.Doc();
    const t = doc.getText('n');
    t.insert(0, a);
    applyTextDiff(t, b);
    expect(t.toString()).toBe(b);
  });

  it('two replicas editing different parts offline both keep their edit', () => {
    const a = new Y.Doc();
    a.getText('n').insert(0, 'Budget approved. Demo next week.');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyTextDiff(a.getText('n'), 'Budget approved for 20 seats. Demo next week.');
    applyTextDiff(b.getText('n'), 'Budget approved. Demo next week on Tuesday.');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('n').toString()).toBe('Budget approved for 20 seats. Demo next week on Tuesday.');
    expect(b.getText('n').toString()).toBe(a.getText('n').toString());
  });
});
