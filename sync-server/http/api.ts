import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCommand } from '../../shared/decide.ts';
import type { Verdict } from '../../shared/sync-docs.ts';
import { authenticate, bearer } from '../auth/tokens.ts';
import type { Authority } from '../authority/authority.ts';
import type { Clock, TestClock } from '../clock.ts';
import type { Principal, Storage } from '../storage/storage.ts';
import { joinPage } from './join-page.ts';
import { parseLeadQuery, queryLeads } from './leads-query.ts';
import { corsHeaders, HttpError, readJson, sendError, sendHtml, sendJson, sendPreflight } from './respond.ts';

export type ApiContext = {
  storage: Storage;
  authority: Authority;
  clock: Clock;
  /** Present only when started with the test clock. */
  testClock: TestClock | null;
  maxBodyBytes: number;
  /** Origins besides Chrome extensions that may call /api/v1 from a browser (CORS_ORIGINS). */
  corsOrigins: readonly string[];
  log: (msg: string, extra?: Record<string, unknown>) => void;
};

const API = '/api/v1';
const notFound = () => new HttpError(404, 'NOT_FOUND', 'No such resource.');

/** The HTTP API (PROTOCOL.md): JSON in, JSON out, every error as `{ error, message }`. */
export function createApi(ctx: ApiContext) {
  function principal(req: IncomingMessage): Principal {
    const p = authenticate(ctx.storage, bearer(req.headers.authorization));
    if (!p) throw new HttpError(401, 'UNAUTHORIZED', 'A valid bearer token is required.');
    return p;
  }

  function team(p: Principal) {
    const t = ctx.authority.teams.get(p.team.id);
    if (!t) throw new HttpError(503, 'UNAVAILABLE', 'The team is loading; retry in a second.');
    return t;
  }

  async function postCommand(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const p = principal(req);
    const body = await readJson(req, ctx.maxBodyBytes);
    const parsed = parseCommand(body);
    if (!parsed.ok) {
      throw new HttpError(400, 'INVALID_COMMAND', 'The command does not match its schema.', {
        issues: parsed.issues,
      });
    }
    const { verdict, lead } = await ctx.authority.submit(team(p).id, p.user.id, parsed.command);
    sendVerdict(res, verdict, lead);
  }

  async function setClock(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!ctx.testClock) throw notFound();
    const p = principal(req);
    if (p.user.role !== 'admin') throw new HttpError(403, 'FORBIDDEN', 'Only an admin may set the clock.');
    const body = (await readJson(req, ctx.maxBodyBytes)) as { now?: unknown };
    const at = typeof body?.now === 'string' ? Date.parse(body.now) : Number.NaN;
    if (Number.isNaN(at)) {
      throw new HttpError(400, 'INVALID_CLOCK', 'Send {"now": "<ISO-8601 date-time>"}.', {
        issues: [{ path: 'now', message: 'an ISO-8601 date-time' }],
      });
    }
    try {
      ctx.testClock.set(at);
    } catch (err) {
      throw new HttpError(409, 'CLOCK_BACKWARDS', (err as Error).message);
    }
    await ctx.authority.runAllTimers();
    sendJson(res, 200, { now: new Date(at).toISOString() });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (path.startsWith(`${API}/`)) {
      const cors = corsHeaders(req.headers.origin, ctx.corsOrigins);
      for (const [k, v] of Object.entries(cors ?? {})) res.setHeader(k, v);
      if (method === 'OPTIONS') {
        if (!cors)
          throw new HttpError(403, 'ORIGIN_NOT_ALLOWED', 'This origin may not call the API from a browser.');
        return sendPreflight(res, req.headers['access-control-request-private-network'] === 'true');
      }
    }
    if (path === '/join' && method === 'GET') {
      const link = `http://${req.headers.host ?? 'localhost'}/join?token=${url.searchParams.get('token') ?? ''}`;
      return sendHtml(res, 200, joinPage(link, url.searchParams.get('token')));
    }
    if (!path.startsWith(`${API}/`)) throw notFound();
    const sub = path.slice(API.length);
    const allow = (m: string) => {
      if (method !== m) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `Use ${m} for ${path}.`);
    };
    if (sub === '/health') {
      allow('GET');
      return sendJson(res, 200, { status: 'ok', now: new Date(ctx.clock.now()).toISOString() });
    }
    if (sub === '/me') {
      allow('GET');
      const p = principal(req);
      const { id, name, role } = p.user;
      return sendJson(res, 200, { user: { id, name, role }, team: { id: p.team.id, name: p.team.name } });
    }
    if (sub === '/commands') {
      allow('POST');
      return postCommand(req, res);
    }
    if (sub === '/test/clock') {
      if (!ctx.testClock) throw notFound();
      allow('POST');
      return setClock(req, res);
    }
    if (sub === '/leads') {
      allow('GET');
      const t = team(principal(req));
      const q = parseLeadQuery(url.searchParams);
      return sendJson(res, 200, {
        ...queryLeads(t.state.leads.values(), q),
        limit: q.limit,
        offset: q.offset,
      });
    }
    const m = sub.match(/^\/leads\/([^/]+)$/);
    if (m) {
      allow('GET');
      const t = team(principal(req));
      let id: string;
      try {
        id = decodeURIComponent(m[1]);
      } catch {
        throw new HttpError(400, 'BAD_REQUEST', 'The lead id in the path is not valid URL encoding.');
      }
      const lead = t.state.leads.get(id);
      if (!lead)
        throw new HttpError(404, 'UNKNOWN_LEAD', 'This lead does not exist or is not visible to you.');
      return sendJson(res, 200, { lead, events: ctx.storage.leadEvents(t.id, id) });
    }
    throw notFound();
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else if (err instanceof HttpError) sendError(res, err);
      else {
        ctx.log('http handler failed', { url: req.url, error: String(err) });
        sendError(
          res,
          new HttpError(500, 'INTERNAL', 'The server failed; retrying the same command is safe.'),
        );
      }
    });
  };
}

function sendVerdict(res: ServerResponse, verdict: Verdict, lead: unknown): void {
  const { code, message, hint, details } = verdict;
  if (verdict.status === 'accepted') sendJson(res, 200, { status: 'accepted', verdict, lead });
  else if (code === 'INVALID_COMMAND') {
    sendJson(res, 400, { error: code, message, issues: details?.issues ?? [], verdict });
  } else {
    const extra = { ...(hint ? { hint } : {}), ...(details ? { details } : {}) };
    sendJson(res, 409, { error: code, message, ...extra, verdict });
  }
}
