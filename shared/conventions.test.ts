import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands/index.ts';
import { REJECTION_CODES } from './rejections.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

/** Keeps the layout honest: every command has a schema, a rule, a test and a PROTOCOL.md entry. */
const here = new URL('.', import.meta.url);
const protocol = readFileSync(new URL('PROTOCOL.md', here), 'utf8');
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const HELPERS = new Set(['define.ts', 'index.ts', 'quota.ts']);

describe('every command', () => {
  it.each(COMMANDS.map((c) => [c.type, c] as const))(
    '%s has a schema, a rule, a test file and a PROTOCOL.md entry',
    (type, def) => {
      expect(def.schema.shape.type.value).toBe(type);
      expect(typeof def.decide).toBe('function');
      expect(def.roles.length).toBeGreaterThan(0);
      expect(existsSync(new URL(`commands/${kebab(type)}.ts`, here)), `commands/${kebab(type)}.ts`).toBe(
        true,
      );
      expect(
        existsSync(new URL(`commands/${kebab(type)}.test.ts`, here)),
        `commands/${kebab(type)}.test.ts`,
      ).toBe(true);
      expect(protocol, `PROTOCOL.md has no "### \`${type}\`" section`).toContain(`### \`${type}\``);
    },
  );

  it('every command file is registered', () => {
    const files = readdirSync(new URL('commands/', here)).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !HELPERS.has(f),
    );
    expect(files.sort()).toEqual(COMMANDS.map((c) => `${kebab(c.type)}.ts`).sort());
  });
});

describe('PROTOCOL.md', () => {
  it.each(Object.keys(REJECTION_CODES))('documents the rejection code %s', (code) => {
    expect(protocol).toContain(`\`${code}\``);
  });

  it.each(Object.keys(DEFAULT_SETTINGS))('documents the setting %s', (key) => {
    expect(protocol).toContain(`\`${key}\``);
  });
});
