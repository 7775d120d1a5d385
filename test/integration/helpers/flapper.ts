import type { Config } from '../../../sync-server/config.ts';
import { startTestServer } from './server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/**
 * A sync server that can be stopped and started again on the same port and data, and made to flap:
 * down/up on a fixed schedule for a while. The schedule is the fault being injected, not a wait for a
 * result, so it uses timers; everything that checks a result polls.
 */
export class FlappingServer {
  private current: Server | undefined;
  private constructor(
    readonly dataDir: string,
    public port: number,
    private readonly opts: Partial<Config>,
  ) {}

  static async start(dataDir: string, opts: Partial<Config> = {}): Promise<FlappingServer> {
    const f = new FlappingServer(dataDir, opts.port ?? 0, opts);
    await f.up();
    return f;
  }

  get server(): Server {
    if (!this.current) throw new Error('the server is down');
    return this.current;
  }
  get isUp(): boolean {
    return this.current !== undefined;
  }
  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/sync`;
  }

  async up(): Promise<void> {
    if (this.current) return;
    this.current = await startTestServer({ ...this.opts, dataDir: this.dataDir, port: this.port });
    this.port = this.current.port;
  }

  async down(): Promise<void> {
    const s = this.current;
    this.current = undefined;
    await s?.teardown(); // dataDir was given: teardown keeps it
  }

  /**
   * Down for `downMs`, up for `upMs`, repeated for about `durationMs`. It ends the moment the server comes back
   * from its last outage, so that "time to converge after the flapping" counts from that instant.
   * Returns the number of outages and when the server came back for good.
   */
  async flap({ durationMs, upMs, downMs }: { durationMs: number; upMs: number; downMs: number }) {
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const end = Date.now() + durationMs;
    let outages = 0;
    for (;;) {
      await this.down();
      outages++;
      await pause(downMs);
      await this.up();
      if (Date.now() + upMs + downMs > end) break;
      await pause(upMs);
    }
    return { outages, backAt: Date.now() };
  }
}
