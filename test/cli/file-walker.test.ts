import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { collectFiles } from '../../engine/batch/file-walker.js';
import { openToOthers, runNodeScript } from '../support/unprivileged.js';

let root: string;

function touch(rel: string, text = '') {
  const p = join(root, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cil-walk-'));
});
afterEach(() => {
  try {
    chmodSync(join(root, 'locked'), 0o755);
  } catch {
    /* not created by this test */
  }
  rmSync(root, { recursive: true, force: true });
});

describe('collectFiles', () => {
  it('walks folders for C/C++ and INF files, skipping node_modules and .git', () => {
    const a = touch('src/a.c');
    const h = touch('src/a.H');
    const inf = touch('pkg/x.inf');
    touch('src/readme.txt');
    touch('node_modules/dep/b.c');
    touch('.git/c.c');
    const r = collectFiles(['.'], { cwd: root });
    expect(r.files).toEqual([a, h, inf].sort());
    expect(r.problems).toEqual([]);
  });

  it('skips .hg, .svn, Visual Studio\'s .vs and the build output folders dist and out at any depth, as the language server\'s workspace index does', () => {
    const a = touch('src/a.c');
    const out = touch('src/outline.c');
    for (const folder of ['.hg', '.svn', '.vs', 'dist', 'out']) {
      touch(`${folder}/b.c`);
      touch(`src/${folder}/c.h`);
    }
    touch('.vs/pkg/v17/x.inf');
    const r = collectFiles(['.'], { cwd: root });
    expect(r.files).toEqual([a, out].sort());
    expect(r.problems).toEqual([]);
  });

  it('walks a skipped folder named on the command line, and skips those below it', () => {
    const c = touch('out/c.c');
    touch('out/dist/d.c');
    expect(collectFiles(['out'], { cwd: root }).files).toEqual([c]);
  });

  it('expands globs from their static base', () => {
    const a = touch('src/one/a.c');
    touch('src/one/b.h');
    const c = touch('src/two/c.c');
    expect(collectFiles(['src/**/*.c'], { cwd: root }).files).toEqual([a, c]);
  });

  it('skips ignored paths', () => {
    const a = touch('src/a.c');
    touch('gen/b.c');
    expect(collectFiles(['.'], { cwd: root, isIgnored: (p) => p.includes('/gen') }).files).toEqual([a]);
  });

  it('reports a missing path and a pattern that matches nothing', () => {
    const r = collectFiles(['missing.c', 'src/**/*.cpp'], { cwd: root });
    expect(r.files).toEqual([]);
    expect(r.problems).toEqual([
      { path: join(root, 'missing.c'), message: 'no such file or folder' },
      { path: 'src/**/*.cpp', message: 'no C/C++, INF or build files match this pattern (or all are ignored)' },
    ]);
  });

  it('reports an explicit file that is not C/C++ or INF', () => {
    touch('notes.txt');
    const r = collectFiles(['notes.txt'], { cwd: root });
    expect(r.files).toEqual([]);
    expect(r.problems[0]).toEqual({ path: join(root, 'notes.txt'), message: 'not a C/C++ source, header, INF or build file; skipped' });
  });

  it('follows a symlinked folder once and reports a loop instead of walking forever', () => {
    const a = touch('src/a.c');
    symlinkSync(join(root, 'src'), join(root, 'src', 'loop'));
    const r = collectFiles(['.'], { cwd: root });
    expect(r.files).toEqual([a]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].path).toBe(join(root, 'src', 'loop'));
    expect(r.problems[0].message).toMatch(/symbolic link loop/);
  });

  it('reports an unreadable folder and goes on', () => {
    const a = touch('src/a.c');
    touch('locked/b.c');
    chmodSync(join(root, 'locked'), 0o000);
    openToOthers(root);
    const walker = pathToFileURL(join(import.meta.dirname, '../../engine/batch/file-walker.ts')).href;
    const r = runNodeScript(
      `import { collectFiles } from ${JSON.stringify(walker)};\nconsole.log(JSON.stringify(collectFiles(['.'], { cwd: process.cwd() })));`,
      root,
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ files: [a], problems: [{ path: join(root, 'locked'), message: 'permission denied' }] });
  });
});
