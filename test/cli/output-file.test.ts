/**
 * `-o FILE` is checked before any lint work (cli/output-file.ts, README Security): it may not name
 * a file the lint reads or --fix writes, a folder, a device, a path under a file or under /proc;
 * folders are created only inside the current folder. A refusal is exit status 2 with one line
 * naming the reason, and nothing else happens: no lint (the patterns name a missing file, which a
 * lint would report), no file written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../../cli/main.js';

/** A class installer whose ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION, after a non-interactive test, --fix replaces. */
const FIXABLE = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  'DWORD CALLBACK ContosoClassInstall(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
  '{',
  '    switch (InstallFunction) {',
  '    case DIF_INSTALLDEVICE:',
  '        if (SetupGetNonInteractiveMode())',
  '            return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;',
  '        break;',
  '    }',
  '    return ERROR_DI_DO_DEFAULT;',
  '}',
  '',
].join('\n');

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'cil-output-file-')));
  writeFileSync(join(dir, 'a.c'), FIXABLE);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], cwd = dir): Promise<{ status: number; stdout: string; stderr: string; ms: number }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
  const started = performance.now();
  const status = await run(args, io);
  return { status, stdout, stderr, ms: performance.now() - started };
}

/** The run is refused with exactly this reason, and nothing was linted nor written. */
async function expectRefused(output: string, reason: string, args: string[] = ['--fix']): Promise<void> {
  const r = await cli([...args, '-o', output, 'a.c', 'missing.c']);
  expect(r.stderr).toBe(`coinstaller-lint: cannot write the report to ${output}: ${reason}\n`);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  // --fix did not run: a.c is as written
  expect(readFileSync(join(dir, 'a.c'), 'utf8')).toBe(FIXABLE);
}

describe('-o is checked before the lint', () => {
  const SOURCE = 'it is a C/C++, INF, .def, build or config file, which the lint reads (and --fix writes)';

  it('refuses a file being linted (it would be fixed, then replaced by the report)', async () => {
    await expectRefused('a.c', SOURCE);
  });

  it('refuses a header, an INF, a build file, the config and the --config file', async () => {
    writeFileSync(join(dir, 'contoso.h'), '#define CONTOSO 1\n');
    writeFileSync(join(dir, 'contoso.inf'), '[Version]\n');
    writeFileSync(join(dir, 'sources'), 'TARGETTYPE=DYNLINK\n');
    writeFileSync(join(dir, 'coinstaller-lint.json'), '{}\n');
    writeFileSync(join(dir, 'team.json'), '{}\n');
    for (const name of ['contoso.h', 'contoso.inf', 'sources', 'coinstaller-lint.json']) await expectRefused(name, SOURCE);
    await expectRefused('team.json', SOURCE, ['--config', 'team.json']);
  });

  it('refuses a symbolic link, to a source or anywhere else (a tree may hold report.txt -> ~/.profile)', async () => {
    writeFileSync(join(dir, 'profile'), 'export PATH\n');
    symlinkSync('a.c', join(dir, 'report.txt'));
    symlinkSync('profile', join(dir, 'lint.txt'));
    symlinkSync('nowhere', join(dir, 'dangling.txt'));
    for (const name of ['report.txt', 'lint.txt', 'dangling.txt']) await expectRefused(name, 'a symbolic link (name the file it leads to)');
    expect(readFileSync(join(dir, 'profile'), 'utf8')).toBe('export PATH\n');
  });

  it('refuses a folder', async () => {
    mkdirSync(join(dir, 'reports'));
    await expectRefused('reports', 'it is a folder');
  });

  it('refuses a path under a file', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'notes\n');
    await expectRefused('notes.txt/report.txt', 'a folder on its path is a file');
    await expectRefused('notes.txt/deeper/report.txt', 'a folder on its path is a file');
  });

  it('refuses a device (/dev/full) and a FIFO', async () => {
    await expectRefused('/dev/full', 'a path under /proc, /sys or /dev');
    execFileSync('mkfifo', [join(dir, 'report.fifo')]);
    await expectRefused('report.fifo', 'not a regular file (a device, FIFO or socket)');
  });

  it('refuses /proc/self/nonexist/x at once (it used to spin)', async () => {
    const r = await cli(['-o', '/proc/self/nonexist/x', 'a.c']);
    expect(r.stderr).toBe('coinstaller-lint: cannot write the report to /proc/self/nonexist/x: a path under /proc, /sys or /dev\n');
    expect(r.status).toBe(2);
    // no lint, no folder walk: far under the time of any lint (a bound, not a benchmark)
    expect(r.ms).toBeLessThan(5000);
  });

  it('refuses to create folders outside the current folder', async () => {
    mkdirSync(join(dir, 'work'));
    writeFileSync(join(dir, 'work', 'a.c'), FIXABLE);
    const r = await cli(['-o', '../made/up/report.txt', 'a.c'], join(dir, 'work'));
    expect(r.stderr).toBe(`coinstaller-lint: cannot write the report to ../made/up/report.txt: the folder ${join(dir, 'made', 'up')} does not exist (folders are created only inside the current folder)\n`);
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'made'))).toBe(false);
  });

  it('writes a report outside the current folder into a folder that exists', async () => {
    mkdirSync(join(dir, 'work'));
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'work', 'a.c'), FIXABLE);
    const r = await cli(['--format', 'json', '-o', '../reports/lint.json', 'a.c'], join(dir, 'work'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'reports', 'lint.json'), 'utf8')) as { filePath: string }[];
    expect(report.map((f) => f.filePath)).toEqual([join(dir, 'work', 'a.c')]);
  });

  it('creates missing folders inside the current folder, and replaces an old report', async () => {
    const first = await cli(['--format', 'json', '-o', 'out/reports/lint.json', 'a.c']);
    expect(first.status).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'reports', 'lint.json'), 'utf8'))).toHaveLength(1);
    const second = await cli(['--fix', '--format', 'json', '-o', 'out/reports/lint.json', 'a.c']);
    // fixed: no problem left, and the report says so
    expect(second.status).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'reports', 'lint.json'), 'utf8')) as { messages: unknown[] }[];
    expect(report[0].messages).toEqual([]);
    expect(readFileSync(join(dir, 'a.c'), 'utf8')).not.toContain('ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION');
  });
});
