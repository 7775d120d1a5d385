import type { Lead, Stage } from '../../shared/lead.ts';
import { STAGES } from '../../shared/lead.ts';
import { HttpError } from './respond.ts';

export type LeadQuery = {
  stage?: Stage;
  owner?: string;
  pool?: boolean;
  text?: string;
  limit: number;
  offset: number;
};

const MAX_LIMIT = 500;

/** Query string → filters; every bad value is a 400 naming the parameter. */
export function parseLeadQuery(params: URLSearchParams): LeadQuery {
  const issues: { path: string; message: string }[] = [];
  const q: LeadQuery = { limit: 50, offset: 0 };
  const stage = params.get('stage');
  if (stage !== null) {
    if ((STAGES as readonly string[]).includes(stage)) q.stage = stage as Stage;
    else issues.push({ path: 'stage', message: `one of ${STAGES.join(', ')}` });
  }
  const owner = params.get('owner');
  if (owner) q.owner = owner;
  const pool = params.get('pool');
  if (pool !== null) {
    if (pool === 'true' || pool === 'false') q.pool = pool === 'true';
    else issues.push({ path: 'pool', message: 'true or false' });
  }
  const text = params.get('text')?.trim();
  if (text) q.text = text.slice(0, 200);
  for (const key of ['limit', 'offset'] as const) {
    const raw = params.get(key);
    if (raw === null) continue;
    const n = Number(raw);
    const max = key === 'limit' ? MAX_LIMIT : Number.MAX_SAFE_INTEGER;
    if (Number.isInteger(n) && n >= (key === 'limit' ? 1 : 0) && n <= max) q[key] = n;
    else
      issues.push({
        path: key,
        message: key === 'limit' ? `an integer from 1 to ${MAX_LIMIT}` : 'an integer ≥ 0',
      });
  }
  if (issues.length) {
    throw new HttpError(400, 'INVALID_QUERY', 'Some query parameters are invalid.', { issues });
  }
  return q;
}

function matchesText(lead: Lead, text: string): boolean {
  const t = text.toLowerCase();
  const c = lead.contact;
  const words = [c.name, c.company, ...c.emails];
  if (words.some((w) => w?.toLowerCase().includes(t))) return true;
  // Phones match on digits without the national trunk 0, so "030 555" finds +4930555….
  const digits = t.replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 3 && c.phones.some((p) => p.replace(/\D/g, '').includes(digits));
}

/** Filters the team's in-memory leads (newest capture first), then pages. */
export function queryLeads(leads: Iterable<Lead>, q: LeadQuery): { total: number; leads: Lead[] } {
  const hits: Lead[] = [];
  for (const l of leads) {
    if (q.stage && l.stage !== q.stage) continue;
    if (q.owner && l.owner !== q.owner) continue;
    if (q.pool !== undefined && (l.stage === 'pool') !== q.pool) continue;
    if (q.text && !matchesText(l, q.text)) continue;
    hits.push(l);
  }
  hits.sort((a, b) => b.capturedAt - a.capturedAt || a.id.localeCompare(b.id));
  return { total: hits.length, leads: hits.slice(q.offset, q.offset + q.limit) };
}
