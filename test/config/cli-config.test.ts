/** The CLI side of the config: a broken or unreadable config is exit status 2 with one clear line. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../../cli/main.js';

/** A co-installer that loads a DLL while handling DIF_INSTALLDEVICE: no-dll-load reports it (an error). */
const COINSTALLER = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  'DWORD CALLBACK CoDeviceInstall(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,',
  '                               PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
  '{',
  '    switch (InstallFunction) {',
  '    case DIF_INSTALLDEVICE:',
  '        LoadLibraryW(L"helper.dll");',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
].join('\n');

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'coinstaller-lint-cli-config-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'a.c'), COINSTALLER);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: root,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

describe('CLI and coinstaller-lint.json', () => {
  it('a broken config: exit 2, file:line:col, key and expectation, no stack trace', async () => {
    writeFileSync(join(root, 'coinstaller-lint.json'), '{\n  "rules": {\n    "no-dll-load": "eror"\n  }\n}\n');
    const r = await cli(['src']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'coinstaller-lint: invalid configuration: coinstaller-lint.json:3:20: rules.no-dll-load: expected one of "off", "warn", "error", 0, 1, 2, or an array [level, ...options], got "eror" (did you mean "error"?)\n',
    );
  });

  it('--config naming a missing file: exit 2', async () => {
    const r = await cli(['--config', 'missing.json', 'src']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('coinstaller-lint: invalid configuration: missing.json: no such file\n');
  });

  it('a config that turns the rule off is obeyed, and its ignores are relative to its folder', async () => {
    expect((await cli(['--format', 'json', 'src'])).code).toBe(1); // without a config: recommended, an error
    writeFileSync(join(root, 'coinstaller-lint.json'), '{ "rules": { "no-dll-load": "off" } }');
    expect((await cli(['--format', 'json', 'src'])).code).toBe(0);
    writeFileSync(join(root, 'coinstaller-lint.json'), '{ "ignores": ["src/a.c"] }');
    writeFileSync(join(root, 'src', 'b.c'), 'int ok;\n');
    const r = await cli(['--format', 'json', 'src']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((x) => x.filePath)).toEqual([join(root, 'src', 'b.c')]);
  });

  it('an unknown --rule id: exit 2 with a suggestion', async () => {
    const r = await cli(['--rule', 'no-dll-lod:off', 'src']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('coinstaller-lint: invalid configuration: rules.no-dll-lod: unknown rule (did you mean "no-dll-load"?)\n');
  });
});
