import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../engine/config/config-error.js';
import { closestName } from '../../engine/config/did-you-mean.js';
import { applyRuleOverrides, applySettingsOverrides, defaultConfig, parseConfigText } from '../../engine/config/load-config.js';
import { presetRules } from '../../engine/config/presets.js';
import { fakeRules } from './fake-rules.js';

const FILE = '/proj/coinstaller-lint.json';

describe('presets', () => {
  it('recommended: recommended rules at their default level (problem error, suggestion warn), others off', () => {
    const rules = presetRules('recommended', fakeRules());
    expect(Object.fromEntries(Object.entries(rules).map(([id, r]) => [id, r.severity]))).toEqual({
      'no-exotic': 0,
      'no-ui-call': 2,
      'prefer-finish-install': 1,
      'style-hint': 0,
    });
  });

  it('all: every rule at its default level', () => {
    const rules = presetRules('all', fakeRules());
    expect(Object.fromEntries(Object.entries(rules).map(([id, r]) => [id, r.severity]))).toEqual({
      'no-exotic': 2,
      'no-ui-call': 2,
      'prefer-finish-install': 1,
      'style-hint': 1,
    });
  });

  it('a file without "extends" starts from recommended', () => {
    expect(parseConfigText('{}', FILE, fakeRules()).rules).toEqual(presetRules('recommended', fakeRules()));
  });

  it('options start as the rule\'s defaults, and are copies (changing one config does not change another)', () => {
    const a = presetRules('all', fakeRules());
    (a['no-ui-call'].options[0] as { strict: boolean }).strict = true;
    expect(presetRules('all', fakeRules())['no-ui-call'].options).toEqual([{ strict: false, apis: [] }]);
  });

  it('options in a file are merged over the defaults; a level alone keeps the defaults', () => {
    const config = parseConfigText('{"rules": {"no-ui-call": ["warn", {"apis": ["Foo"]}], "no-exotic": "warn"}}', FILE, fakeRules());
    expect(config.rules['no-ui-call']).toEqual({ severity: 1, options: [{ strict: false, apis: ['Foo'] }] });
    expect(config.rules['no-exotic']).toEqual({ severity: 1, options: ['a'] });
  });
});

describe('applyRuleOverrides (--rule id:level, editor rule settings)', () => {
  const base = () => parseConfigText('{"rules": {"no-ui-call": ["warn", {"strict": true}]}}', FILE, fakeRules());

  it('changes levels and keeps configured options when only a level is given', () => {
    const out = applyRuleOverrides(base(), { 'no-ui-call': 'error', 'style-hint': 1, 'no-exotic': 'off' }, fakeRules());
    expect(out.rules['no-ui-call']).toEqual({ severity: 2, options: [{ strict: true, apis: [] }] });
    expect(out.rules['style-hint'].severity).toBe(1);
    expect(out.rules['no-exotic'].severity).toBe(0);
    expect(out.filePath).toBe(FILE);
  });

  it('[level, options] replaces the options (merged over the rule defaults)', () => {
    const out = applyRuleOverrides(base(), { 'no-ui-call': ['error', { apis: ['X'] }] }, fakeRules());
    expect(out.rules['no-ui-call']).toEqual({ severity: 2, options: [{ strict: false, apis: ['X'] }] });
  });

  it('does not change the config it starts from', () => {
    const b = base();
    applyRuleOverrides(b, { 'no-ui-call': 'off' }, fakeRules());
    expect(b.rules['no-ui-call'].severity).toBe(1);
  });

  it('an unknown rule or a bad level is a ConfigError without a file', () => {
    let error: unknown;
    try {
      applyRuleOverrides(base(), { 'no-ui-cal': 'off' }, fakeRules());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('rules.no-ui-cal: unknown rule (did you mean "no-ui-call"?)');
    expect((error as ConfigError).filePath).toBeNull();
    expect(() => applyRuleOverrides(base(), { 'no-ui-call': 'loud' as 'off' }, fakeRules())).toThrow(
      'rules.no-ui-call: expected one of "off", "warn", "error", 0, 1, 2, or an array [level, ...options], got "loud"',
    );
    expect(() => applyRuleOverrides(base(), { 'no-ui-call': ['warn', { strict: 1 }] }, fakeRules())).toThrow(
      'rules.no-ui-call[1].strict: expected a boolean, got 1',
    );
  });
});

describe('applySettingsOverrides (editor settings)', () => {
  const base = () => parseConfigText('{"settings": {"uiApis": ["A"], "target": "legacy"}}', FILE, fakeRules());

  it('target replaces; lists add to the file\'s lists', () => {
    const out = applySettingsOverrides(base(), { target: 'universal', uiApis: ['B', 'A'], processApis: ['RunIt'] });
    expect(out.settings).toEqual({
      uiApis: ['A', 'B'],
      processApis: ['RunIt'],
      libraryLoadApis: [],
      entryPoints: [],
      interactiveFunctions: [],
      target: 'universal',
    });
    expect(base().settings.uiApis).toEqual(['A']);
  });

  it('undefined values change nothing; bad values are ConfigErrors', () => {
    expect(applySettingsOverrides(base(), { target: undefined }).settings.target).toBe('legacy');
    expect(() => applySettingsOverrides(base(), { target: 'desktop' as 'legacy' })).toThrow(
      'settings.target: expected one of "windows-driver", "universal", "legacy", got "desktop"',
    );
    expect(() => applySettingsOverrides(base(), { colour: 'red' })).toThrow('settings.colour: unknown setting');
  });

  it('works over the built-in defaults', () => {
    expect(applySettingsOverrides(defaultConfig(fakeRules()), { entryPoints: ['MyInstaller'] }).settings.entryPoints).toEqual(['MyInstaller']);
  });
});

describe('a rule whose schema describes the whole options array', () => {
  const rules = new Map([
    [
      'list-rule',
      {
        meta: {
          type: 'problem' as const,
          docs: { description: 'd', guideline: 'g', url: 'u', recommended: false },
          messages: {},
          schema: { type: 'array', items: { type: 'string' }, maxItems: 3 },
        },
        create: () => ({}),
      },
    ],
  ]);

  it('checks the options as one array', () => {
    expect(parseConfigText('{"rules": {"list-rule": ["error", "a", "b"]}}', FILE, rules).rules['list-rule']).toEqual({ severity: 2, options: ['a', 'b'] });
    expect(() => parseConfigText('{"rules": {"list-rule": ["error", "a", 7]}}', FILE, rules)).toThrow(
      `${FILE}:1:40: rules.list-rule[2]: expected a string, got 7`,
    );
    expect(() => parseConfigText('{"rules": {"list-rule": [1, "a", "b", "c", "d"]}}', FILE, rules)).toThrow(
      `${FILE}:1:44: rules.list-rule[4]: too many options: the rule takes at most 3 options`,
    );
  });
});

describe('did you mean', () => {
  it('suggests near names only', () => {
    expect(closestName('no-dll-laod', ['no-dll-load', 'no-ui'])).toBe('no-dll-load'); // a swap is one edit
    expect(closestName('ERROR', ['off', 'warn', 'error'])).toBe('error');
    expect(closestName('c', ['a', 'b'])).toBeUndefined();
    expect(closestName('completely-different', ['no-dll-load'])).toBeUndefined();
  });
});
