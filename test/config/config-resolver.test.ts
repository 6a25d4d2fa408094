import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../engine/config/config-error.js';
import { ConfigResolver } from '../../engine/config/load-config.js';
import { fakeRules } from './fake-rules.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'coinstaller-lint-config-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(relPath: string, text: string | Uint8Array): string {
  const path = join(root, relPath);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function thrown(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('ConfigResolver: which file applies', () => {
  it('finds the nearest coinstaller-lint.json upward from the file', () => {
    const top = write('coinstaller-lint.json', '{"rules": {"no-ui-call": "warn"}}');
    const inner = write('pkg/sub/coinstaller-lint.json', '{"extends": "all"}');
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, stopAt: root });

    const deep = resolver.configFor(join(root, 'pkg/sub/deeper/x.c'));
    expect(deep.filePath).toBe(inner);
    expect(deep.rules['style-hint'].severity).toBe(1); // "all"

    const beside = resolver.configFor(join(root, 'pkg/y.c'));
    expect(beside.filePath).toBe(top);
    expect(beside.rules['no-ui-call'].severity).toBe(1);
    // The nearest file is the whole story: the inner file does not inherit the top's rule levels.
    expect(deep.rules['no-ui-call'].severity).toBe(2);
  });

  it('uses the recommended defaults when there is no file', () => {
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, stopAt: root });
    const config = resolver.configFor(join(root, 'a/b.c'));
    expect(config.filePath).toBeNull();
    expect(config.rules).toEqual({
      'no-exotic': { severity: 0, options: ['a'] },
      'no-ui-call': { severity: 2, options: [{ strict: false, apis: [] }] },
      'prefer-finish-install': { severity: 1, options: [] },
      'style-hint': { severity: 0, options: [] },
    });
    expect(config.settings.target).toBe('windows-driver');
    expect(config.reportUnusedDisableDirectives).toBe(1);
    expect(config.ignores).toEqual([]);
  });

  it('stops searching at stopAt', () => {
    write('coinstaller-lint.json', '{"extends": "all"}');
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, stopAt: join(root, 'inner') });
    expect(resolver.configFor(join(root, 'inner/x.c')).filePath).toBeNull();
  });

  it('resolves relative file paths against cwd', () => {
    const top = write('coinstaller-lint.json', '{}');
    const resolver = new ConfigResolver(fakeRules(), { cwd: join(root, 'src'), stopAt: root });
    expect(resolver.configFor('x.c').filePath).toBe(top);
  });

  it('--config names one file for every linted file, and nearer files are not read', () => {
    write('pkg/coinstaller-lint.json', '{"extends": "all"}');
    const chosen = write('configs/strict.json', '{"rules": {"no-ui-call": "off"}}');
    const reads: string[] = [];
    const resolver = new ConfigResolver(fakeRules(), {
      cwd: root,
      configFile: 'configs/strict.json',
      readFile: (p) => (reads.push(p), readText(p)),
    });
    const config = resolver.configFor(join(root, 'pkg/x.c'));
    expect(config.filePath).toBe(chosen);
    expect(config.rules['no-ui-call'].severity).toBe(0);
    expect(config.rules['style-hint'].severity).toBe(0); // recommended, not the pkg file's "all"
    expect(reads).toEqual([chosen]);
  });

  it('--config naming a missing file is a ConfigError naming it relative to cwd', () => {
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, configFile: join(root, 'nope.json') });
    const e = thrown(() => resolver.configFor(join(root, 'x.c')));
    expect(e.message).toBe('nope.json: no such file');
    expect(e.filePath).toBe(join(root, 'nope.json'));
    expect(e.pointer).toBe('');
  });
});

describe('ConfigResolver: ignores', () => {
  it('are relative to the folder of the config that applies, not to cwd', () => {
    write('pkg/coinstaller-lint.json', '{"ignores": ["gen/**"]}');
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, stopAt: root });
    expect(resolver.isIgnored(join(root, 'pkg/gen/a.c'))).toBe(true);
    expect(resolver.isIgnored(join(root, 'pkg/src/gen/a.c'))).toBe(false);
    expect(resolver.isIgnored(join(root, 'gen/a.c'))).toBe(false); // no config applies up here
    expect(resolver.isIgnored(join(root, 'pkg/src/a.c'))).toBe(false);
  });

  it('a nearer config without ignores does not inherit the outer ignores', () => {
    write('coinstaller-lint.json', '{"ignores": ["*.c"]}');
    write('inner/coinstaller-lint.json', '{}');
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, stopAt: root });
    expect(resolver.isIgnored(join(root, 'a.c'))).toBe(true);
    expect(resolver.isIgnored(join(root, 'inner/a.c'))).toBe(false);
  });

  it('with --config, they are relative to that file\'s folder', () => {
    write('configs/ci.json', '{"ignores": ["*.gen.c"]}');
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, configFile: join(root, 'configs/ci.json') });
    // "*.gen.c" has no slash: it matches at any depth, but only under configs/.
    expect(resolver.isIgnored(join(root, 'configs/x/a.gen.c'))).toBe(true);
    expect(resolver.isIgnored(join(root, 'src/a.gen.c'))).toBe(false);
  });
});

describe('ConfigResolver: caching', () => {
  it('reads each folder and each config file once', () => {
    const config = write('coinstaller-lint.json', '{}');
    const reads: string[] = [];
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, stopAt: root, readFile: (p) => (reads.push(p), readText(p)) });
    const first = resolver.configFor(join(root, 'a/b/one.c'));
    const second = resolver.configFor(join(root, 'a/b/two.c'));
    const third = resolver.configFor(join(root, 'a/three.c'));
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(reads).toEqual([join(root, 'a/b/coinstaller-lint.json'), join(root, 'a/coinstaller-lint.json'), config]);
  });

  it('a broken config is read once and reported for every file under it', () => {
    write('coinstaller-lint.json', '{"rules": {"nope": 2}}');
    let reads = 0;
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, stopAt: root, readFile: (p) => (reads++, readText(p)) });
    const a = thrown(() => resolver.configFor(join(root, 'a.c')));
    const b = thrown(() => resolver.configFor(join(root, 'b.c')));
    expect(b).toBe(a);
    expect(reads).toBe(1);
  });

  it('clearCache reads changed files again', () => {
    const path = write('coinstaller-lint.json', '{"extends": "recommended"}');
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, stopAt: root });
    expect(resolver.configFor(join(root, 'x.c')).rules['style-hint'].severity).toBe(0);
    writeFileSync(path, '{"extends": "all"}');
    expect(resolver.configFor(join(root, 'x.c')).rules['style-hint'].severity).toBe(0);
    resolver.clearCache();
    expect(resolver.configFor(join(root, 'x.c')).rules['style-hint'].severity).toBe(1);
  });
});

describe('ConfigResolver: broken and unreadable configs are ConfigErrors, not crashes', () => {
  it('a config that is not JSON names the file relative to cwd, line and column', () => {
    write('pkg/coinstaller-lint.json', '{\n  "rules": {\n    no-ui-call: "off"\n  }\n}\n');
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, stopAt: root });
    const e = thrown(() => resolver.configFor(join(root, 'pkg/x.c')));
    expect(e.message).toBe(
      `${join('pkg', 'coinstaller-lint.json')}:3:5: rules: unexpected word "no" in an object (expected a property name in double quotes or "}")`,
    );
    expect(e.filePath).toBe(join(root, 'pkg/coinstaller-lint.json'));
  });

  it('a folder named coinstaller-lint.json', () => {
    mkdirSync(join(root, 'coinstaller-lint.json'));
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, stopAt: root });
    expect(thrown(() => resolver.configFor(join(root, 'x.c'))).message).toBe('coinstaller-lint.json: cannot be read: it is a folder, not a file');
  });

  it('a file that cannot be read (permission denied)', () => {
    const resolver = new ConfigResolver(fakeRules(), {
      cwd: root,
      stopAt: root,
      readFile: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    });
    const e = thrown(() => resolver.configFor(join(root, 'x.c')));
    expect(e.message).toBe('coinstaller-lint.json: cannot be read: permission denied');
    expect(e.cause).toMatchObject({ code: 'EACCES' });
  });

  it('a binary file', () => {
    write('coinstaller-lint.json', new Uint8Array([0x7b, 0x00, 0x01, 0x02]));
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, stopAt: root });
    expect(thrown(() => resolver.configFor(join(root, 'x.c'))).message).toMatch(/^coinstaller-lint\.json: not a text file: binary file/);
  });

  it('a config saved as UTF-16LE with a byte order mark is read like any other', () => {
    const text = '{"rules": {"no-exotic": "error"}}';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    write('coinstaller-lint.json', bytes);
    const resolver = new ConfigResolver(fakeRules(), { cwd: root, stopAt: root });
    expect(resolver.configFor(join(root, 'x.c')).rules['no-exotic'].severity).toBe(2);
  });

  it('a config outside cwd is named by its absolute path', () => {
    const path = write('elsewhere/coinstaller-lint.json', '{"extends": 1}');
    const resolver = new ConfigResolver(fakeRules(), { cwd: join(root, 'work'), stopAt: root });
    expect(thrown(() => resolver.configFor(join(root, 'elsewhere/x.c'))).message).toBe(
      `${path}:1:13: extends: expected "recommended" or "all", got 1`,
    );
  });
});

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
