import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-process-outside-finish-install.js';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { Linter } from '../../engine/linter/linter.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';
import { checkFixedModules } from '../support/fix-checks.js';
import { checkDocExamples } from './rule-doc-examples.js';

const ID = 'no-process-outside-finish-install';
const FIXTURES = join(__dirname, '../fixtures/rules', ID);
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const RULE: RuleModule = rule;

/** A co-installer whose switch runs each body (already indented) under its DIF code; `before` goes above it. */
function coInstaller(cases: Record<string, string>, before = ''): string {
  const lines = [
    '#include <windows.h>',
    '#include <setupapi.h>',
    before,
    '__declspec(dllexport) DWORD CALLBACK',
    'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
    '{',
    '    switch (InstallFunction) {',
  ];
  for (const [code, body] of Object.entries(cases)) lines.push(`    case ${code}:`, body, '        break;');
  lines.push('    default:', '        break;', '    }', '    return NO_ERROR;', '}', '');
  return lines.join('\n');
}

const RUN_AND_WAIT = [
  'static DWORD RunUpdater(void)',
  '{',
  '    STARTUPINFOW si = { sizeof(si) };',
  '    PROCESS_INFORMATION pi;',
  '    WCHAR commandLine[] = L"ContosoUpdate.exe";',
  '    if (!CreateProcessW(NULL, commandLine, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return GetLastError();',
  '    WaitForSingleObject(pi.hProcess, INFINITE);',
  '    CloseHandle(pi.hThread);',
  '    CloseHandle(pi.hProcess);',
  '    return NO_ERROR;',
  '}',
].join('\n');

const CASES: { valid: (string | ValidCase)[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'CreateProcess only under DIF_FINISHINSTALL_ACTION',
      code: coInstaller({ DIF_FINISHINSTALL_ACTION: '        RunUpdater();' }, `#define DIF_FINISHINSTALL_ACTION 0x2A\n${RUN_AND_WAIT}`),
    },
    {
      name: 'a process started from a button of a finish-install wizard page',
      code: [
        '#include <windows.h>',
        '#include <prsht.h>',
        '#include <setupapi.h>',
        '#include <shellapi.h>',
        'static INT_PTR CALLBACK FinishPageProc(HWND Page, UINT Message, WPARAM WParam, LPARAM LParam)',
        '{',
        '    if (Message == WM_COMMAND && LOWORD(WParam) == 1001) {',
        '        SHELLEXECUTEINFOW sei = { sizeof(sei), SEE_MASK_NOCLOSEPROCESS, Page, L"open", L"ContosoCalibrate.exe" };',
        '        if (ShellExecuteExW(&sei)) { WaitForSingleObject(sei.hProcess, INFINITE); CloseHandle(sei.hProcess); }',
        '    }',
        '    return FALSE;',
        '}',
        'static void AddFinishPage(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
        '{',
        '    SP_NEWDEVICEWIZARD_DATA wizard;',
        '    PROPSHEETPAGEW page = { sizeof(page) };',
        '    wizard.ClassInstallHeader.cbSize = sizeof(SP_CLASSINSTALL_HEADER);',
        '    if (!SetupDiGetClassInstallParamsW(DeviceInfoSet, DeviceInfoData, &wizard.ClassInstallHeader, sizeof(wizard), NULL)) return;',
        '    page.pfnDlgProc = FinishPageProc;',
        '    wizard.DynamicPages[wizard.NumDynamicPages++] = CreatePropertySheetPageW(&page);',
        '    SetupDiSetClassInstallParamsW(DeviceInfoSet, DeviceInfoData, &wizard.ClassInstallHeader, sizeof(wizard));',
        '}',
        coInstaller({ DIF_NEWDEVICEWIZARD_FINISHINSTALL: '        AddFinishPage(DeviceInfoSet, DeviceInfoData);' }).split('\n').slice(2).join('\n'),
      ].join('\n'),
    },
    {
      name: 'a helper that starts a process, reachable only from DllMain',
      code: [
        '#include <windows.h>',
        'static void StartLogger(void) { WinExec("contosolog.exe", SW_HIDE); }',
        'BOOL WINAPI DllMain(HINSTANCE Instance, DWORD Reason, LPVOID Reserved)',
        '{',
        '    if (Reason == DLL_PROCESS_DETACH && Reserved == NULL) StartLogger();',
        '    return TRUE;',
        '}',
        coInstaller({ DIF_INSTALLDEVICE: '        OutputDebugStringW(L"install");' }).split('\n').slice(1).join('\n'),
      ].join('\n'),
    },
    {
      name: 'project functions whose names only look like process APIs',
      code: coInstaller({ DIF_INSTALLDEVICE: '        CreateProcessList();\n        systemInfo();\n        ShellExecuteLogger(L"x");\n        WinExecPolicy(0);' }),
    },
    {
      name: 'process starts in comments, strings and #if 0',
      code: coInstaller({
        DIF_INSTALLDEVICE: [
          '        // WinExec("contoso.exe", SW_SHOW);',
          '        OutputDebugStringA("system(\\"contoso.exe\\")");',
          '        {',
          '#if 0',
          '            system("contoso.exe");',
          '#endif',
          '        }',
        ].join('\n'),
      }),
    },
    {
      name: 'a C++ method named like a C run-time function',
      filename: 'installer.cpp',
      code: coInstaller({ DIF_INSTALLDEVICE: '        settings.system(L"x");\n        pipes->_popen();' }, 'struct Settings { void system(const wchar_t *); } settings;\nstruct Pipes { void _popen(); } *pipes;'),
    },
  ],
  invalid: [
    {
      name: 'WinExec directly in DIF_INSTALLDEVICE: a suggestion to move it into the action',
      code: coInstaller({ DIF_INSTALLDEVICE: '        WinExec("ContosoTray.exe", SW_SHOWNORMAL);' }),
      output: null,
      errors: [
        {
          messageId: 'process',
          data: { api: 'WinExec', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 9,
          column: 9,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'moveToAction',
              desc: 'Move WinExec() into a finish-install action',
              output: [
                '#include <windows.h>',
                '#include <setupapi.h>',
                '',
                '/* Older SDK headers lack the Windows Vista finish-install constants. */',
                '#ifndef DIF_FINISHINSTALL_ACTION',
                '#define DIF_FINISHINSTALL_ACTION 0x0000002A',
                '#endif',
                '#ifndef DI_FLAGSEX_FINISHINSTALL_ACTION',
                '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x00000008L',
                '#endif',
                '',
                '__declspec(dllexport) DWORD CALLBACK',
                'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
                '{',
                '    switch (InstallFunction) {',
                '    case DIF_NEWDEVICEWIZARD_FINISHINSTALL: {',
                '        /* Ask Windows for a finish-install action; set it here, and only when one is needed. */',
                '        SP_DEVINSTALL_PARAMS_W params;',
                '        params.cbSize = sizeof(params);',
                '        if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params)) {',
                '            params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;',
                '            SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);',
                '        }',
                '        break;',
                '    }',
                '    case DIF_FINISHINSTALL_ACTION:',
                '        /* Interactive context: a process may start here; wait for it to exit. A co-installer',
                '         * returns NO_ERROR when done. */',
                '        WinExec("ContosoTray.exe", SW_SHOWNORMAL);',
                '        break;',
                '    default:',
                '        break;',
                '    }',
                '    return NO_ERROR;',
                '}',
                '',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'CreateProcessW in a helper called on DIF_INSTALLDEVICE (waiting does not make it right)',
      code: fixture('helper-createprocess.c'),
      output: null,
      errors: [
        {
          messageId: 'process',
          data: { api: 'CreateProcessW', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 13,
          column: 9,
          endColumn: 23,
          // StartTray() sets up and waits besides starting: its call moves, and the title says to review it
          suggestions: [{ messageId: 'moveToAction', desc: 'Move StartTray() into a finish-install action (check what else it does)', output: fixture('helper-createprocess.suggested.c') }],
          related: ['CoInstaller handles DIF_INSTALLDEVICE', 'calls StartTray()'],
        },
      ],
    },
    {
      name: 'system() in a helper in another file of the DLL, reached through a return: no suggestion',
      filename: 'tools.c',
      code: '#include <stdlib.h>\nint RegisterTools(void)\n{\n    return system("contosoreg.exe /register");\n}\n',
      moduleFiles: { 'coinstaller.c': coInstaller({ DIF_REGISTERDEVICE: '        return (DWORD)RegisterTools();' }, 'int RegisterTools(void);') },
      output: null,
      errors: [
        {
          messageId: 'process',
          data: { api: 'system', entryPoint: 'CoInstaller', difCode: 'DIF_REGISTERDEVICE' },
          line: 4,
          column: 12,
          endColumn: 18,
          suggestions: null,
          related: ['CoInstaller handles DIF_REGISTERDEVICE', 'calls RegisterTools()'],
        },
      ],
    },
    {
      name: 'WinExec hidden in a macro of the module',
      code: coInstaller({ DIF_INSTALLDEVICE: '        LAUNCH("ContosoTray.exe");' }, '#define LAUNCH(cmd) WinExec((cmd), SW_SHOWNORMAL)'),
      output: null,
      errors: [{ messageId: 'process', data: { api: 'WinExec (through macro LAUNCH)', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 9, column: 9, endColumn: 15 }],
    },
    {
      name: 'a DI_QUIETINSTALL test does not make a process acceptable on DIF_REMOVE',
      code: coInstaller({
        DIF_REMOVE: [
          '        {',
          '            SP_DEVINSTALL_PARAMS_W p;',
          '            p.cbSize = sizeof(p);',
          '            if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &p) && (p.Flags & DI_QUIETINSTALL) == 0) {',
          '                ShellExecuteW(NULL, L"open", L"https://www.contoso.com/uninstall", NULL, NULL, SW_SHOWNORMAL);',
          '            }',
          '        }',
        ].join('\n'),
      }, '#include <shellapi.h>'),
      output: null,
      errors: [{ messageId: 'processQuietGuarded', data: { api: 'ShellExecuteW', entryPoint: 'CoInstaller', difCode: 'DIF_REMOVE' }, line: 13, column: 17 }],
    },
    {
      name: 'a process API added in the config, and _spawnl, in one handler',
      code: coInstaller({ DIF_INSTALLDEVICE: '        ContosoLaunch(L"tray");\n        _spawnl(_P_NOWAIT, "contoso.exe", "contoso.exe", NULL);' }, '#include <process.h>'),
      settings: { processApis: ['ContosoLaunch'] },
      output: null,
      errors: [
        { messageId: 'process', data: { api: 'ContosoLaunch', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 9, column: 9 },
        { messageId: 'process', data: { api: '_spawnl', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 10, column: 9 },
      ],
    },
  ],
};

new RuleTester({ serviceProviders: [installerModelProvider] }).run(ID, RULE, CASES);

describe(`${ID} without the installer model`, () => {
  it('reports nothing, even a process started on DIF_INSTALLDEVICE', async () => {
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
      expect(linter.lintText(fixture('helper-createprocess.c'), '/m/installer.c', config)).toEqual([]);
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
  fixtures: [['helper-createprocess.c', 'helper-createprocess.suggested.c', 'suggestion']],
  serviceProviders: [installerModelProvider],
});

// ---------------------------------------------------------------------------------------------
// The documentation's examples: every ```c block after "Incorrect:" gets a finding of this rule,
// every one after "Correct:" none, and both compile.

checkDocExamples(ID, RULE, [installerModelProvider], { prelude: false });
