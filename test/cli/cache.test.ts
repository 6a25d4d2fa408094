/**
 * `--cache`, `--cache-location`, `--cache-strategy` end to end, in process (cli/main.ts,
 * engine/batch/lint-cache.ts): a warm run reports what the cold one did, an edited file is
 * reported at its new position, in C and C++, LF and CRLF. Positions counted by hand from the
 * fixture: `LoadLibraryW` starts at column 9 of line 8, plus the prefix's length; no-dll-load is an
 * error (exit status 1).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliIo, run } from '../../cli/main.js';

function installer(prefix: string, eol: string): string {
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
  dir = mkdtempSync(join(tmpdir(), 'cil-cli-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, stdoutIsTTY: false, stderrIsTTY: false, env };
  const status = await run(['--format', 'json', ...args], io);
  return { status, stderr, loads: stdout.startsWith('[') ? (JSON.parse(stdout) as { messages: { ruleId: string; line: number; column: number }[] }[]).flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-dll-load').map((m) => `${m.line}:${m.column}`)) : [] };
}

describe.each([
  ['C', 'coinstaller.c'],
  ['C++', 'coinstaller.cpp'],
])('--cache (%s)', (_language, name) => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('%s: a warm run reports what the cold one did; an edit is reported at its new position', async (_eol, eol) => {
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', name), installer('', eol));
    expect(await cli(['--cache', 'src'])).toEqual({ status: 1, stderr: '', loads: ['8:9'] });
    expect(existsSync(join(dir, '.coinstaller-lint-cache'))).toBe(true);
    expect(await cli(['--cache', 'src'])).toEqual({ status: 1, stderr: '', loads: ['8:9'] });
    writeFileSync(join(dir, 'src', name), installer('(void)', eol));
    expect(await cli(['--cache', 'src'])).toEqual({ status: 1, stderr: '', loads: ['8:15'] });
    // the cleared finding is not served from the cache either
    writeFileSync(join(dir, 'src', name), installer('', eol).replace('LoadLibraryW(L"helper.dll");', 'Sleep(0);'));
    expect(await cli(['--cache', 'src'])).toEqual({ status: 0, stderr: '', loads: [] });
  });
});

describe('--cache options', () => {
  it('--cache-location: a folder gets a file named from a hash of cwd; a path is the file', async () => {
    writeFileSync(join(dir, 'a.c'), installer('', '\n'));
    mkdirSync(join(dir, 'caches'));
    expect((await cli(['--cache', '--cache-location', 'caches', 'a.c'])).loads).toEqual(['8:9']);
    expect(readdirSync(join(dir, 'caches'))).toEqual([expect.stringMatching(/^\.cache_[0-9a-f]{16}$/)]);
    expect((await cli(['--cache', '--cache-location=lint.cache', 'a.c'])).loads).toEqual(['8:9']);
    expect(existsSync(join(dir, 'lint.cache'))).toBe(true);
    // without --cache, --cache-location writes nothing (as ESLint)
    expect((await cli(['--cache-location', 'other.cache', 'a.c'])).loads).toEqual(['8:9']);
    expect(existsSync(join(dir, 'other.cache'))).toBe(false);
  });

  it('a corrupt cache file is ignored: silently, or said once on stderr with COINSTALLER_LINT_DEBUG', async () => {
    writeFileSync(join(dir, 'a.c'), installer('', '\n'));
    writeFileSync(join(dir, '.coinstaller-lint-cache'), '\u0000garbage');
    expect(await cli(['--cache', 'a.c'])).toEqual({ status: 1, stderr: '', loads: ['8:9'] });
    writeFileSync(join(dir, '.coinstaller-lint-cache'), '[]');
    const debug = await cli(['--cache', 'a.c'], { COINSTALLER_LINT_DEBUG: '1' });
    expect(debug.loads).toEqual(['8:9']);
    expect(debug.stderr).toBe(`coinstaller-lint: the cache file ${join(dir, '.coinstaller-lint-cache')} is not a coinstaller-lint cache of this format: ignored\n`);
  });

  it('--cache-strategy takes content only', async () => {
    expect((await cli(['--cache', '--cache-strategy', 'content', '--version'])).status).toBe(0);
    const r = await cli(['--cache-strategy', 'metadata']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--cache-strategy: only content is supported, got "metadata"');
  });
});
