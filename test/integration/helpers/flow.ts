import { expect } from 'vitest';
import type { Api, Reply } from './api.ts';

let n = 0;
/** A fresh lead id and a contact that no other lead in the run shares. */
export function freshLead(): { leadId: string; contact: { name: string; emails: string[] } } {
  n++;
  const id = `lead-${process.pid}-${n}-${Math.random().toString(36).slice(2, 8)}`;
  return { leadId: id, contact: { name: `Contact ${n}`, emails: [`c${n}.${id}@example.com`] } };
}

async function ok(p: Promise<Reply>) {
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** Telemarketer captures and screens a lead, transfers it to `repId`, the rep accepts: an SQL of that rep. */
export async function makeSql(tele: Api, rep: Api, repId: string): Promise<string> {
  const { leadId, contact } = freshLead();
  await ok(tele.command({ type: 'capture', leadId, contact, source: 'manual' }));
  await ok(tele.command({ type: 'logCall', leadId, outcome: 'interested' }));
  await ok(tele.command({ type: 'transfer', leadId, toRep: repId }));
  await ok(rep.command({ type: 'acceptMql', leadId }));
  return leadId;
}

/** A lead parked in the pool (nurture). */
export async function makePoolLead(tele: Api): Promise<string> {
  const { leadId, contact } = freshLead();
  await ok(tele.command({ type: 'capture', leadId, contact, source: 'manual' }));
  await ok(tele.command({ type: 'logCall', leadId, outcome: 'no_demand' }));
  return leadId;
}
