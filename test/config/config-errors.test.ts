import { describe, expect, it } from 'vitest';
import { ConfigError, pointerToPath } from '../../engine/config/config-error.js';
import { parseConfigText } from '../../engine/config/load-config.js';
import { fakeRules } from './fake-rules.js';

const FILE = '/proj/coinstaller-lint.json';

function errorOf(text: string): ConfigError {
  try {
    parseConfigText(text, FILE, fakeRules());
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('config errors name the file, line:column, key and what was expected', () => {
  it('an unknown rule id, with the nearest id suggested', () => {
    const text = ['{', '  "rules": {', '    "no-ui-cal": "error"', '  }', '}'].join('\n');
    const e = errorOf(text);
    expect(e.message).toBe(`${FILE}:3:5: rules.no-ui-cal: unknown rule (did you mean "no-ui-call"?)`);
    expect(e).toMatchObject({ filePath: FILE, pointer: '/rules/no-ui-cal', line: 3, column: 5, expected: 'the id of a built-in rule' });
    expect(text.slice(...e.range!)).toBe('"no-ui-cal"');
  });

  it('an unknown rule with no near id gets no suggestion', () => {
    expect(errorOf('{"rules": {"something-else-entirely": 2}}').message).toBe(`${FILE}:1:12: rules.something-else-entirely: unknown rule`);
  });

  it('a bad level points at the value', () => {
    const text = '{\n  "rules": { "no-ui-call": "eror" }\n}';
    const e = errorOf(text);
    expect(e.message).toBe(
      `${FILE}:2:28: rules.no-ui-call: expected one of "off", "warn", "error", 0, 1, 2, or an array [level, ...options], got "eror" (did you mean "error"?)`,
    );
    expect(text.slice(...e.range!)).toBe('"eror"');
  });

  it('"warning" and numbers out of range are bad levels', () => {
    expect(errorOf('{"rules": {"no-ui-call": "warning"}}').message).toContain('got "warning" (did you mean "warn"?)');
    expect(errorOf('{"rules": {"no-ui-call": 3}}').message).toContain('got 3');
    const e = errorOf('{"rules": {"no-ui-call": ["on"]}}');
    expect(e).toMatchObject({ pointer: '/rules/no-ui-call/0', line: 1, column: 27, expected: 'one of "off", "warn", "error", 0, 1, 2' });
    expect(errorOf('{"rules": {"no-ui-call": []}}').message).toContain('got an empty array');
  });

  it('options checked against the rule schema: wrong type', () => {
    const text = '{"rules": {"no-ui-call": ["warn", {"strict": "yes"}]}}';
    const e = errorOf(text);
    expect(e.message).toBe(`${FILE}:1:46: rules.no-ui-call[1].strict: expected a boolean, got "yes"`);
    expect(e.pointer).toBe('/rules/no-ui-call/1/strict');
    expect(text.slice(...e.range!)).toBe('"yes"');
  });

  it('options: an unknown option is shown on its key, with a suggestion', () => {
    const text = '{"rules": {"no-ui-call": ["warn", {"strcit": true}]}}';
    const e = errorOf(text);
    expect(e.message).toBe(`${FILE}:1:36: rules.no-ui-call[1].strcit: unknown option "strcit" (did you mean "strict"?)`);
    expect(text.slice(...e.range!)).toBe('"strcit"');
  });

  it('options: a nested array item, an enum, too many options, options for a rule without any', () => {
    expect(errorOf('{"rules": {"no-ui-call": [2, {"apis": ["A", 5]}]}}')).toMatchObject({ pointer: '/rules/no-ui-call/1/apis/1', column: 45 });
    expect(errorOf('{"rules": {"no-exotic": [2, "c"]}}').message).toBe(`${FILE}:1:29: rules.no-exotic[1]: expected one of "a", "b", got "c"`);
    expect(errorOf('{"rules": {"no-exotic": [2, "a", "b"]}}').message).toBe(
      `${FILE}:1:34: rules.no-exotic[2]: too many options: the rule takes at most 1 option`,
    );
    expect(errorOf('{"rules": {"style-hint": ["warn", {}]}}').message).toBe(`${FILE}:1:35: rules.style-hint[1]: rule style-hint takes no options`);
  });

  it('unknown top-level keys, and keys that would load code', () => {
    expect(errorOf('{"rule": {}}').message).toBe(`${FILE}:1:2: rule: unknown key (did you mean "rules"?)`);
    expect(errorOf('{"plugins": ["x"]}').message).toBe(`${FILE}:1:2: plugins: plugins are not supported: a config never loads code`);
    expect(errorOf('{"parser": "x"}').problem).toContain('never loads code');
  });

  it('extends names only the two presets', () => {
    expect(errorOf('{"extends": "recomended"}').message).toBe(`${FILE}:1:13: extends: expected "recommended" or "all", got "recomended" (did you mean "recommended"?)`);
    expect(errorOf('{"extends": "./base.json"}').message).toContain('a config cannot extend files or packages');
    expect(errorOf('{"extends": ["recommended"]}')).toMatchObject({ pointer: '/extends', expected: '"recommended" or "all"' });
  });

  it('wrong types for rules, ignores, settings, $schema, reportUnusedDisableDirectives', () => {
    expect(errorOf('{"rules": []}')).toMatchObject({ pointer: '/rules', column: 11, expected: 'an object' });
    expect(errorOf('{"ignores": "build"}')).toMatchObject({ pointer: '/ignores', expected: 'an array of strings' });
    expect(errorOf('{"ignores": [""]}')).toMatchObject({ pointer: '/ignores/0' });
    expect(errorOf('{"settings": 1}')).toMatchObject({ pointer: '/settings', expected: 'an object' });
    expect(errorOf('{"$schema": 1}')).toMatchObject({ pointer: '/$schema', expected: 'a string' });
    expect(errorOf('{"reportUnusedDisableDirectives": true}').message).toBe(
      `${FILE}:1:35: reportUnusedDisableDirectives: expected one of "off", "warn", "error", 0, 1, 2, got true`,
    );
  });

  it('settings: unknown keys, bad names, bad target', () => {
    expect(errorOf('{"settings": {"uiApi": []}}').message).toBe(`${FILE}:1:15: settings.uiApi: unknown setting (did you mean "uiApis"?)`);
    expect(errorOf('{"settings": {"uiApis": "MessageBoxW"}}')).toMatchObject({ pointer: '/settings/uiApis', expected: 'an array of strings' });
    expect(errorOf('{"settings": {"entryPoints": ["ok", "not a name"]}}')).toMatchObject({
      pointer: '/settings/entryPoints/1',
      column: 37,
      expected: 'a C identifier',
    });
    expect(errorOf('{"settings": {"target": "universl"}}').message).toBe(
      `${FILE}:1:25: settings.target: expected one of "windows-driver", "universal", "legacy", got "universl" (did you mean "universal"?)`,
    );
  });

  it('ignores: absolute paths, "..", backslashes', () => {
    expect(errorOf('{"ignores": ["/etc/x"]}').problem).toContain('absolute paths are not allowed');
    expect(errorOf('{"ignores": ["C:/x"]}').problem).toContain('absolute paths are not allowed');
    expect(errorOf('{"ignores": ["a/../../x"]}').problem).toContain('outside the config file\'s folder');
    expect(errorOf('{"ignores": ["!../x"]}').problem).toContain('outside the config file\'s folder');
    expect(errorOf('{"ignores": ["build\\\\gen"]}').problem).toContain('forward slashes');
  });

  it('text that is not JSON: line:column and what was expected', () => {
    const text = '{\r\n  "rules": {\r\n    "no-ui-call": "error"\r\n    "no-exotic": "off"\r\n  }\r\n}';
    const e = errorOf(text);
    expect(e.message).toBe(`${FILE}:4:5: rules: unexpected '"' after the value of "no-ui-call" (expected "," or "}")`);
    expect(e.range).toEqual([48, 49]); // line 4 starts at 44 (CRLF line ends), four spaces of indent
    expect(errorOf('not json at all').message).toBe(
      `${FILE}:1:1: unexpected word "not" (expected a value (string, number, object, array, true, false or null))`,
    );
    expect(errorOf('[]').message).toBe(`${FILE}:1:1: expected an object { ... } at the top of the file, got an array`);
    expect(errorOf('').message).toBe(`${FILE}:1:1: the file is empty (expected a JSON object)`);
  });

  it('the key in a message is written as people write keys', () => {
    expect(pointerToPath('/rules/no-ui-call/1/strict')).toBe('rules.no-ui-call[1].strict');
    expect(pointerToPath('/settings/a~1b/0')).toBe('settings.a/b[0]');
    expect(pointerToPath('')).toBe('');
  });
});

describe('valid configs', () => {
  it('comments, a BOM and trailing commas are fine', () => {
    const text = '\uFEFF{\n  // levels\n  "rules": { /* inline */ "no-exotic": ["warn", "b",], },\n}\n';
    const config = parseConfigText(text, FILE, fakeRules());
    expect(config.rules['no-exotic']).toEqual({ severity: 1, options: ['b'] });
  });

  it('every key at once', () => {
    const config = parseConfigText(
      JSON.stringify({
        $schema: './node_modules/coinstaller-lint/schema/coinstaller-lint.schema.json',
        extends: 'all',
        rules: { 'no-ui-call': ['error', { strict: true }], 'style-hint': 0 },
        ignores: ['build/**', '!build/keep.c'],
        settings: { uiApis: ['ShowMyDialog', 'ShowMyDialog'], entryPoints: ['MyCoInstaller'], target: 'legacy' },
        reportUnusedDisableDirectives: 'error',
      }),
      FILE,
      fakeRules(),
    );
    expect(config).toEqual({
      filePath: FILE,
      rules: {
        'no-exotic': { severity: 2, options: ['a'] },
        'no-ui-call': { severity: 2, options: [{ strict: true, apis: [] }] },
        'prefer-finish-install': { severity: 1, options: [] },
        'style-hint': { severity: 0, options: [] },
      },
      settings: {
        uiApis: ['ShowMyDialog'],
        processApis: [],
        libraryLoadApis: [],
        entryPoints: ['MyCoInstaller'],
        interactiveFunctions: [],
        target: 'legacy',
      },
      ignores: ['build/**', '!build/keep.c'],
      reportUnusedDisableDirectives: 2,
    });
  });
});
