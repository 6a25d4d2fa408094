import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createModuleLocator, discoverModule } from '../../engine/model/index.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'cil-module-')));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    const p = join(root, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return root;
}

const rel = (root: string, m: { root: string; files: string[] }) => ({
  root: relative(root, m.root) || '.',
  files: m.files.map((f) => relative(root, f)).sort(),
});

describe('discoverModule', () => {
  it('a project file above src/ and inc/ makes one module of both', () => {
    const root = tree({
      'proj/ci.vcxproj': '<Project/>',
      'proj/src/entry.c': '#include "../inc/ci.h"\n',
      'proj/src/ui.cpp': '',
      'proj/inc/ci.h': '',
      'proj/readme.txt': '',
      'proj/x64/Debug/gen.c': '',
    });
    expect(rel(root, discoverModule(join(root, 'proj/src/entry.c')))).toEqual({
      root: 'proj',
      files: ['proj/inc/ci.h', 'proj/src/entry.c', 'proj/src/ui.cpp'],
    });
  });

  it('the folder holding the .def, with .inf/.inx/.def files and every source kind', () => {
    const root = tree({
      'm/x.def': 'EXPORTS\n',
      'm/x.inx': '',
      'm/a.c': '#include "d.hpp"\n#include "e.inl"\n',
      'm/b.cc': '#include "f.hxx"\n',
      'm/c.cxx': '',
      'm/d.hpp': '',
      'm/e.inl': '',
      'm/f.hxx': '',
      'm/g.txt': '',
    });
    expect(rel(root, discoverModule(join(root, 'm/a.c'))).files).toEqual(['m/a.c', 'm/b.cc', 'm/c.cxx', 'm/d.hpp', 'm/e.inl', 'm/f.hxx', 'm/x.def', 'm/x.inx']);
  });

  it('a `sources` file marks a module; a subfolder with its own marker is another module', () => {
    const root = tree({ 'w/sources': 'TARGETNAME=x\n', 'w/a.c': '', 'w/other/y.inf': '', 'w/other/y.c': '' });
    expect(rel(root, discoverModule(join(root, 'w/a.c')))).toEqual({ root: 'w', files: ['w/a.c'] });
    expect(rel(root, discoverModule(join(root, 'w/other/y.c')))).toEqual({ root: 'w/other', files: ['w/other/y.c', 'w/other/y.inf'] });
  });

  it('without a marker: the file\'s own folder; never above a .git folder', () => {
    const root = tree({ 'outer.def': '', 'repo/.git/HEAD': '', 'repo/sub/a.c': '#include "b.h"\n', 'repo/sub/b.h': '', 'repo/c.c': '' });
    expect(rel(root, discoverModule(join(root, 'repo/sub/a.c')))).toEqual({ root: 'repo/sub', files: ['repo/sub/a.c', 'repo/sub/b.h'] });
  });

  it('headers included with "..." from elsewhere, transitively; <...> includes are not followed', () => {
    const root = tree({
      'm/x.inf': '',
      'm/a.c': '#include "../common/util.h"\n#include <windows.h>\n#include "missing.h"\n',
      'common/util.h': '  #  include "deeper/more.h"\n',
      'common/deeper/more.h': '',
      'common/unrelated.h': '',
    });
    expect(rel(root, discoverModule(join(root, 'm/a.c'))).files).toEqual(['common/deeper/more.h', 'common/util.h', 'm/a.c', 'm/x.inf']);
  });
});

describe('files that are not regular files', () => {
  it('a FIFO named like a source file or header is never listed nor read', () => {
    const root = tree({ 'm/x.def': '', 'm/a.c': '#include "pipe.h"\n' });
    execFileSync('mkfifo', [join(root, 'm/pipe.c')]);
    execFileSync('mkfifo', [join(root, 'm/pipe.h')]);
    expect(rel(root, discoverModule(join(root, 'm/a.c'))).files).toEqual(['m/a.c', 'm/x.def']);
  });
});

describe('symbolic links', () => {
  it('a folder link loop and a file link list each real file once', () => {
    const root = tree({ 'm/x.def': '', 'm/src/a.c': '', 'm/src/b.c': '' });
    symlinkSync('..', join(root, 'm/src/up'));
    symlinkSync('b.c', join(root, 'm/src/same.c'));
    expect(rel(root, discoverModule(join(root, 'm/src/a.c'))).files).toEqual(['m/src/a.c', 'm/src/b.c', 'm/x.def']);
  });
});

describe('createModuleLocator', () => {
  it('gives every file of a module the same files, reading the folder once', () => {
    const root = tree({ 'm/x.def': '', 'm/a.c': '#include "../h/h.h"\n', 'm/b.c': '', 'h/h.h': '' });
    const locate = createModuleLocator();
    const a = rel(root, locate(join(root, 'm/a.c')));
    writeFileSync(join(root, 'm/late.c'), '');
    const b = rel(root, locate(join(root, 'm/b.c')));
    expect(a).toEqual({ root: 'm', files: ['h/h.h', 'm/a.c', 'm/b.c', 'm/x.def'] });
    // the second file gets the remembered list: the file created in between is not seen
    expect(b).toEqual(a);
    expect(rel(root, discoverModule(join(root, 'm/b.c'))).files).toContain('m/late.c');
  });

  it('adds a file that the folder scan does not reach, with its headers', () => {
    const root = tree({ 'm/x.inf': '', 'm/a.c': '', 'm/out/gen.c': '#include "gen.h"\n', 'm/out/gen.h': '' });
    const locate = createModuleLocator();
    expect(rel(root, locate(join(root, 'm/a.c'))).files).toEqual(['m/a.c', 'm/x.inf']);
    expect(rel(root, locate(join(root, 'm/out/gen.c'))).files).toEqual(['m/a.c', 'm/out/gen.c', 'm/out/gen.h', 'm/x.inf']);
  });
});

describe('headers no source includes', () => {
  it('are not files of the module, nor are the headers only they include', () => {
    const root = tree({
      'm/x.def': 'EXPORTS\n',
      'm/a.c': '#include "used.h"\n',
      'm/used.h': '#include "deeper.h"\n',
      'm/deeper.h': '',
      'm/orphan.h': '#include "only-from-orphan.h"\n#pragma comment(lib, "contoso.lib")\n',
      'm/only-from-orphan.h': '',
    });
    expect(rel(root, discoverModule(join(root, 'm/a.c'))).files).toEqual(['m/a.c', 'm/deeper.h', 'm/used.h', 'm/x.def']);
  });

  it('a header no source includes is a module of its own, whoever asks first', () => {
    const root = tree({ 'm/x.inf': '', 'm/a.c': '#include "used.h"\n', 'm/used.h': '', 'm/orphan.h': '' });
    const locate = createModuleLocator();
    expect(rel(root, locate(join(root, 'm/orphan.h')))).toEqual({ root: 'm/orphan.h', files: ['m/orphan.h'] });
    expect(rel(root, locate(join(root, 'm/a.c')))).toEqual({ root: 'm', files: ['m/a.c', 'm/used.h', 'm/x.inf'] });
    expect(rel(root, locate(join(root, 'm/used.h')))).toEqual({ root: 'm', files: ['m/a.c', 'm/used.h', 'm/x.inf'] });
    expect(rel(root, discoverModule(join(root, 'm/orphan.h')))).toEqual({ root: 'm/orphan.h', files: ['m/orphan.h'] });
  });

  it('<...> includes and "..." includes found through include paths name a header by the end of its path, in any case', () => {
    const root = tree({
      'p/p.vcxproj': '<Project/>',
      'p/src/a.cpp': '#include <windows.h>\n#include <inc/Contoso.H>\n#include "shared.h"\n',
      'p/inc/contoso.h': '',
      'p/other/inc/contoso.h': '',
      'p/inc/shared.h': '',
      'p/inc/unused.h': '',
      'p/src/inc/notinc.h': '',
    });
    expect(rel(root, discoverModule(join(root, 'p/src/a.cpp'))).files).toEqual(['p/inc/contoso.h', 'p/inc/shared.h', 'p/other/inc/contoso.h', 'p/src/a.cpp']);
  });

  it('an include going up (`"../inc/x.h"`) that does not resolve from the includer names a header by the rest of its path', () => {
    // with an include path `/I src`, "..\\inc\\contoso.h" from src/deep/ is p/inc/contoso.h
    const root = tree({
      'p/p.vcxproj': '<Project/>',
      'p/src/deep/a.c': '#include "..\\inc\\contoso.h"\n',
      'p/inc/contoso.h': '',
      'p/inc/unused.h': '',
    });
    expect(rel(root, discoverModule(join(root, 'p/src/deep/a.c'))).files).toEqual(['p/inc/contoso.h', 'p/src/deep/a.c']);
  });

  it('a folder of headers only keeps them all', () => {
    const root = tree({ 'h/x.def': '', 'h/a.h': '', 'h/b.hpp': '' });
    expect(rel(root, discoverModule(join(root, 'h/a.h')))).toEqual({ root: 'h', files: ['h/a.h', 'h/b.hpp', 'h/x.def'] });
  });
});
