/**
 * Module discovery and the files `#include` lines name (engine/model/module-discovery.ts
 * includeRoots; README, Security): an include is followed only to a regular file, never under
 * /proc, /sys or /dev, and, given the workspace, only inside it or the module's own folders. The
 * folder rule (module.c beside an .inf) and a file of its own (no marker), C and C++.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverModule } from '../../engine/model/index.js';

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'cil-include-roots-')));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

const filesOf = (file: string, includeRoots?: string[]) => discoverModule(join(dir, file), { buildIndex: null, includeRoots }).files.map((f) => (f.startsWith(dir) ? relative(dir, f) : f)).sort();

describe.each([
  ['C', 'c'],
  ['C++', 'cpp'],
])('%s', (_lang, ext) => {
  const includes = (eol: string) =>
    ['#include "../../outside/x.h"', '#include "../common/y.h"', '#include "/proc/self/environ"', '#include "/dev/null"', '#include "fifo.h"', ''].join(eol);

  beforeEach(() => {
    write({ 'outside/x.h': '// outside\n', 'ws/common/y.h': '// common\n', 'ws/drv/contoso.inf': '[Version]\n' });
    mkdirSync(join(dir, 'ws', 'alone'));
    // FIFOs named like headers: opening one for reading would block
    execFileSync('mkfifo', [join(dir, 'ws', 'drv', 'fifo.h')]);
    execFileSync('mkfifo', [join(dir, 'ws', 'alone', 'fifo.h')]);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('the folder rule, %s: outside the workspace, /proc, /dev and FIFOs are not followed', (_name, eol) => {
    write({ [`ws/drv/module.${ext}`]: includes(eol) });
    expect(filesOf(`ws/drv/module.${ext}`, [join(dir, 'ws')])).toEqual(['ws/common/y.h', 'ws/drv/contoso.inf', `ws/drv/module.${ext}`]);
    // the workspace as the parent: the outside header is inside it
    expect(filesOf(`ws/drv/module.${ext}`, [dir])).toEqual(['outside/x.h', 'ws/common/y.h', 'ws/drv/contoso.inf', `ws/drv/module.${ext}`]);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('a file of its own, %s: the same', (_name, eol) => {
    write({ [`ws/alone/tool.${ext}`]: includes(eol) });
    expect(filesOf(`ws/alone/tool.${ext}`, [join(dir, 'ws')])).toEqual(['ws/common/y.h', `ws/alone/tool.${ext}`].sort());
    // without a workspace: anywhere, but still no /proc, /dev or FIFO
    expect(filesOf(`ws/alone/tool.${ext}`)).toEqual(['outside/x.h', 'ws/common/y.h', `ws/alone/tool.${ext}`].sort());
  });
});
