/**
 * The rest of the public API (api/index.ts): the built-in rules and their metadata, the
 * configuration lookup, the formatters and the package version.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, configFor, FORMATTER_NAMES, formatResults, type LintResult, packageVersion, ruleDocUrl, rules } from '../../api/index.js';
import { builtinRules } from '../../rules/index.js';

const root = join(import.meta.dirname, '../..');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cil-api-misc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('rules', () => {
  it('holds the built-in rules by id, in the order of the guidelines, each with its page', () => {
    // the same rules as the registry the generator writes (rules/index.ts), none lost on the way
    expect([...rules.keys()]).toEqual([...builtinRules.keys()]);
    expect([...rules.keys()].slice(0, 3)).toEqual(['no-ui-outside-finish-install', 'no-interactive-windowstation-error', 'no-state-in-dll']);
    const ui = rules.get('no-ui-outside-finish-install')!;
    expect(ui.meta.type).toBe('problem');
    expect(ui.meta.docs.guideline).toBe('Displaying a user interface');
    for (const [id, rule] of rules) {
      expect(rule.meta.docs.url).toBe(ruleDocUrl(id));
      expect(existsSync(fileURLToPath(rule.meta.docs.url)), id).toBe(true);
    }
  });
});

describe('configFor', () => {
  it('gives the built-in defaults when no coinstaller-lint.json applies', () => {
    const config = configFor('a.c', { cwd: dir });
    expect(config.filePath).toBeNull();
    expect(config.rules['no-ui-outside-finish-install'].severity).toBe(2);
  });

  it('finds the config from the file upward, and applies rule overrides over it', () => {
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'coinstaller-lint.json'), JSON.stringify({ rules: { 'no-dll-load': 'warn' }, settings: { uiApis: ['ShowVendorDialog'] } }));
    const config = configFor('src/a.c', { cwd: dir });
    expect(config.filePath).toBe(join(dir, 'coinstaller-lint.json'));
    expect(config.rules['no-dll-load'].severity).toBe(1);
    expect(config.settings.uiApis).toEqual(['ShowVendorDialog']);
    expect(configFor(join(dir, 'src/a.c'), { ruleOverrides: { 'no-dll-load': 'off' } }).rules['no-dll-load'].severity).toBe(0);
  });

  it('reads one given config file instead, and throws ConfigError when it is invalid', () => {
    writeFileSync(join(dir, 'strict.json'), JSON.stringify({ rules: { 'no-state-in-dll': 'off' } }));
    expect(configFor('/elsewhere/a.c', { cwd: dir, configFile: 'strict.json' }).rules['no-state-in-dll'].severity).toBe(0);
    writeFileSync(join(dir, 'broken.json'), '{ "rules": { "no-state-in-dll": "loud" } }');
    expect(() => configFor('a.c', { cwd: dir, configFile: 'broken.json' })).toThrow(ConfigError);
  });
});

describe('formatResults', () => {
  const result: LintResult = {
    filePath: '/src/ci.c',
    messages: [
      { ruleId: 'no-dll-load', severity: 2, message: 'LoadLibraryW loads a DLL.', line: 3, column: 5, endLine: 3, endColumn: 17, range: [20, 32] },
    ],
    errorCount: 1,
    warningCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };

  it('formats as the command line does: stylish, json, sarif', () => {
    expect(FORMATTER_NAMES).toEqual(['stylish', 'json', 'sarif']);
    const stylish = formatResults([result], 'stylish', { cwd: '/src' });
    // the path relative to cwd, then the finding (as ESLint's stylish, without the final period)
    expect(stylish).toContain('ci.c\n  3:5  error  LoadLibraryW loads a DLL  no-dll-load\n');
    expect(stylish).not.toContain('\x1b[');
    expect(formatResults([result], 'stylish', { cwd: '/src', color: true })).toContain('\x1b[');

    const json = JSON.parse(formatResults([result], 'json')) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    expect(json.map((r) => [r.filePath, r.messages.map((m) => `${m.line} ${m.ruleId}`)])).toEqual([['/src/ci.c', ['3 no-dll-load']]]);

    const sarif = JSON.parse(formatResults([result], 'sarif', { cwd: '/src' })) as { runs: { tool: { driver: { name: string; version: string; rules: unknown[] } } }[] };
    expect(sarif.runs[0].tool.driver.version).toBe(packageVersion());
    expect(sarif.runs[0].tool.driver.rules).toHaveLength(builtinRules.size);
  });

  it('refuses a format it does not know', () => {
    expect(() => formatResults([result], 'toString' as never)).toThrow("unknown format 'toString' (known: stylish, json, sarif)");
  });
});

describe('packageVersion', () => {
  it("is package.json's", () => {
    expect(packageVersion()).toBe((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
