import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTS } from '../page-context';
import { ADAPTERS, adapterFor } from './registry';

/** Convention test (STYLE 10): every adapter is registered, has its selectors file, tests and an entrypoint. */
const HOSTS_DIR = import.meta.dirname;
const ENTRYPOINTS = path.resolve(HOSTS_DIR, '../entrypoints');
const contentScripts = readdirSync(ENTRYPOINTS)
  .filter((file) => file.endsWith('.content.ts'))
  .map((file) => readFileSync(path.join(ENTRYPOINTS, file), 'utf8'));
const allTests = readdirSync(HOSTS_DIR, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => readFileSync(path.join(HOSTS_DIR, file), 'utf8'))
  .join('\n');
const wxtConfig = readFileSync(path.resolve(HOSTS_DIR, '../../wxt.config.ts'), 'utf8');

describe('host adapter registry', () => {
  it('registers one adapter per host site of the page-context contract', () => {
    expect(ADAPTERS.map((a) => a.host).sort()).toEqual(HOSTS.filter((h) => h !== 'page').sort());
  });

  it.each(ADAPTERS.map((a) => [a.host, a] as const))(
    '%s: selectors.ts, a test, an entrypoint, a framable sidebar',
    (host, adapter) => {
      const selectors = path.join(HOSTS_DIR, host, 'selectors.ts');
      expect(existsSync(selectors), `${host}/selectors.ts`).toBe(true);
      const constant = readFileSync(selectors, 'utf8').match(/export const (\w+)/)?.[1];
      expect(allTests, `a test uses ${constant}`).toContain(constant);
      for (const pattern of adapter.matchPatterns) {
        expect(
          contentScripts.some((source) => source.includes(`'${pattern}'`)),
          `entrypoint matches ${pattern}`,
        ).toBe(true);
        const origin = pattern.replace(/^(https:\/\/[^/]+)\/.*$/, '$1/*');
        expect(wxtConfig, `web_accessible_resources for ${origin}`).toContain(`'${origin}'`);
      }
    },
  );

  it('adapterFor picks by URL and tolerates junk', () => {
    expect(adapterFor('https://mail.google.com/mail/u/0/#inbox')?.host).toBe('gmail');
    expect(adapterFor('https://outlook.office365.com/mail/')?.host).toBe('outlook');
    expect(adapterFor('https://example.com/')).toBeUndefined();
    expect(adapterFor('not a url')).toBeUndefined();
  });
});
