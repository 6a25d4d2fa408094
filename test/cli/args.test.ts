import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../cli/args.js';

function ok(argv: string[]) {
  const r = parseArgs(argv);
  if (!r.ok) throw new Error(`expected success, got: ${r.error}`);
  return r.options;
}

function err(argv: string[]): string {
  const r = parseArgs(argv);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('parseArgs', () => {
  it('has ESLint-like defaults', () => {
    const o = ok([]);
    expect(o).toMatchObject({ patterns: [], format: 'stylish', fix: false, maxWarnings: -1, quiet: false, version: false, help: false });
    expect(o.color).toBeUndefined();
  });

  it('takes values after a space or an equals sign', () => {
    expect(ok(['--format', 'json', 'src']).format).toBe('json');
    expect(ok(['--format=sarif']).format).toBe('sarif');
    expect(ok(['-f', 'json']).format).toBe('json');
    expect(ok(['-o', 'out.sarif']).outputFile).toBe('out.sarif');
    expect(ok(['--max-warnings=0']).maxWarnings).toBe(0);
  });

  it('collects patterns, also after --', () => {
    expect(ok(['a.c', '--quiet', 'dir', '--', '--odd-name.c']).patterns).toEqual(['a.c', 'dir', '--odd-name.c']);
  });

  it('parses --rule overrides, repeated and comma-separated, with numeric levels', () => {
    expect(ok(['--rule', 'no-dll-load:off', '--rule=a:warn,b:2']).ruleOverrides).toEqual({ 'no-dll-load': 'off', a: 'warn', b: 'error' });
  });

  it('takes a rule with options as JSON', () => {
    expect(ok(['--rule', 'no-dll-load:["error", {"reportDllMain": true}]']).ruleOverrides).toEqual({
      'no-dll-load': ['error', { reportDllMain: true }],
    });
    expect(err(['--rule', 'no-dll-load:["error", {oops}]'])).toMatch(/not valid JSON/);
  });

  it('reports bad input clearly instead of throwing', () => {
    expect(err(['--format', 'xml'])).toMatch(/unknown format "xml".*stylish, json, sarif/);
    expect(err(['--max-warnings', 'many'])).toMatch(/integer/);
    expect(err(['--rule', 'no-dll-load'])).toMatch(/id:level/);
    expect(err(['--rule', 'no-dll-load:loud'])).toMatch(/off, warn or error/);
    expect(err(['--bogus'])).toBe('unknown option --bogus');
    expect(err(['--format'])).toBe('option --format needs a value');
    expect(err(['--fix=yes'])).toBe('option --fix takes no value');
    expect(err(['--fix', '--fix-dry-run'])).toMatch(/cannot be used together/);
  });

  it('takes --cache, --cache-location FILE|FOLDER and --cache-strategy content', () => {
    expect(ok([]).cache).toBe(false);
    expect(ok(['--cache']).cache).toBe(true);
    expect(ok(['--cache', '--cache-location', 'tmp/']).cacheLocation).toBe('tmp/');
    expect(ok(['--cache-location=.lint-cache']).cacheLocation).toBe('.lint-cache');
    expect(ok(['--cache-strategy', 'content']).cache).toBe(false);
    expect(err(['--cache-strategy', 'metadata'])).toMatch(/only content/);
    expect(err(['--cache-location'])).toMatch(/needs a value/);
    expect(err(['--cache=yes'])).toMatch(/takes no value/);
  });

  it('takes --threads as a positive count or auto', () => {
    expect(ok([]).threads).toBe(1);
    expect(ok(['--threads', '2']).threads).toBe(2);
    expect(ok(['--threads=auto']).threads).toBe('auto');
    expect(err(['--threads', '0'])).toMatch(/positive integer or auto/);
  });

  it('knows the flags', () => {
    const o = ok(['--fix', '--quiet', '--no-color', '--version', '--help', '-c', 'x.json', '--print-config', 'a.c']);
    expect(o).toMatchObject({ fix: true, quiet: true, color: false, version: true, help: true, config: 'x.json', printConfig: 'a.c' });
    expect(ok(['--color']).color).toBe(true);
  });
});
