/**
 * Limits through the CLI's run(), for what test/cli/ does not cover already: a file over the size
 * limit, a file too deep or with too many tokens to analyse (engine/parsing/parse-limits.ts), symbolic link loops (a folder and a file), an unreadable folder (as "nobody" when root),
 * a FIFO named like a source file, a config that is binary or a folder. Each gives a clear message
 * and the exit status --help documents (0 no errors; 1 errors or too many warnings; 2 usage,
 * configuration or internal error), never a stack trace.
 * (Covered in test/cli/ and test/config/: a binary source, an unreadable file, a config that is
 * not JSON, a config naming an unknown rule, a missing path.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../../cli/main.js';
import { DEFAULT_MAX_FILE_BYTES } from '../../engine/text/source-file.js';
import { openToOthers, runNodeScript } from '../support/unprivileged.js';

/** A co-installer that loads a DLL under DIF_INSTALLDEVICE (guideline 3): one error, at 8:9. */
const INSTALLER = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  'DWORD CALLBACK CoInstaller(DI_FUNCTION Dif, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
  '{',
  '    switch (Dif) {',
  '    case DIF_INSTALLDEVICE:',
  '        LoadLibraryW(L"helper.dll");',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
].join('\n');

const STACK_TRACE = /\n\s+at /;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cil-limits-'));
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
  const status = await run(args, io);
  return { status, stdout, stderr };
}

interface JsonFile {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string; line: number; column: number }[];
}

const CLI_MAIN = pathToFileURL(join(import.meta.dirname, '../../cli/main.ts')).href;
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The CLI in a child process, killed after `ms`. */
function cliChild(args: string[], ms = 60_000): { status: number | null; signal: string | null; stdout: string; stderr: string } {
  const script = `import { run } from ${JSON.stringify(CLI_MAIN)};\nprocess.exitCode = await run(${JSON.stringify(args)});`;
  const r = spawnSync(process.execPath, ['--import', TSX_LOADER, '--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', timeout: ms });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const report = (stdout: string) => JSON.parse(stdout) as JsonFile[];
const named = (files: JsonFile[], name: string) => files.find((f) => f.filePath.endsWith(`/${name}`));

describe('limits', { timeout: 120_000 }, () => {
  it('a file over the size limit is skipped with a warning naming the size and the limit; the others are linted', async () => {
    writeFileSync(join(dir, 'a.c'), INSTALLER);
    // A comment that pushes the file one byte over the limit.
    const body = `/*${'x'.repeat(DEFAULT_MAX_FILE_BYTES - 4)}*/\n`;
    writeFileSync(join(dir, 'huge.c'), body);
    expect(body.length).toBe(DEFAULT_MAX_FILE_BYTES + 1);
    const r = await cli(['--format', 'json', '.']);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(1); // a.c's DLL load
    const files = report(r.stdout);
    expect(named(files, 'huge.c')!.messages).toEqual([
      expect.objectContaining({ ruleId: null, severity: 1, message: 'file is 4194305 bytes, over the limit of 4194304 bytes; skipped', line: 1, column: 1 }),
    ]);
    expect(named(files, 'a.c')!.messages.map((m) => [m.ruleId, m.line, m.column])).toContainEqual(['no-dll-load', 8, 9]);
  });

  it('a file exactly at the size limit is linted', async () => {
    const prefix = INSTALLER + '/*';
    writeFileSync(join(dir, 'big.c'), prefix + 'x'.repeat(DEFAULT_MAX_FILE_BYTES - prefix.length - 3) + '*/\n');
    const r = await cli(['--format', 'json', 'big.c']);
    expect(r.status).toBe(1);
    expect(report(r.stdout)[0].messages.map((m) => [m.ruleId, m.line, m.column])).toContainEqual(['no-dll-load', 8, 9]);
  });

  it('an oversized file alone is a warning: exit 0, or 1 with --max-warnings 0', async () => {
    writeFileSync(join(dir, 'huge.c'), `/*${'x'.repeat(DEFAULT_MAX_FILE_BYTES)}*/\n`);
    const quiet = await cli(['huge.c']);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toContain('over the limit');
    const strict = await cli(['--max-warnings', '0', 'huge.c']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('too many warnings');
  });

  it('a file too deep or with too many tokens is not analysed: a warning naming the limit; the others are linted', async () => {
    writeFileSync(join(dir, 'a.c'), INSTALLER);
    const load = 'LoadLibraryW(L"x.dll");';
    // the function's brace, 30,000 blocks and the call's parenthesis are open at the load, on line 3
    writeFileSync(join(dir, 'deep.c'), `void ContosoDeep(void)\n{\n${'{'.repeat(30_000)}${load}${'}'.repeat(30_000)}\n}\n`);
    // void ContosoMany ( void ) { (6), LoadLibraryW ( L "x.dll" ) ; (6), 300,000 of ; and } (1)
    writeFileSync(join(dir, 'many.c'), `void ContosoMany(void)\n{\n${load}${';'.repeat(300_000)}\n}\n`);
    const r = await cli(['--format', 'json', '.']);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(1); // a.c's DLL load
    const files = report(r.stdout);
    expect(named(files, 'deep.c')!.messages).toEqual([
      expect.objectContaining({ ruleId: null, severity: 1, message: 'file is nested 30002 levels deep (line 3), over the limit of 25000 levels; not analysed', line: 1, column: 1 }),
    ]);
    expect(named(files, 'many.c')!.messages).toEqual([
      expect.objectContaining({ ruleId: null, severity: 1, message: 'file has 300013 tokens, over the limit of 250000 tokens; not analysed', line: 1, column: 1 }),
    ]);
    expect(named(files, 'a.c')!.messages.map((m) => [m.ruleId, m.line, m.column])).toContainEqual(['no-dll-load', 8, 9]);
  });

  it('a folder symlink loop is reported once, not walked forever; the real files are linted once', async () => {
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.c'), INSTALLER);
    symlinkSync('..', join(dir, 'src', 'up'));
    symlinkSync('.', join(dir, 'src', 'self'));
    const r = await cli(['--format', 'json', 'src']);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toMatch(/symbolic link loop/);
    expect(r.status).toBe(1);
    // a.c is reached as src/a.c and again through src/up/src/a.c: the loop guard visits each real folder once.
    const paths = report(r.stdout).map((f) => f.filePath);
    expect(paths.filter((p) => p.endsWith('/a.c'))).toHaveLength(1);
  });

  it('a file symlink loop named on the command line: the loop is named, exit 2', async () => {
    symlinkSync('b.c', join(dir, 'a.c'));
    symlinkSync('a.c', join(dir, 'b.c'));
    const r = await cli(['a.c']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('a.c: symbolic link loop');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('a file symlink loop inside a walked folder is skipped as a broken link; the rest is linted', async () => {
    writeFileSync(join(dir, 'ok.c'), INSTALLER);
    symlinkSync('b.c', join(dir, 'a.c'));
    symlinkSync('a.c', join(dir, 'b.c'));
    const r = await cli(['--format', 'json', '.']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/a\.c: broken symbolic link; skipped/);
    expect(report(r.stdout).map((f) => f.filePath.slice(dir.length + 1))).toEqual(['ok.c']);
  });

  it('a FIFO named like a source file or a config is never opened (reading one blocked the CLI forever)', () => {
    writeFileSync(join(dir, 'ok.c'), INSTALLER);
    execFileSync('mkfifo', [join(dir, 'pipe.c')]);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'ok.c'), INSTALLER);
    execFileSync('mkfifo', [join(dir, 'sub', 'coinstaller-lint.json')]);
    // In a child process with a timeout: a run that opens a FIFO blocks on it and never ends.
    const walked = cliChild(['--format', 'json', 'ok.c']);
    expect(walked.signal).toBeNull();
    expect(walked.status).toBe(1);
    expect(report(walked.stdout).map((f) => f.filePath.slice(dir.length + 1))).toEqual(['ok.c']);
    const config = cliChild(['sub/ok.c']);
    expect(config.signal).toBeNull();
    expect(config.status).toBe(2);
    expect(config.stderr).toContain('sub/coinstaller-lint.json');
    expect(config.stderr).toContain('not a regular file');
    const named = cliChild(['pipe.c']);
    expect(named.status).toBe(2);
    expect(named.stderr).toContain('pipe.c: is neither a file nor a folder');
  });

  it('an unreadable folder is reported with "permission denied"; the readable files are linted', () => {
    writeFileSync(join(dir, 'ok.c'), INSTALLER);
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'hidden.c'), INSTALLER);
    chmodSync(join(dir, 'locked'), 0o000);
    openToOthers(dir);
    const main = pathToFileURL(join(import.meta.dirname, '../../cli/main.ts')).href;
    const r = runNodeScript(`import { run } from ${JSON.stringify(main)};\nprocess.exitCode = await run(['--format', 'json', '.']);`, dir);
    chmodSync(join(dir, 'locked'), 0o755);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toMatch(/locked: permission denied/);
    expect(r.status).toBe(1);
    expect(report(r.stdout).map((f) => f.filePath.slice(dir.length + 1))).toEqual(['ok.c']);
  });

  it('an unreadable folder named alone: exit 2 with "permission denied"', () => {
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'hidden.c'), INSTALLER);
    chmodSync(join(dir, 'locked'), 0o000);
    openToOthers(dir);
    const main = pathToFileURL(join(import.meta.dirname, '../../cli/main.ts')).href;
    const r = runNodeScript(`import { run } from ${JSON.stringify(main)};\nprocess.exitCode = await run(['locked']);`, dir);
    chmodSync(join(dir, 'locked'), 0o755);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toMatch(/locked: permission denied/);
    expect(r.status).toBe(2);
  });

  it('--config naming a binary file or a folder: exit 2, the file named, no stack trace', async () => {
    writeFileSync(join(dir, 'a.c'), INSTALLER);
    writeFileSync(join(dir, 'blob.json'), Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x7d]));
    mkdirSync(join(dir, 'folder.json'));
    for (const config of ['blob.json', 'folder.json']) {
      const r = await cli(['--config', config, 'a.c']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(config);
      expect(r.stderr).toContain('invalid configuration');
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stdout).toBe('');
    }
  });

  it('a config nested 100,000 levels deep: exit 2 with a message, not a stack overflow', async () => {
    writeFileSync(join(dir, 'a.c'), INSTALLER);
    writeFileSync(join(dir, 'coinstaller-lint.json'), `{"settings": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const r = await cli(['a.c']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('coinstaller-lint.json');
    expect(r.stderr).not.toMatch(/internal error|Maximum call stack/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});
