/**
 * `coinstaller-lint --print-module FILE` (cli/print-module.ts): which rule made the module of a
 * file, the build file, the configuration, the files; JSON with --format json. Build files
 * written LF and CRLF (Contoso names are made up).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../cli/args.js';
import { type CliIo, run } from '../../cli/main.js';
import { EOLS, useTrees, vcxproj } from '../build/build-files.js';

const tree = useTrees();

async function cli(cwd: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
  const status = await run(args, io);
  return { status, stdout, stderr };
}

describe.each(EOLS)('--print-module (%s build files)', (_name, eol) => {
  const files = () => ({
    'proj/ci.vcxproj': vcxproj({ sources: ['src\\ContosoCi.c'], includeDirs: 'inc', def: 'ContosoCi.def' }, eol),
    'proj/ContosoCi.def': `EXPORTS${eol}    ContosoCoInstaller${eol}`,
    'proj/src/ContosoCi.c': `#include "contoso.h"${eol}`,
    'proj/src/ContosoTool.c': `int main(void) { return 0; }${eol}`,
    'proj/inc/contoso.h': '',
  });

  it('a file a DLL project compiles: the rule, the project, its first DLL configuration, its files', async () => {
    const root = tree(files());
    const r = await cli(root, ['--print-module', 'proj/src/ContosoCi.c']);
    expect(r).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        'rule: vcxproj',
        'build file: proj/ci.vcxproj',
        'configuration: Debug|x64',
        'files:',
        '  proj/src/ContosoCi.c',
        '  proj/ContosoCi.def',
        '  proj/inc/contoso.h',
        '',
      ].join('\n'),
    });
  });

  it('--format json: the same, absolute paths', async () => {
    const root = tree(files());
    const r = await cli(root, ['--format', 'json', '--print-module', join(root, 'proj/src/ContosoCi.c')]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      filePath: join(root, 'proj/src/ContosoCi.c'),
      rule: 'vcxproj',
      buildFile: join(root, 'proj/ci.vcxproj'),
      configuration: 'Debug|x64',
      files: [join(root, 'proj/src/ContosoCi.c'), join(root, 'proj/ContosoCi.def'), join(root, 'proj/inc/contoso.h')],
    });
  });

  it('a source no DLL compiles is alone; without a build file, the folder rule', async () => {
    const root = tree({ ...files(), 'other/x.inf': '', 'other/a.c': '' });
    expect((await cli(root, ['--print-module', 'proj/src/ContosoTool.c'])).stdout).toBe('rule: single\nfiles:\n  proj/src/ContosoTool.c\n');
    expect((await cli(root, ['--print-module=other/a.c'])).stdout).toBe('rule: folder\nfiles:\n  other/a.c\n  other/x.inf\n');
  });
});

describe('--print-module arguments', () => {
  it('takes a file; a missing file is a usage error', async () => {
    expect(parseArgs(['--print-module', 'a.c'])).toMatchObject({ ok: true, options: { printModule: 'a.c' } });
    expect(parseArgs(['--print-module'])).toEqual({ ok: false, error: 'option --print-module needs a value' });
    const root = tree({ 'a.c': '' });
    expect(await cli(root, ['--print-module', 'missing.c'])).toEqual({ status: 2, stdout: '', stderr: 'coinstaller-lint: missing.c: no such file\n' });
  });
});

describe('--print-module with settings.configuration', () => {
  it('names the configuration of the project the file is linted in', async () => {
    const root = tree({
      'ci.vcxproj': vcxproj({ sources: ['ContosoCi.c'] }, '\n'),
      'ContosoCi.c': '',
      'coinstaller-lint.json': JSON.stringify({ settings: { configuration: 'Release|x64' } }),
    });
    expect((await cli(root, ['--print-module', 'ContosoCi.c'])).stdout).toBe('rule: vcxproj\nbuild file: ci.vcxproj\nconfiguration: Release|x64\nfiles:\n  ContosoCi.c\n');
  });
});
