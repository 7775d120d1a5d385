import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export type ChildServer = {
  child: ChildProcess;
  port: number;
  httpUrl: string;
  wsUrl: string;
  /** SIGKILL: no shutdown hook runs, exactly like a crash. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
};

/** Runs `sync-server/main.ts` in its own process (as `npm run server` does); resolves once it listens. */
export function spawnServer(
  dataDir: string,
  port = 0,
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${stderr}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      let msg: { msg?: string; port?: number };
      try {
        msg = JSON.parse(line);
      } catch {
        return;
      }
      if (msg.msg !== 'sync server listening' || !msg.port) return;
      const base = `127.0.0.1:${msg.port}`;
      resolve({
        child,
        port: msg.port,
        httpUrl: `http://${base}`,
        wsUrl: `ws://${base}/sync`,
        async kill9() {
          child.kill('SIGKILL');
          await exited;
        },
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
