/**
 * The CLI end to end, in process: files on disk in every encoding we promise, the JSON report's
 * exact positions (1-based lines, UTF-16 columns, as ESLint), bad input and exit statuses.
 * Expected positions are counted by hand from the fixture text below.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../../cli/main.js';
import { openToOthers, runNodeScript } from '../support/unprivileged.js';

/** A co-installer that loads a DLL under DIF_INSTALLDEVICE: `LoadLibraryW` at 8:9-8:21. */
function installer(prefix = '', eol = '\n'): string {
  return [
    '#include <windows.h>',
    '#include <setupapi.h>',
    '',
    'DWORD CALLBACK CoInstaller(DI_FUNCTION Dif, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
    '{',
    '    switch (Dif) {',
    '    case DIF_INSTALLDEVICE:',
    `        ${prefix}LoadLibraryW(L"helper.dll");`,
    '        break;',
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ].join(eol);
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cil-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: dir,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
  };
  const status = await run(args, io);
  return { status, stdout, stderr };
}

interface JsonMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

async function jsonReport(args: string[]) {
  const r = await cli(['--format', 'json', ...args]);
  return { ...r, report: JSON.parse(r.stdout) as { filePath: string; messages: JsonMessage[]; errorCount: number; warningCount: number }[] };
}

function loads(messages: JsonMessage[]) {
  return messages.filter((m) => m.ruleId === 'no-dll-load').map(({ line, column, endLine, endColumn }) => ({ line, column, endLine, endColumn }));
}

describe('coinstaller-lint CLI', () => {
  it('reports the example co-installer DLL load with exact positions (json)', async () => {
    const examples = join(import.meta.dirname, '../../examples');
    const r = await cli(['--format', 'json', examples]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { filePath: string; messages: JsonMessage[] }[];
    const coinstaller = report.find((f) => f.filePath.endsWith('contoso-coinstaller/coinstaller.c'))!;
    // coinstaller.c line 33: `    helper = LoadLibraryW(L"contosohelper.dll");`
    expect(loads(coinstaller.messages)).toContainEqual({ line: 33, column: 14, endLine: 33, endColumn: 26 });
  });

  it('reads UTF-8, UTF-16LE with BOM, Windows-1252 and CRLF files with the same positions', async () => {
    writeFileSync(join(dir, 'utf8.c'), installer());
    writeFileSync(join(dir, 'utf16.c'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(installer('/* \u00e9 */ '), 'utf16le')]));
    writeFileSync(join(dir, 'cp1252.c'), Buffer.from(installer('/* caf\u00e9 */ '), 'latin1'));
    writeFileSync(join(dir, 'crlf.c'), installer('', '\r\n'));
    const { status, report } = await jsonReport(['.']);
    expect(status).toBe(1);
    const byName = Object.fromEntries(report.map((f) => [f.filePath.slice(dir.length + 1), loads(f.messages)]));
    expect(byName).toEqual({
      'crlf.c': [{ line: 8, column: 9, endLine: 8, endColumn: 21 }],
      'utf8.c': [{ line: 8, column: 9, endLine: 8, endColumn: 21 }],
      // `/* é */ ` is 8 UTF-16 code units
      'utf16.c': [{ line: 8, column: 17, endLine: 8, endColumn: 29 }],
      // `/* café */ ` is 11
      'cp1252.c': [{ line: 8, column: 20, endLine: 8, endColumn: 32 }],
    });
  });

  it('counts columns in UTF-16 code units after an emoji', async () => {
    // `/* ☃🚀 */ `: ☃ is one code unit, 🚀 two: 10 in all, so the call starts at column 19.
    writeFileSync(join(dir, 'emoji.c'), installer('/* \u2603\u{1F680} */ '));
    const { report } = await jsonReport(['emoji.c']);
    expect(loads(report[0].messages)).toEqual([{ line: 8, column: 19, endLine: 8, endColumn: 31 }]);
  });

  it('skips a binary file with a clear message', async () => {
    writeFileSync(join(dir, 'blob.c'), Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]));
    const { status, report } = await jsonReport(['blob.c']);
    expect(status).toBe(0);
    expect(report).toHaveLength(1);
    expect(report[0].messages).toHaveLength(1);
    expect(report[0].messages[0]).toMatchObject({ ruleId: null, severity: 1 });
    expect(report[0].messages[0].message).toMatch(/binary/i);
  });

  it('reports a missing path with exit status 2 and no stack trace', async () => {
    const r = await cli(['nowhere.c']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nowhere.c: no such file or folder');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports an unreadable file as a fatal error for that file and lints the others', () => {
    writeFileSync(join(dir, 'ok.c'), installer());
    writeFileSync(join(dir, 'secret.c'), installer());
    chmodSync(join(dir, 'secret.c'), 0o000);
    openToOthers(dir);
    const main = pathToFileURL(join(import.meta.dirname, '../../cli/main.ts')).href;
    const r = runNodeScript(`import { run } from ${JSON.stringify(main)};\nprocess.exitCode = await run(['--format', 'json', '.']);`, dir);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { filePath: string; messages: JsonMessage[] }[];
    const secret = report.find((f) => f.filePath.endsWith('secret.c'))!;
    expect(secret.messages).toHaveLength(1);
    expect(secret.messages[0]).toMatchObject({ ruleId: null, severity: 2 });
    expect(secret.messages[0].message).toMatch(/permission denied/);
    expect(loads(report.find((f) => f.filePath.endsWith('ok.c'))!.messages)).toHaveLength(1);
  });

  it('rejects a config with an unknown rule: exit 2, the file and the key named', async () => {
    writeFileSync(join(dir, 'a.c'), installer());
    writeFileSync(join(dir, 'coinstaller-lint.json'), '{\n  "rules": {\n    "no-dll-laod": "error"\n  }\n}\n');
    const r = await cli(['a.c']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('coinstaller-lint.json');
    expect(r.stderr).toContain('no-dll-laod');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('rejects a config that is not JSON: exit 2 with the position', async () => {
    writeFileSync(join(dir, 'a.c'), installer());
    writeFileSync(join(dir, 'coinstaller-lint.json'), '{ "rules": { "no-dll-load": "error" ');
    const r = await cli(['a.c']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/coinstaller-lint\.json:\d+:\d+/);
  });

  it('applies --rule overrides and --max-warnings', async () => {
    writeFileSync(join(dir, 'a.c'), installer());
    expect((await cli(['--rule', 'no-dll-load:off', 'a.c'])).status).toBe(0);
    expect((await cli(['--rule', 'no-dll-load:warn', 'a.c'])).status).toBe(0);
    const over = await cli(['--rule', 'no-dll-load:warn', '--max-warnings', '0', 'a.c']);
    expect(over.status).toBe(1);
    expect(over.stderr).toContain('too many warnings');
  });

  it('reports the same with --threads 2 as with one thread', async () => {
    for (const name of ['a', 'b', 'c']) {
      const sub = join(dir, name);
      (await import('node:fs')).mkdirSync(sub);
      writeFileSync(join(sub, `${name}.c`), installer(name === 'b' ? '/* b */ ' : ''));
    }
    const one = await cli(['--format', 'json', '.']);
    const two = await cli(['--format', 'json', '--threads', '2', '.']);
    expect(two.status).toBe(one.status);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
    expect(loads(JSON.parse(one.stdout)[1].messages)).toEqual([{ line: 8, column: 17, endLine: 8, endColumn: 29 }]);
  });

  it('writes the report to --output-file and nothing to stdout', async () => {
    writeFileSync(join(dir, 'a.c'), installer());
    const r = await cli(['--format', 'json', '-o', 'out/report.json', 'a.c']);
    expect(r.stdout).toBe('');
    const { readFileSync } = await import('node:fs');
    expect(loads(JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'))[0].messages)).toHaveLength(1);
  });

  it('prints usage errors with exit status 2, help and version with 0', async () => {
    const bad = await cli(['--format', 'xml']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown format "xml"');
    const help = await cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('no-dll-load');
    const version = await cli(['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
