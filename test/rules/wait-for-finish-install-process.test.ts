import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/wait-for-finish-install-process.js';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { Linter } from '../../engine/linter/linter.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';
import { checkFixedModules } from '../support/fix-checks.js';
import { checkDocExamples } from './rule-doc-examples.js';

const ID = 'wait-for-finish-install-process';
const FIXTURES = join(__dirname, '../fixtures/rules', ID);
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const RULE: RuleModule = rule;

/**
 * A helper `Run` holding `body` (lines already indented by four spaces), called by a co-installer
 * under `dif` (DIF_FINISHINSTALL_ACTION by default). The helper's first body line is line 9.
 */
function actionHelper(body: string, dif = 'DIF_FINISHINSTALL_ACTION'): string {
  return [
    '#include <windows.h>',
    '#include <setupapi.h>',
    '#include <shellapi.h>',
    '#include <process.h>',
    '#include <stdlib.h>',
    '#define DIF_FINISHINSTALL_ACTION 0x2A',
    'static DWORD Run(void)',
    '{',
    body,
    '    return NO_ERROR;',
    '}',
    '__declspec(dllexport) DWORD CALLBACK',
    'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
    '{',
    `    if (InstallFunction == ${dif}) {`,
    '        return Run();',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ].join('\n');
}

const START = [
  '    STARTUPINFOW si = { sizeof(si) };',
  '    PROCESS_INFORMATION pi;',
  '    WCHAR commandLine[] = L"ContosoTool.exe";',
].join('\n');
const CREATE = 'CreateProcessW(NULL, commandLine, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)';

const CASES: { valid: (string | ValidCase)[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'waited on with WaitForSingleObject, handles closed',
      code: actionHelper(`${START}\n    if (!${CREATE}) return GetLastError();\n    WaitForSingleObject(pi.hProcess, INFINITE);\n    CloseHandle(pi.hThread);\n    CloseHandle(pi.hProcess);`),
    },
    {
      name: 'waited on through a copy in an array, with MsgWaitForMultipleObjects',
      code: actionHelper(
        `${START}\n    HANDLE handles[1];\n    if (${CREATE}) {\n        handles[0] = pi.hProcess;\n        while (MsgWaitForMultipleObjects(1, handles, FALSE, INFINITE, QS_ALLINPUT) != WAIT_OBJECT_0) {\n            MSG msg;\n            while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) DispatchMessageW(&msg);\n        }\n        CloseHandle(pi.hThread);\n        CloseHandle(pi.hProcess);\n    }`,
      ),
    },
    {
      name: 'the process handed to a helper that waits',
      code: actionHelper(`${START}\n    if (${CREATE}) {\n        WaitAndClose(&pi);\n    }`).replace('static DWORD Run', 'void WaitAndClose(PROCESS_INFORMATION *Process);\nstatic DWORD Run'),
    },
    {
      name: 'not waited on, but under DIF_INSTALLDEVICE: that is no-process-outside-finish-install',
      code: actionHelper(`${START}\n    ${CREATE};`, 'DIF_INSTALLDEVICE'),
    },
    {
      name: 'system, _spawnl with _P_WAIT, and _P_NOWAIT waited with _cwait',
      code: actionHelper(
        '    int status;\n    intptr_t child;\n    system("ContosoTool.exe /register");\n    _spawnl(_P_WAIT, "ContosoTool.exe", "ContosoTool.exe", NULL);\n    child = _spawnl(_P_NOWAIT, "ContosoTool.exe", "ContosoTool.exe", NULL);\n    _cwait(&status, child, 0);',
      ),
    },
    {
      name: 'ShellExecuteEx with SEE_MASK_NOCLOSEPROCESS in its initializer, waited on',
      code: actionHelper(
        '    SHELLEXECUTEINFOW sei = { sizeof(sei), SEE_MASK_NOCLOSEPROCESS };\n    sei.lpFile = L"ContosoTool.exe";\n    if (ShellExecuteExW(&sei) && sei.hProcess != NULL) {\n        WaitForSingleObject(sei.hProcess, INFINITE);\n        CloseHandle(sei.hProcess);\n    }',
      ),
    },
    {
      name: 'process starts in comments, strings and #if 0',
      code: actionHelper(
        `    /* ${CREATE}; */\n    OutputDebugStringA("ShellExecuteA(NULL, \\"open\\", \\"x.exe\\", NULL, NULL, SW_SHOW)");\n#if 0\n    WinExec("ContosoTool.exe", SW_SHOW);\n#endif`,
      ),
    },
  ],
  invalid: [
    {
      name: 'if (CreateProcessW(...)) { close handles }: the wait goes first in the block',
      code: fixture('if-success.c'),
      output: fixture('if-success.fixed.c'),
      errors: [
        {
          messageId: 'notWaited',
          data: { api: 'CreateProcessW', entryPoint: 'CoInstaller', difCode: 'DIF_FINISHINSTALL_ACTION', handle: 'pi.hProcess' },
          line: 18,
          column: 9,
          endLine: 18,
          endColumn: 23,
          related: ['CoInstaller handles DIF_FINISHINSTALL_ACTION', 'calls RunCalibration()'],
        },
      ],
    },
    {
      name: 'if (!CreateProcessW(...)) return: the wait after it, the handles closed after their last use (CRLF kept)',
      code: crlf(fixture('negated-return.c')),
      output: crlf(fixture('negated-return.fixed.c')),
      errors: [{ messageId: 'notWaited', data: { api: 'CreateProcessW', entryPoint: 'CoInstaller', difCode: 'DIF_FINISHINSTALL_ACTION', handle: 'pi.hProcess' }, line: 19, column: 10 }],
    },
    {
      name: 'a bare CreateProcessW statement becomes an if that waits and closes',
      code: fixture('bare-statement.c'),
      output: fixture('bare-statement.fixed.c'),
      errors: [{ messageId: 'notWaited', line: 16, column: 5, endColumn: 19 }],
    },
    {
      name: 'ShellExecuteExW without SEE_MASK_NOCLOSEPROCESS: the flag added, then the wait',
      code: fixture('shellexecuteex-mask.c'),
      output: fixture('shellexecuteex-mask.fixed.c'),
      errors: [
        {
          messageId: 'noCloseProcessMask',
          data: { api: 'ShellExecuteExW', entryPoint: 'CoInstaller', difCode: 'DIF_FINISHINSTALL_ACTION', handle: 'sei.hProcess' },
          line: 19,
          column: 10,
          endColumn: 25,
        },
      ],
    },
    {
      name: 'ShellExecuteExW in a finish-install page procedure, fMask never set: the flag added (|=) before the call, then the wait',
      code: fixture('page-shellexecuteex.c'),
      output: fixture('page-shellexecuteex.fixed.c'),
      errors: [
        {
          messageId: 'noCloseProcessMask',
          data: { api: 'ShellExecuteExW', entryPoint: 'CoInstaller', difCode: 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', handle: 'sei.hProcess' },
          line: 14,
          column: 9,
          endColumn: 24,
          related: ['CoInstaller handles DIF_NEWDEVICEWIZARD_FINISHINSTALL', 'calls AddFinishPage()', 'creates a property page with procedure FinishPageProc()'],
        },
      ],
    },
    {
      name: 'ShellExecuteExW whose structure a helper fills first: the flag added with |=, keeping what the helper set',
      code: actionHelper('    SHELLEXECUTEINFOW sei;\n    FillShellInfo(&sei);\n    ShellExecuteExW(&sei);').replace('static DWORD Run', 'void FillShellInfo(SHELLEXECUTEINFOW *Info);\nstatic DWORD Run'),
      output: actionHelper(
        '    SHELLEXECUTEINFOW sei;\n    FillShellInfo(&sei);\n    sei.fMask |= SEE_MASK_NOCLOSEPROCESS;\n    if (ShellExecuteExW(&sei)) {\n        WaitForSingleObject(sei.hProcess, INFINITE);\n        CloseHandle(sei.hProcess);\n    }',
      ).replace('static DWORD Run', 'void FillShellInfo(SHELLEXECUTEINFOW *Info);\nstatic DWORD Run'),
      errors: [{ messageId: 'noCloseProcessMask', line: 12, column: 5 }],
    },
    {
      name: 'if (!CreateProcessW(...)) return; directly in the entry point\'s DIF_FINISHINSTALL_ACTION case',
      code: [
        '#include <windows.h>',
        '#include <setupapi.h>',
        '#define DIF_FINISHINSTALL_ACTION 0x2A',
        '',
        '__declspec(dllexport) DWORD CALLBACK',
        'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
        '{',
        '    STARTUPINFOW si = { sizeof(si) };',
        '    PROCESS_INFORMATION pi;',
        '    WCHAR commandLine[] = L"ContosoTool.exe";',
        '',
        '    switch (InstallFunction) {',
        '    case DIF_FINISHINSTALL_ACTION:',
        '        if (!CreateProcessW(NULL, commandLine, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))',
        '            return GetLastError();',
        '        CloseHandle(pi.hThread);',
        '        break;',
        '    default:',
        '        break;',
        '    }',
        '    return NO_ERROR;',
        '}',
        '',
      ].join('\n'),
      output: [
        '#include <windows.h>',
        '#include <setupapi.h>',
        '#define DIF_FINISHINSTALL_ACTION 0x2A',
        '',
        '__declspec(dllexport) DWORD CALLBACK',
        'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
        '{',
        '    STARTUPINFOW si = { sizeof(si) };',
        '    PROCESS_INFORMATION pi;',
        '    WCHAR commandLine[] = L"ContosoTool.exe";',
        '',
        '    switch (InstallFunction) {',
        '    case DIF_FINISHINSTALL_ACTION:',
        '        if (!CreateProcessW(NULL, commandLine, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))',
        '            return GetLastError();',
        '        WaitForSingleObject(pi.hProcess, INFINITE);',
        '        CloseHandle(pi.hThread);',
        '        CloseHandle(pi.hProcess);',
        '        break;',
        '    default:',
        '        break;',
        '    }',
        '    return NO_ERROR;',
        '}',
        '',
      ].join('\n'),
      errors: [{ messageId: 'notWaited', data: { api: 'CreateProcessW', entryPoint: 'CoInstaller', difCode: 'DIF_FINISHINSTALL_ACTION', handle: 'pi.hProcess' }, line: 14, column: 14, related: ['CoInstaller handles DIF_FINISHINSTALL_ACTION'] }],
    },
    {
      name: 'ShellExecuteW and WinExec give no handle: reported, not fixed',
      code: actionHelper('    ShellExecuteW(NULL, L"open", L"ContosoTool.exe", NULL, NULL, SW_SHOWNORMAL);\n    WinExec("ContosoTool.exe", SW_SHOWNORMAL);'),
      output: null,
      errors: [
        { messageId: 'noHandle', data: { api: 'ShellExecuteW', entryPoint: 'CoInstaller', difCode: 'DIF_FINISHINSTALL_ACTION' }, line: 9, column: 5, endColumn: 18 },
        { messageId: 'noHandle', data: { api: 'WinExec', entryPoint: 'CoInstaller', difCode: 'DIF_FINISHINSTALL_ACTION' }, line: 10, column: 5 },
      ],
    },
    {
      name: '_spawnl with _P_NOWAIT whose handle is dropped, and with _P_DETACH',
      code: actionHelper('    _spawnl(_P_NOWAIT, "ContosoTool.exe", "ContosoTool.exe", NULL);\n    _spawnl(_P_DETACH, "ContosoTool.exe", "ContosoTool.exe", NULL);'),
      output: null,
      errors: [
        { messageId: 'notWaited', data: { api: '_spawnl', entryPoint: 'CoInstaller', difCode: 'DIF_FINISHINSTALL_ACTION', handle: 'the returned handle' }, line: 9, column: 5 },
        { messageId: 'noHandle', data: { api: '_spawnl', entryPoint: 'CoInstaller', difCode: 'DIF_FINISHINSTALL_ACTION' }, line: 10, column: 5 },
      ],
    },
    {
      name: 'the result kept in a variable: reported, but no shape the fix rewrites',
      code: actionHelper(`${START}\n    BOOL started = ${CREATE};\n    if (started) {\n        CloseHandle(pi.hThread);\n        CloseHandle(pi.hProcess);\n    }`),
      output: null,
      errors: [{ messageId: 'notWaited', line: 12, column: 20 }],
    },
  ],
};

new RuleTester({ serviceProviders: [installerModelProvider] }).run(ID, RULE, CASES);

describe(`${ID} without the installer model`, () => {
  it('reports nothing', async () => {
    const parser = await CppParser.create();
    try {
      const linter = new Linter({ rules: new Map([[ID, RULE]]), parser });
      const config: ResolvedConfig = {
        filePath: null,
        rules: { [ID]: { severity: 2, options: [] } },
        settings: defaultSettings(),
        ignores: [],
        reportUnusedDisableDirectives: 0,
      };
      expect(linter.lintText(fixture('if-success.c'), '/m/installer.c', config)).toEqual([]);
    } finally {
      parser.delete();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Every fix, three ways: the exact text (above), the fixed file parses and re-lints clean, and
// mingw-w64 compiles it.

checkFixedModules(ID, RULE, {
  invalid: CASES.invalid,
  fixturesDir: FIXTURES,
  fixtures: [
    ['if-success.c', 'if-success.fixed.c', 'fix'],
    ['negated-return.c', 'negated-return.fixed.c', 'fix'],
    ['bare-statement.c', 'bare-statement.fixed.c', 'fix'],
    ['shellexecuteex-mask.c', 'shellexecuteex-mask.fixed.c', 'fix'],
    ['page-shellexecuteex.c', 'page-shellexecuteex.fixed.c', 'fix'],
  ],
  serviceProviders: [installerModelProvider],
});

// ---------------------------------------------------------------------------------------------
// The documentation's examples: every ```c block after "Incorrect:" gets a finding of this rule,
// every one after "Correct:" none, and both compile.

checkDocExamples(ID, RULE, [installerModelProvider], { prelude: false });
