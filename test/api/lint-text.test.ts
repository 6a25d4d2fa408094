/**
 * lintText (api/lint-text.ts): one text linted as part of its module, the other files given or
 * read from disk. Expectations are written from the guideline ("Displaying a user interface":
 * no UI while a DIF code other than DIF_FINISHINSTALL_ACTION runs) and counted by hand.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, lintText } from '../../api/index.js';

const ENTRY = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  '__declspec(dllexport) DWORD CALLBACK',
  'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
  '{',
  '    switch (InstallFunction) {',
  '    case DIF_INSTALLDEVICE:',
  '        MessageBoxW(NULL, L"Installing", L"Setup", MB_OK);',
  '        break;',
  '    case DIF_FINISHINSTALL_ACTION:',
  '        MessageBoxW(NULL, L"Done", L"Setup", MB_OK);',
  '        break;',
  '    default:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
].join('\n');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cil-api-text-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('lintText', () => {
  it('reports the message box under DIF_INSTALLDEVICE and not the one in the finish-install action', async () => {
    const result = await lintText(ENTRY, { cwd: dir, filePath: 'ci.c', moduleFiles: {} });
    expect(result.filePath).toBe(join(dir, 'ci.c'));
    expect(result.source).toBe(ENTRY);
    expect(result.messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn])).toEqual([
      // line 9: eight blanks, then MessageBoxW (11 characters)
      ['no-ui-outside-finish-install', 9, 9, 9, 20],
    ]);
    const [message] = result.messages;
    expect(message.severity).toBe(2);
    expect(message.message).toMatch(/^MessageBoxW shows user interface while CoInstaller handles DIF_INSTALLDEVICE/);
    // the chain starts at the case label that selects the code (line 8, column 10)
    expect(message.related?.[0]).toMatchObject({ filePath: join(dir, 'ci.c'), line: 8, column: 10, message: 'CoInstaller handles DIF_INSTALLDEVICE' });
    expect([result.errorCount, result.warningCount]).toEqual([1, 0]);
    expect('encoding' in result).toBe(false);
  });

  it('reads the UI through a helper of another file of the module, given in moduleFiles', async () => {
    const entry = ENTRY.replace('MessageBoxW(NULL, L"Installing", L"Setup", MB_OK);', 'WarnUser();');
    const ui = ['#include <windows.h>', '', 'void WarnUser(void)', '{', '    MessageBoxW(NULL, L"Careful", L"Setup", MB_OK);', '}', ''].join('\n');
    const result = await lintText(ui, { cwd: dir, filePath: 'ui.c', moduleFiles: { 'ci.c': entry } });
    expect(result.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['no-ui-outside-finish-install', 5, 5]]);
    expect(result.messages[0].related?.map((r) => [r.filePath, r.line, r.message])).toEqual([
      [join(dir, 'ci.c'), 8, 'CoInstaller handles DIF_INSTALLDEVICE'],
      [join(dir, 'ci.c'), 9, 'calls WarnUser()'],
    ]);
    // alone, the helper is reached from no entry point: nothing to report
    expect((await lintText(ui, { cwd: dir, filePath: 'ui.c', moduleFiles: {} })).messages).toEqual([]);
  });

  it('reads the rest of the module from disk, the text standing in for its own file', async () => {
    const entry = ENTRY.replace('MessageBoxW(NULL, L"Installing", L"Setup", MB_OK);', 'WarnUser();');
    writeFileSync(join(dir, 'ci.c'), entry);
    writeFileSync(join(dir, 'ci.def'), 'EXPORTS\n    CoInstaller\n');
    // on disk the helper shows nothing; the text being edited does
    writeFileSync(join(dir, 'ui.c'), 'void WarnUser(void)\n{\n}\n');
    const edited = 'void WarnUser(void)\n{\n    MessageBoxW(NULL, L"Careful", L"Setup", MB_OK);\n}\n';
    const result = await lintText(edited, { cwd: dir, filePath: 'ui.c' });
    expect(result.messages.map((m) => [m.ruleId, m.line, m.column, m.related?.[1]?.message])).toEqual([
      ['no-ui-outside-finish-install', 3, 5, 'calls WarnUser()'],
    ]);
  });

  it('computes fixes without writing: a co-installer passes ERROR_DI_DO_DEFAULT on, fixed to NO_ERROR', async () => {
    const text = ENTRY.replace('    return NO_ERROR;\n}', '    return ERROR_DI_DO_DEFAULT;\n}').replace(/ {8}MessageBoxW\(NULL, L"Installing".*\n/, '');
    writeFileSync(join(dir, 'ci.c'), text);
    const linted = await lintText(text, { cwd: dir, filePath: 'ci.c', moduleFiles: {} });
    expect(linted.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['unhandled-dif-return-code', 16, 12]]);
    expect(linted.output).toBeUndefined();
    const fixed = await lintText(text, { cwd: dir, filePath: 'ci.c', moduleFiles: {}, fix: true });
    expect(fixed.messages).toEqual([]);
    expect(fixed.output).toBe(text.replace('return ERROR_DI_DO_DEFAULT;', 'return NO_ERROR;'));
    expect(readFileSync(join(dir, 'ci.c'), 'utf8')).toBe(text);
  });

  it('takes the configuration found from the file, and rule overrides over it', async () => {
    mkdirSync(join(dir, 'quiet'));
    writeFileSync(join(dir, 'quiet', 'coinstaller-lint.json'), JSON.stringify({ rules: { 'no-ui-outside-finish-install': 'warn' } }));
    const warned = await lintText(ENTRY, { cwd: dir, filePath: 'quiet/ci.c', moduleFiles: {} });
    expect(warned.messages.map((m) => [m.ruleId, m.severity])).toEqual([['no-ui-outside-finish-install', 1]]);
    expect([warned.errorCount, warned.warningCount]).toEqual([0, 1]);
    const off = await lintText(ENTRY, { cwd: dir, filePath: 'quiet/ci.c', moduleFiles: {}, ruleOverrides: { 'no-ui-outside-finish-install': 'off' } });
    expect(off.messages).toEqual([]);
  });

  it('throws ConfigError for an invalid configuration', async () => {
    writeFileSync(join(dir, 'coinstaller-lint.json'), JSON.stringify({ rules: { 'no-such-rule': 'error' } }));
    await expect(lintText(ENTRY, { cwd: dir, filePath: 'ci.c', moduleFiles: {} })).rejects.toBeInstanceOf(ConfigError);
  });
});
