import type { Clock } from './clock.ts';

export type Config = {
  port: number;
  /** 127.0.0.1 by default: put a TLS proxy in front (or set HOST=0.0.0.0 on a trusted network). */
  host: string;
  dataDir: string;
  /** Enables POST /api/v1/test/clock and a frozen clock (LEADLINE_TEST_CLOCK=1). */
  testClock: boolean;
  /** Largest WebSocket frame accepted; bigger frames close the connection (1009). */
  maxFrameBytes: number;
  maxHttpBodyBytes: number;
  /** Origins besides `chrome-extension://<id>` allowed to call /api/v1 from a browser (CORS). */
  corsOrigins: string[];
  /** Per-connection token bucket over WebSocket messages. */
  rateLimit: { burst: number; perSecond: number };
  /** How often to poll storage's admin-change counter for changes made by the admin CLI. */
  reloadPollMs: number;
  /**
   * Group commit: a team's updates, receipts and decisions are stored (one SQLite transaction) and sent at
   * most once per this many ms; the first after a quiet spell goes at once. 0: once per event-loop turn.
   */
  commitWindowMs: number;
  /** Merge a doc's stored updates into one row once there are more than this many. */
  compactAfter: number;
  /**
   * NORMAL (default): in WAL mode every commit is written to the WAL before it returns, so `kill -9` loses
   * nothing acknowledged; only an OS crash or power cut can drop the last commits (the file stays
   * consistent). FULL also fsyncs each commit: power-cut safe, but ~3 ms per commit on this VM's disk.
   */
  sqliteSync: 'FULL' | 'NORMAL';
  /** Overrides the clock (tests); by default the system clock, or a TestClock when `testClock`. */
  clock?: Clock;
  log: (msg: string, extra?: Record<string, unknown>) => void;
};

export const DEFAULT_CONFIG: Config = {
  port: 1234,
  host: '127.0.0.1',
  dataDir: './data',
  testClock: false,
  maxFrameBytes: 10 * 1024 * 1024,
  maxHttpBodyBytes: 1024 * 1024,
  corsOrigins: [],
  rateLimit: { burst: 1000, perSecond: 200 },
  reloadPollMs: 1000,
  commitWindowMs: 5,
  compactAfter: 500,
  sqliteSync: 'NORMAL',
  log: (msg, extra) => console.log(JSON.stringify({ t: new Date().toISOString(), msg, ...extra })),
};

function int(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/** Reads PORT, HOST, DATA_DIR, LEADLINE_TEST_CLOCK, MAX_FRAME_BYTES, SQLITE_SYNC, COMMIT_WINDOW_MS,
 * COMPACT_AFTER, CORS_ORIGINS. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Config> {
  const out: Partial<Config> = {};
  const port = int('PORT', env.PORT);
  if (port !== undefined) out.port = port;
  if (env.HOST) out.host = env.HOST;
  if (env.DATA_DIR) out.dataDir = env.DATA_DIR;
  if (env.LEADLINE_TEST_CLOCK === '1') out.testClock = true;
  const frame = int('MAX_FRAME_BYTES', env.MAX_FRAME_BYTES);
  if (frame !== undefined) out.maxFrameBytes = frame;
  const window = int('COMMIT_WINDOW_MS', env.COMMIT_WINDOW_MS);
  if (window !== undefined) out.commitWindowMs = window;
  const compact = int('COMPACT_AFTER', env.COMPACT_AFTER);
  if (compact !== undefined) out.compactAfter = compact;
  if (env.CORS_ORIGINS)
    out.corsOrigins = env.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  if (env.SQLITE_SYNC === 'NORMAL' || env.SQLITE_SYNC === 'FULL') out.sqliteSync = env.SQLITE_SYNC;
  return out;
}

export function resolveConfig(partial: Partial<Config>): Config {
  return {
    ...DEFAULT_CONFIG,
    ...partial,
    rateLimit: { ...DEFAULT_CONFIG.rateLimit, ...partial.rateLimit },
  };
}
