/**
 * Keys named like Object.prototype members ("constructor", "__proto__", "toString") are ordinary
 * unknown keys: lookups by a user-given key use own properties only (engine/config/config-validation.ts,
 * cli/args.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../cli/args.js';
import { ConfigError } from '../../engine/config/config-error.js';
import { applyRuleOverrides, parseConfigText } from '../../engine/config/load-config.js';
import { fakeRules } from './fake-rules.js';

const FILE = '/proj/coinstaller-lint.json';

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('config keys named like Object.prototype members', () => {
  for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`top-level "${key}" is an unknown key, named`, () => {
      const e = errorOf(() => parseConfigText(`{"${key}": 1}`, FILE, fakeRules()));
      expect(e.message).toBe(`${FILE}:1:2: ${key}: unknown key`);
      expect(e.message).not.toMatch(/native code|\[object Object\]/);
    });

    it(`rule "${key}" in the config is an unknown rule`, () => {
      const e = errorOf(() => parseConfigText(`{"rules": {"${key}": "warn"}}`, FILE, fakeRules()));
      expect(e.message).toBe(`${FILE}:1:12: rules.${key}: unknown rule`);
    });

    it(`--rule ${key}:warn is an error naming the unknown rule`, () => {
      const parsed = parseArgs(['--rule', `${key}:warn`, 'a.c']);
      if (!parsed.ok) throw new Error(`parseArgs failed: ${parsed.error}`);
      expect(Object.keys(parsed.options.ruleOverrides)).toEqual([key]);
      const rules = fakeRules();
      const base = parseConfigText('{}', FILE, rules);
      const e = errorOf(() => applyRuleOverrides(base, parsed.options.ruleOverrides, rules));
      expect(e.message).toContain(`rules.${key}: unknown rule`);
    });
  }

  it('--rule no-dll-load:constructor is a bad level, not a function', () => {
    const parsed = parseArgs(['--rule', 'no-dll-load:constructor', 'a.c']);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toBe('--rule no-dll-load: level must be off, warn or error, got "constructor"');
  });
});
