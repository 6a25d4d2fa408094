/**
 * I/O once (engine/batch/source-reads.ts): a lint reads each file from disk and decodes it once,
 * although module discovery reads the sources for their `#include` lines, the cache hashes every
 * file and the lint needs every text; and a result keeps its file's text only when it has
 * messages (engine/batch/lint-paths.ts summarize). The reads are counted by a spy on
 * readSourceFile, the one function that reads a source from disk (engine/text/source-file.ts).
 * Worker threads load their own copy of the engine, which the spy does not reach: the parallel
 * case counts the calling thread's reads, where discovery and the prefilter run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as sourceFile from '../../engine/text/source-file.js';
import { lintFiles } from '../../api/index.js';

vi.mock(import('../../engine/text/source-file.js'), async (importOriginal) => {
  const real = await importOriginal();
  return { ...real, readSourceFile: vi.fn(real.readSourceFile) };
});

const readSpy = vi.mocked(sourceFile.readSourceFile);

/** An installer module: the entry point reaches MessageBoxW in another file during DIF_INSTALLDEVICE. */
function installerModule(ext: string, eol: string): Record<string, string> {
  const lines = (...l: string[]) => l.join(eol) + eol;
  return {
    [`contoso.${ext}`]: lines(
      '#include <windows.h>',
      '#include <setupapi.h>',
      '#include "contoso.h"',
      '',
      'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
      '{',
      '    switch (InstallFunction) {',
      '    case DIF_INSTALLDEVICE:',
      '        ContosoWarn();',
      '        break;',
      '    default:',
      '        break;',
      '    }',
      '    return Context->InstallResult;',
      '}',
    ),
    [`ui.${ext}`]: lines('#include "contoso.h"', '', 'void ContosoWarn(void)', '{', '    MessageBoxW(NULL, L"Firmware", L"Contoso", MB_OK);', '}'),
    'contoso.h': lines('#include <windows.h>', 'void ContosoWarn(void);'),
    'contoso.def': lines('EXPORTS', '    ContosoCoInstaller'),
  };
}

/** A module without any installer signal: the prefilter skips it. */
function plainModule(ext: string, eol: string): Record<string, string> {
  const lines = (...l: string[]) => l.join(eol) + eol;
  return {
    [`plain.${ext}`]: lines('#include "util.h"', '', 'int g_count;', '', 'int PlainAdd(int a, int b)', '{', '    return a + b + g_count;', '}'),
    'util.h': lines('int PlainAdd(int a, int b);'),
    'plain.def': lines('EXPORTS', '    PlainAdd'),
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cil-read-once-'));
  readSpy.mockClear();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeTree(ext: string, eol: string): void {
  for (const [folder, files] of [['contoso', installerModule(ext, eol)], ['plain', plainModule(ext, eol)]] as const) {
    mkdirSync(join(dir, folder));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, folder, name), text);
  }
}

/** How many times each file of the tree was read, by folder/name. */
function readsPerFile(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [path] of readSpy.mock.calls) {
    if (!path.startsWith(dir)) continue;
    const key = path.slice(dir.length + 1).split(/[\\/]/).join('/');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const variants = [
  { lang: 'C', ext: 'c', eol: '\n', eolName: 'LF' },
  { lang: 'C', ext: 'c', eol: '\r\n', eolName: 'CRLF' },
  { lang: 'C++', ext: 'cpp', eol: '\n', eolName: 'LF' },
  { lang: 'C++', ext: 'cpp', eol: '\r\n', eolName: 'CRLF' },
];

describe.each(variants)('each file read once ($lang, $eolName)', ({ ext, eol }) => {
  const everyFileOnce = () => ({
    [`contoso/contoso.${ext}`]: 1,
    [`contoso/ui.${ext}`]: 1,
    'contoso/contoso.h': 1,
    'contoso/contoso.def': 1,
    [`plain/plain.${ext}`]: 1,
    'plain/util.h': 1,
    'plain/plain.def': 1,
  });

  it('on one thread: discovery, prefilter and lint share the reads; only results with messages keep their text', async () => {
    writeTree(ext, eol);
    const results = await lintFiles('.', { cwd: dir });
    expect(readsPerFile()).toEqual(everyFileOnce());
    const ui = results.find((r) => basename(r.filePath) === `ui.${ext}`)!;
    expect(ui.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['no-ui-outside-finish-install', 5, 5]]);
    expect(ui.source).toBe(installerModule(ext, eol)[`ui.${ext}`]);
    // the other files linted (a .def is read for the model, not reported) have no message: no text kept
    const clean = results.filter((r) => r !== ui);
    expect(clean.map((r) => [basename(r.filePath), r.messages.length, r.source])).toEqual(
      [`contoso.${ext}`, 'contoso.h', `plain.${ext}`, 'util.h'].map((n) => [n, 0, undefined]),
    );
  });

  it('with --cache, cold and warm: the cache hashes the texts the lint then uses', async () => {
    writeTree(ext, eol);
    await lintFiles('.', { cwd: dir, cache: true });
    expect(readsPerFile()).toEqual(everyFileOnce());
    readSpy.mockClear();
    const warm = await lintFiles('.', { cwd: dir, cache: true });
    expect(readsPerFile()).toEqual(everyFileOnce());
    expect(warm.find((r) => basename(r.filePath) === `ui.${ext}`)!.source).toBe(installerModule(ext, eol)[`ui.${ext}`]);
  });

  it('with two threads: the calling thread reads each file once and hands the texts to the workers', async () => {
    writeTree(ext, eol);
    const results = await lintFiles('.', { cwd: dir, threads: 2 });
    expect(readsPerFile()).toEqual(everyFileOnce());
    expect(results.filter((r) => r.messages.length > 0).map((r) => basename(r.filePath))).toEqual([`ui.${ext}`]);
  });
});
