import type * as Y from 'yjs';
import type { Lead } from '../../shared/lead.ts';
import type { Member } from '../../shared/roles.ts';
import type { TeamSettings } from '../../shared/settings.ts';
import { AUTHORITY, encodeLead, type Verdict, WORK } from '../../shared/sync-docs.ts';
import type { DocRoom } from '../rooms/doc-room.ts';

/**
 * The only code that writes the authority doc (layout: shared/sync-docs.ts). Every write is compared with
 * what the doc holds first, so republishing (after a restart, or a duplicate command) costs nothing.
 */
export type TeamMeta = { team: { id: string; name: string }; settings: TeamSettings; members: Member[] };

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Whether the doc's `leads` map holds `bytes` (encodeLead) for a lead already. */
function sameBytes(held: unknown, bytes: Uint8Array): boolean {
  if (!(held instanceof Uint8Array) || held.byteLength !== bytes.byteLength) return false;
  for (let i = 0; i < bytes.length; i++) if (held[i] !== bytes[i]) return false;
  return true;
}

/** The leads whose bytes differ from what `leadMap` holds, with their bytes. */
function changedLeads(leadMap: Y.Map<unknown>, leads: Iterable<Lead>): [Lead, Uint8Array][] {
  const out: [Lead, Uint8Array][] = [];
  for (const l of leads) {
    const bytes = encodeLead(l);
    if (!sameBytes(leadMap.get(l.id), bytes)) out.push([l, bytes]);
  }
  return out;
}

function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (!same(map.get(key), value)) map.set(key, value);
}

/** Writes changed leads and verdicts into the authority doc (one doc transaction). */
export function publishDecision(
  authority: DocRoom,
  leads: readonly Lead[],
  verdicts: readonly Verdict[],
): void {
  const leadMap = authority.doc.getMap(AUTHORITY.leads);
  const verdictMap = authority.doc.getMap(AUTHORITY.verdicts);
  const stale = changedLeads(leadMap, leads);
  const changedVerdicts = verdicts.filter((v) => !same(verdictMap.get(v.commandId), v));
  if (!stale.length && !changedVerdicts.length) return;
  authority.write(() => {
    for (const [l, bytes] of stale) leadMap.set(l.id, bytes);
    for (const v of changedVerdicts) verdictMap.set(v.commandId, v);
  });
}

/** Removes decided (or undecidable) command keys from the work doc, in one doc transaction. */
export function dropCommandKeys(work: DocRoom, ids: Iterable<string>): void {
  const commands = work.doc.getMap(WORK.commands);
  const done = [...ids].filter((id) => commands.has(id));
  if (!done.length) return;
  work.write(() => {
    for (const id of done) commands.delete(id);
  });
}

export function publishMeta(authority: DocRoom, meta: TeamMeta): void {
  const map = authority.doc.getMap(AUTHORITY.meta);
  if (same(map.get('team'), meta.team) && same(map.get('settings'), meta.settings)) {
    if (same(map.get('members'), meta.members)) return;
  }
  authority.write(() => {
    setIfChanged(map, 'team', meta.team);
    setIfChanged(map, 'settings', meta.settings);
    setIfChanged(map, 'members', meta.members);
  });
}

/**
 * On start: makes the authority doc say exactly what SQLite says (the source of truth). A crash between
 * the SQLite commit and the doc write leaves the doc behind; this writes only what differs.
 */
export function reconcile(authority: DocRoom, leads: Iterable<Lead>, verdicts: readonly Verdict[]): number {
  const leadMap = authority.doc.getMap(AUTHORITY.leads);
  const verdictMap = authority.doc.getMap(AUTHORITY.verdicts);
  const all = [...leads];
  const known = new Set(all.map((l) => l.id));
  const staleLeads = changedLeads(leadMap, all);
  const strayLeads = [...leadMap.keys()].filter((id) => !known.has(id));
  const staleVerdicts = verdicts.filter((v) => !same(verdictMap.get(v.commandId), v));
  const decided = new Set(verdicts.map((v) => v.commandId));
  const strayVerdicts = [...verdictMap.keys()].filter((id) => !decided.has(id));
  const n = staleLeads.length + strayLeads.length + staleVerdicts.length + strayVerdicts.length;
  if (n) {
    authority.write(() => {
      for (const [l, bytes] of staleLeads) leadMap.set(l.id, bytes);
      for (const id of strayLeads) leadMap.delete(id);
      for (const v of staleVerdicts) verdictMap.set(v.commandId, v);
      for (const id of strayVerdicts) verdictMap.delete(id);
    });
  }
  return n;
}
