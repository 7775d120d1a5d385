import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { splitUpdate } from './split-update.ts';

/** Several writers editing one doc in turns, each syncing with the others now and then. */
function editedDoc(seed: number, rounds = 40): Y.Doc {
  const gen = prng.create(seed);
  const writers = [1, 2, 3].map((clientID) => {
    const d = new Y.Doc();
    d.clientID = clientID * 1000 + seed; // distinct, and not in creation order
    return d;
  });
  const syncAll = () => {
    for (const a of writers)
      for (const b of writers)
        if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  };
  for (let r = 0; r < rounds; r++) {
    for (const d of writers) {
      const leads = d.getMap('leads');
      const key = `lead-${prng.uint32(gen, 0, 30)}`;
      // Overwrites of another writer's key: the new item's origin is that writer's item.
      leads.set(key, { stage: prng.oneOf(gen, ['lead', 'mql', 'sql']), at: r, note: prng.word(gen, 0, 40) });
      if (prng.bool(gen)) leads.delete(`lead-${prng.uint32(gen, 0, 30)}`);
      const list = d.getArray<string>('list');
      list.insert(prng.uint32(gen, 0, list.length), [prng.word(gen, 1, 20)]);
      if (list.length > 3 && prng.bool(gen)) list.delete(prng.uint32(gen, 0, list.length - 1), 1);
      const text = d.getText('notes');
      text.insert(prng.uint32(gen, 0, text.length), prng.utf16String(gen, 12));
      if (text.length > 5 && prng.bool(gen)) text.delete(prng.uint32(gen, 0, text.length - 3), 2);
      const nested = d.getMap('meta');
      if (!nested.has('team')) nested.set('team', new Y.Map());
      const team = nested.get('team') as Y.Map<number>;
      team.set(`k${prng.uint32(gen, 0, 5)}`, r);
    }
    if (prng.uint32(gen, 0, 3) === 0) syncAll();
  }
  syncAll();
  return writers[0];
}

const content = (d: Y.Doc) => ({
  leads: d.getMap('leads').toJSON(),
  list: d.getArray('list').toJSON(),
  notes: d.getText('notes').toString(),
  meta: d.getMap('meta').toJSON(),
});

/** Applies the parts in order, checking that none is left pending, and returns the result. */
function applyParts(target: Y.Doc, parts: Uint8Array[]): Y.Doc {
  for (const p of parts) {
    Y.applyUpdate(target, p);
    expect(target.store.pendingStructs).toBeNull();
  }
  return target;
}

describe('splitUpdate', () => {
  it('returns a small update as it is', () => {
    const u = Y.encodeStateAsUpdate(editedDoc(1, 2));
    expect(splitUpdate(u, u.byteLength)).toEqual([u]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('parts applied in order rebuild the whole doc (seed %i)', (seed) => {
    const source = editedDoc(seed);
    const whole = Y.encodeStateAsUpdate(source);
    const parts = splitUpdate(whole, 256);
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts.slice(0, -1)) expect(p.byteLength).toBeLessThan(256 + 600);
    const rebuilt = applyParts(new Y.Doc(), parts);
    expect(content(rebuilt)).toEqual(content(source));
    expect(Y.equalSnapshots(Y.snapshot(rebuilt), Y.snapshot(source))).toBe(true);
  });

  it('splits a diff against what the receiver has (a reconnect after a while)', () => {
    const source = editedDoc(9, 10);
    const receiver = new Y.Doc();
    Y.applyUpdate(receiver, Y.encodeStateAsUpdate(source));
    // The source goes on without the receiver.
    for (let i = 0; i < 200; i++) {
      source.getMap('leads').set(`lead-${i % 37}`, { at: i });
      source.getText('notes').insert(0, `edit ${i} `);
      if (i % 3 === 0 && source.getArray('list').length) source.getArray('list').delete(0, 1);
    }
    const diff = Y.encodeStateAsUpdate(source, Y.encodeStateVector(receiver));
    const parts = splitUpdate(diff, 300);
    expect(parts.length).toBeGreaterThan(3);
    applyParts(receiver, parts);
    expect(content(receiver)).toEqual(content(source));
    expect(Y.equalSnapshots(Y.snapshot(receiver), Y.snapshot(source))).toBe(true);
  });

  it('reads every kind of content Yjs writes (text formats and embeds, XML, binary, numbers, subdocs)', () => {
    const source = new Y.Doc();
    for (let i = 0; i < 60; i++) {
      const text = source.getText('rich');
      text.insert(text.length, `para ${i} 😀 é `, { bold: i % 2 === 0 });
      text.insertEmbed(text.length, { image: `img-${i}` });
      text.format(0, 3, { italic: i % 3 === 0 ? true : null });
      const xml = source.getXmlFragment('xml');
      const el = new Y.XmlElement(`p${i % 3}`);
      el.setAttribute('class', `c${i}`);
      el.insert(0, [new Y.XmlText(`x ${i}`)]);
      xml.insert(xml.length, [el, new Y.XmlHook(`hook-${i}`) as unknown as Y.XmlElement]);
      source
        .getArray('values')
        .push([
          new Uint8Array([i, 1, 2, 3]),
          i / 3,
          2 ** 40 + i,
          -i,
          0.5,
          null,
          true,
          false,
          [i, 'a', { deep: [1.25, null] }],
        ]);
      if (i % 10 === 0) source.getMap('subdocs').set(`doc-${i}`, new Y.Doc({ guid: `g-${i}` }));
      if (i % 4 === 0) text.delete(0, 2);
    }
    const parts = splitUpdate(Y.encodeStateAsUpdate(source), 200);
    expect(parts.length).toBeGreaterThan(10);
    const rebuilt = applyParts(new Y.Doc(), parts);
    expect(rebuilt.getText('rich').toDelta()).toEqual(source.getText('rich').toDelta());
    expect(rebuilt.getXmlFragment('xml').toString()).toEqual(source.getXmlFragment('xml').toString());
    expect(rebuilt.getArray('values').toJSON()).toEqual(source.getArray('values').toJSON());
    expect([...rebuilt.getMap('subdocs').keys()].sort()).toEqual([...source.getMap('subdocs').keys()].sort());
    expect(Y.equalSnapshots(Y.snapshot(rebuilt), Y.snapshot(source))).toBe(true);
  });

  it('orders thousands of clients whose items build on each other (each browser start is a new client)', () => {
    const source = new Y.Doc();
    const gen = prng.create(11);
    const list = source.getArray<string>('list');
    const leads = source.getMap('leads');
    // Client ids grow along the history, and an update lists clients by id, highest first: the last
    // client's items come first in the update though they depend on nearly everyone else's.
    for (let i = 0; i < 3000; i++) {
      source.clientID = 1000 + i;
      source.transact(() => {
        list.insert(prng.uint32(gen, 0, list.length), [`item ${i}`]);
        leads.set(`lead-${prng.uint32(gen, 0, 200)}`, { by: i });
        if (i % 5 === 0 && list.length > 2) list.delete(prng.uint32(gen, 0, list.length - 2), 1);
      });
    }
    const parts = splitUpdate(Y.encodeStateAsUpdate(source), 4096);
    expect(parts.length).toBeGreaterThan(10);
    const rebuilt = applyParts(new Y.Doc(), parts);
    expect(rebuilt.getArray('list').toJSON()).toEqual(list.toJSON());
    expect(rebuilt.getMap('leads').toJSON()).toEqual(leads.toJSON());
    expect(Y.equalSnapshots(Y.snapshot(rebuilt), Y.snapshot(source))).toBe(true);
  });

  it('keeps deletions of items sent in earlier parts', () => {
    const source = new Y.Doc();
    const leads = source.getMap('leads');
    for (let i = 0; i < 500; i++) leads.set(`lead-${i}`, { name: `Lead ${i}` });
    for (let i = 0; i < 500; i += 2) leads.delete(`lead-${i}`);
    const parts = splitUpdate(Y.encodeStateAsUpdate(source), 1024);
    const rebuilt = applyParts(new Y.Doc(), parts);
    expect(rebuilt.getMap('leads').size).toBe(250);
    expect(rebuilt.getMap('leads').has('lead-0')).toBe(false);
    expect(rebuilt.getMap('leads').get('lead-1')).toEqual({ name: 'Lead 1' });
  });
});
