import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ignoredByPatterns } from '../../engine/config/ignores.js';
import { isIgnored, parseConfigText } from '../../engine/config/load-config.js';
import { fakeRules } from './fake-rules.js';

const ROOT = join('/', 'proj', 'driver');
const config = (ignores: string[]) => parseConfigText(JSON.stringify({ ignores }), join(ROOT, 'coinstaller-lint.json'), fakeRules());

describe('isIgnored: globs relative to the config file\'s folder', () => {
  it('an anchored pattern matches from the config folder only', () => {
    const c = config(['third_party/**', 'src/old.c']);
    expect(isIgnored(c, join(ROOT, 'third_party/zlib/inflate.c'))).toBe(true);
    expect(isIgnored(c, join(ROOT, 'src/old.c'))).toBe(true);
    expect(isIgnored(c, join(ROOT, 'src/new.c'))).toBe(false);
    expect(isIgnored(c, join(ROOT, 'lib/third_party/x.c'))).toBe(false);
  });

  it('a pattern without a slash matches a name at any depth', () => {
    const c = config(['*.gen.c', 'generated']);
    expect(isIgnored(c, join(ROOT, 'a.gen.c'))).toBe(true);
    expect(isIgnored(c, join(ROOT, 'deep/er/b.gen.c'))).toBe(true);
    expect(isIgnored(c, join(ROOT, 'src/generated/table.c'))).toBe(true);
    expect(isIgnored(c, join(ROOT, 'src/generated'))).toBe(true);
    expect(isIgnored(c, join(ROOT, 'src/generated.c'))).toBe(false);
  });

  it('a folder pattern (with or without a trailing slash) ignores what is inside', () => {
    expect(isIgnored(config(['build/']), join(ROOT, 'build/x64/a.c'))).toBe(true);
    expect(isIgnored(config(['out/x64']), join(ROOT, 'out/x64/Release/a.c'))).toBe(true);
    expect(isIgnored(config(['out/x64']), join(ROOT, 'out/arm64/a.c'))).toBe(false);
  });

  it('"!" takes a path back; the last matching pattern decides', () => {
    const c = config(['vendor/**', '!vendor/ours/**']);
    expect(isIgnored(c, join(ROOT, 'vendor/theirs/a.c'))).toBe(true);
    expect(isIgnored(c, join(ROOT, 'vendor/ours/a.c'))).toBe(false);
    expect(isIgnored(config(['!a.c', '*.c']), join(ROOT, 'a.c'))).toBe(true);
  });

  it('dot folders match like others; ".//" at the start is allowed', () => {
    expect(isIgnored(config(['.vs']), join(ROOT, '.vs/x.c'))).toBe(true);
    expect(isIgnored(config(['./src/a.c']), join(ROOT, 'src/a.c'))).toBe(true);
  });

  it('never ignores the config folder itself or anything outside it', () => {
    const c = config(['**']);
    expect(isIgnored(c, join(ROOT, 'a.c'))).toBe(true);
    expect(isIgnored(c, ROOT)).toBe(false);
    expect(isIgnored(c, join('/', 'proj', 'other', 'a.c'))).toBe(false);
    expect(isIgnored(c, join('/', 'proj', 'driver-2', 'a.c'))).toBe(false);
  });

  it('the built-in defaults ignore nothing', () => {
    const none = { ...config(['**']), filePath: null };
    expect(isIgnored(none, join(ROOT, 'a.c'))).toBe(false);
  });

  it('patterns work on forward-slash relative paths', () => {
    expect(ignoredByPatterns(['src/*.c'], 'src/a.c')).toBe(true);
    expect(ignoredByPatterns(['src/*.c'], 'src/sub/a.c')).toBe(false);
  });
});
