import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, test as base, chromium, type Worker } from '@playwright/test';

/** Debian's Chromium: Playwright cannot download its own browsers on these machines. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** The unpacked extension produced by `wxt build`. */
export const EXTENSION_PATH = path.resolve(process.env.LEADLINE_OUT_DIR ?? '.output', 'chrome-mv3');

/**
 * Always the last host-resolver rules: every host not mapped before them resolves to a closed local port,
 * so a test browser never contacts the outside world (not even Chromium's own start-up checks).
 * Do not replace with `MAP * ~NOTFOUND`: its error page runs DNS probes that ignore the rules.
 */
export const CATCH_ALL_HOST_RULES = ['MAP * 127.0.0.1:9', 'EXCLUDE 127.0.0.1', 'EXCLUDE localhost'] as const;

export interface ExtensionLaunchOptions {
  /** Real host name → local `host:port`, e.g. `{ 'mail.google.com': '127.0.0.1:8443' }` for a fixture server. */
  hostMap?: Record<string, string>;
  /** More Chromium flags, e.g. `--ignore-certificate-errors-spki-list=<base64>` for a self-signed fixture. */
  extraArgs?: string[];
}

/** `--host-resolver-rules` value: the given MAPs first, then the catch-all. Rules are comma-separated (`;` is ignored). */
export function hostResolverRules(hostMap: Record<string, string> = {}): string {
  const maps = Object.entries(hostMap).map(([host, target]) => `MAP ${host} ${target}`);
  return [...maps, ...CATCH_ALL_HOST_RULES].join(', ');
}

export function chromiumArgs(options: ExtensionLaunchOptions = {}): string[] {
  return [
    `--disable-extensions-except=${EXTENSION_PATH}`,
    `--load-extension=${EXTENSION_PATH}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--host-resolver-rules=${hostResolverRules(options.hostMap)}`,
    ...(options.extraArgs ?? []),
  ];
}

const isExtensionWorker = (worker: Worker) => worker.url().startsWith('chrome-extension://');

/** The extension's service worker: the running one, or the next one to start (no fixed sleeps). */
export async function extensionServiceWorker(context: BrowserContext, timeout = 15_000): Promise<Worker> {
  // Listen before looking, so a worker that registers in between is not missed.
  const next = context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout });
  const running = context.serviceWorkers().find(isExtensionWorker);
  if (running) {
    next.catch(() => {}); // the unused wait ends on timeout or close; nothing to report
    return running;
  }
  return next;
}

/** `chrome-extension://<id>/...` → `<id>` */
export function extensionIdOf(worker: Worker): string {
  return new URL(worker.url()).host;
}

/**
 * One Chromium profile (a temporary user-data-dir) with the built extension loaded. `relaunch()` closes the
 * browser and starts it again on the same profile (IndexedDB, storage survive); `dispose()` closes it and
 * deletes the profile.
 */
export class ExtensionBrowser {
  private current: { context: BrowserContext; extensionId: string } | undefined;

  private constructor(
    readonly userDataDir: string,
    private readonly options: ExtensionLaunchOptions,
  ) {}

  static async launch(options: ExtensionLaunchOptions = {}): Promise<ExtensionBrowser> {
    if (!existsSync(path.join(EXTENSION_PATH, 'manifest.json'))) {
      throw new Error(`No built extension at ${EXTENSION_PATH}: run \`npx wxt build\` first.`);
    }
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'leadline-profile-'));
    const browser = new ExtensionBrowser(userDataDir, options);
    try {
      await browser.start();
    } catch (error) {
      await browser.dispose();
      throw error;
    }
    return browser;
  }

  get context(): BrowserContext {
    if (!this.current) throw new Error('The browser is not running');
    return this.current.context;
  }

  get extensionId(): string {
    if (!this.current) throw new Error('The browser is not running');
    return this.current.extensionId;
  }

  /** URL of an extension page, e.g. `url('sidepanel.html')`. */
  url(page: string): string {
    return `chrome-extension://${this.extensionId}/${page.replace(/^\//, '')}`;
  }

  async serviceWorker(): Promise<Worker> {
    return extensionServiceWorker(this.context);
  }

  /** Closes the browser and starts it again on the same user-data-dir. */
  async relaunch(): Promise<void> {
    await this.close();
    await this.start();
  }

  async close(): Promise<void> {
    const running = this.current;
    this.current = undefined;
    await running?.context.close();
  }

  /** Closes the browser (if running) and deletes the profile. */
  async dispose(): Promise<void> {
    try {
      await this.close();
    } finally {
      await rm(this.userDataDir, { recursive: true, force: true, maxRetries: 3 });
    }
  }

  private async start(): Promise<void> {
    const context = await chromium.launchPersistentContext(this.userDataDir, {
      executablePath: CHROMIUM_PATH,
      channel: 'chromium',
      headless: true,
      args: chromiumArgs(this.options),
    });
    try {
      const worker = await extensionServiceWorker(context);
      this.current = { context, extensionId: extensionIdOf(worker) };
    } catch (error) {
      await context.close();
      throw error;
    }
  }
}

/**
 * `test` with an `extension` fixture: a fresh profile per test, disposed afterwards.
 * Configure per file with `test.use({ extensionOptions: { hostMap: {...}, extraArgs: [...] } })`.
 */
export const test = base.extend<{ extensionOptions: ExtensionLaunchOptions; extension: ExtensionBrowser }>({
  extensionOptions: [{}, { option: true }],
  extension: async ({ extensionOptions }, use) => {
    const browser = await ExtensionBrowser.launch(extensionOptions);
    try {
      await use(browser);
    } finally {
      await browser.dispose();
    }
  },
});

export { expect } from '@playwright/test';
