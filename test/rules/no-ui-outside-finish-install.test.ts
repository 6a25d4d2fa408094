import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-ui-outside-finish-install.js';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { Linter } from '../../engine/linter/linter.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';
import { checkFixedModules } from '../support/fix-checks.js';
import { checkDocExamples } from './rule-doc-examples.js';

const ID = 'no-ui-outside-finish-install';
const FIXTURES = join(__dirname, '../fixtures/rules', ID);
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const RULE: RuleModule = rule;

/** A co-installer whose switch runs `body` (lines of one case each, already indented) per DIF code. */
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

const MB = '        MessageBoxW(NULL, L"Done", L"Contoso", MB_OK);';

const CASES: { valid: (string | ValidCase)[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'UI only in the finish-install action',
      code: coInstaller({ DIF_FINISHINSTALL_ACTION: MB }, '#define DIF_FINISHINSTALL_ACTION 0x2A'),
    },
    {
      name: 'UI only in the dialog procedure of a finish-install wizard page',
      code: [
        '#include <windows.h>',
        '#include <prsht.h>',
        '#include <setupapi.h>',
        'static HINSTANCE g_Instance;',
        'static INT_PTR CALLBACK FinishPageProc(HWND Page, UINT Message, WPARAM WParam, LPARAM LParam)',
        '{',
        '    if (Message == WM_INITDIALOG) {',
        '        MessageBoxW(Page, L"Choose the sensor range.", L"Contoso", MB_OK);',
        '    }',
        '    return FALSE;',
        '}',
        'static void AddFinishPage(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
        '{',
        '    SP_NEWDEVICEWIZARD_DATA wizard;',
        '    PROPSHEETPAGEW page;',
        '    wizard.ClassInstallHeader.cbSize = sizeof(SP_CLASSINSTALL_HEADER);',
        '    if (!SetupDiGetClassInstallParamsW(DeviceInfoSet, DeviceInfoData, &wizard.ClassInstallHeader, sizeof(wizard), NULL)) return;',
        '    ZeroMemory(&page, sizeof(page));',
        '    page.dwSize = sizeof(page);',
        '    page.hInstance = g_Instance;',
        '    page.pszTemplate = MAKEINTRESOURCEW(100);',
        '    page.pfnDlgProc = FinishPageProc;',
        '    wizard.DynamicPages[wizard.NumDynamicPages++] = CreatePropertySheetPageW(&page);',
        '    SetupDiSetClassInstallParamsW(DeviceInfoSet, DeviceInfoData, &wizard.ClassInstallHeader, sizeof(wizard));',
        '}',
        '__declspec(dllexport) DWORD CALLBACK',
        'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
        '{',
        '    if (InstallFunction == DIF_NEWDEVICEWIZARD_FINISHINSTALL) {',
        '        AddFinishPage(DeviceInfoSet, DeviceInfoData);',
        '    }',
        '    return NO_ERROR;',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'a helper with UI reachable only from DllMain',
      code: [
        '#include <windows.h>',
        '#include <setupapi.h>',
        'static void ReportLoadFailure(void) { MessageBoxW(NULL, L"x", L"y", MB_OK); }',
        'BOOL WINAPI DllMain(HINSTANCE Instance, DWORD Reason, LPVOID Reserved)',
        '{',
        '    if (Reason == DLL_PROCESS_ATTACH && Instance == NULL) ReportLoadFailure();',
        '    return TRUE;',
        '}',
        coInstaller({ DIF_INSTALLDEVICE: '        OutputDebugStringW(L"install");' }).split('\n').slice(2).join('\n'),
      ].join('\n'),
    },
    {
      name: 'project functions whose names only look like UI APIs',
      code: coInstaller({
        DIF_INSTALLDEVICE: '        MessageBoxLog(L"Done");\n        ShowWindowTitle(L"x");\n        CreateDialogTemplateInRegistry(DeviceInfoSet);',
      }),
    },
    {
      name: 'UI calls in comments, strings and #if 0',
      code: coInstaller({
        DIF_INSTALLDEVICE: [
          '        /* MessageBoxW(NULL, L"Done", L"Contoso", MB_OK); */',
          '        // DialogBoxParamW(NULL, NULL, NULL, NULL, 0);',
          '        OutputDebugStringA("MessageBoxA(NULL, \\"x\\", \\"y\\", MB_OK);");',
          '#if 0',
          '        MessageBoxW(NULL, L"Done", L"Contoso", MB_OK);',
          '#endif',
        ].join('\n'),
      }),
    },
    {
      name: 'UI in a function no entry point reaches (a rundll32 entry)',
      code: [
        '#include <windows.h>',
        'void CALLBACK ContosoConfigureW(HWND Window, HINSTANCE Instance, LPWSTR CommandLine, int Show)',
        '{',
        '    MessageBoxW(Window, CommandLine, L"Contoso", MB_OK);',
        '}',
        coInstaller({ DIF_INSTALLDEVICE: '        OutputDebugStringW(L"install");' }).split('\n').slice(1).join('\n'),
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'MessageBoxW directly in DIF_INSTALLDEVICE: moved into a new finish-install action',
      code: fixture('switch-direct.c'),
      output: fixture('switch-direct.fixed.c'),
      errors: [
        {
          messageId: 'ui',
          data: { api: 'MessageBoxW', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 15,
          column: 9,
          endLine: 15,
          endColumn: 20,
          suggestions: null,
          related: ['CoInstaller handles DIF_INSTALLDEVICE'],
        },
      ],
    },
    {
      name: 'a comment above the call in a case that goes with the move describes that place: it goes too',
      code: fixture('switch-direct.c').replace('    case DIF_INSTALLDEVICE:\n', '    case DIF_INSTALLDEVICE:\n        /* Core installation: nobody sees this. */\n'),
      output: fixture('switch-direct.fixed.c'),
      errors: [{ messageId: 'ui', line: 16, column: 9 }],
    },
    {
      name: 'the domain example: a thin UI wrapper called on DIF_INSTALLDEVICE, its call moved (CRLF kept)',
      code: crlf(fixture('thin-wrapper.c')),
      output: crlf(fixture('thin-wrapper.fixed.c')),
      errors: [
        {
          messageId: 'ui',
          data: { api: 'MessageBoxW', entryPoint: 'ContosoCoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 8,
          column: 5,
          endColumn: 16,
          related: ['ContosoCoInstaller handles DIF_INSTALLDEVICE', 'calls WarnAboutFirmware()'],
        },
      ],
    },
    {
      name: 'a class installer with an if / else-if chain',
      code: fixture('if-chain-class-installer.c'),
      output: fixture('if-chain-class-installer.fixed.c'),
      errors: [
        {
          messageId: 'ui',
          data: { api: 'DialogBoxParamW', entryPoint: 'ClassInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 19,
          column: 9,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'UI two helpers deep: a suggestion that moves the helper call, no automatic fix',
      code: fixture('deep-helper.c'),
      output: null,
      errors: [
        {
          messageId: 'ui',
          data: { api: 'MessageBoxW', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 7,
          column: 5,
          endColumn: 16,
          suggestions: [{ messageId: 'moveToAction', output: fixture('deep-helper.suggested.c') }],
          related: ['CoInstaller handles DIF_INSTALLDEVICE', 'calls CheckFirmware()', 'calls ShowError()'],
        },
      ],
    },
    {
      name: 'a message box hidden in a macro of the module: moved like the call itself',
      code: coInstaller(
        { DIF_INSTALLDEVICE: '        SHOW_ERROR(L"The sensor is not calibrated.");' },
        '#define SHOW_ERROR(m) MessageBoxW(NULL, (m), L"Contoso", MB_OK | MB_ICONERROR)',
      ),
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
        '#define SHOW_ERROR(m) MessageBoxW(NULL, (m), L"Contoso", MB_OK | MB_ICONERROR)',
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
        '        /* Interactive context: UI is allowed here. A co-installer returns NO_ERROR when done. */',
        '        SHOW_ERROR(L"The sensor is not calibrated.");',
        '        break;',
        '    default:',
        '        break;',
        '    }',
        '    return NO_ERROR;',
        '}',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'ui',
          data: { api: 'MessageBoxW (through macro SHOW_ERROR)', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 9,
          column: 9,
          endColumn: 19,
        },
      ],
    },
    {
      name: 'a UI API added in the config, in a helper in another file of the DLL: a suggestion, the file is only read',
      filename: 'ui.c',
      code: '#include <windows.h>\nvoid Notify(void)\n{\n    ContosoShowBalloon(L"Installed");\n}\n',
      moduleFiles: { 'coinstaller.c': coInstaller({ DIF_INSTALLDEVICE: '        Notify();' }, 'void Notify(void);') },
      settings: { uiApis: ['ContosoShowBalloon'] },
      output: null,
      errors: [
        {
          messageId: 'ui',
          data: { api: 'ContosoShowBalloon', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 4,
          column: 5,
          endColumn: 23,
          // Notify() only shows UI: its call moves, but in coinstaller.c, which this lint only reads
          // (its edits are in the fix's other files: test/rules/no-ui-outside-finish-install-cross-file.test.ts)
          suggestions: [
            {
              desc: 'Move Notify() into a finish-install action (in a file not linted)',
              output: '#include <windows.h>\nvoid Notify(void)\n{\n    ContosoShowBalloon(L"Installed");\n}\n',
            },
          ],
          related: ['CoInstaller handles DIF_INSTALLDEVICE', 'calls Notify()'],
        },
      ],
    },
    {
      name: 'UI on a thread started from DIF_INSTALLDEVICE',
      code: coInstaller(
        { DIF_INSTALLDEVICE: '        CloseHandle(CreateThread(NULL, 0, AskUser, NULL, 0, NULL));' },
        'static DWORD WINAPI AskUser(LPVOID Parameter)\n{\n    return (DWORD)MessageBoxW(NULL, L"Keep settings?", L"Contoso", MB_YESNO);\n}',
      ),
      output: null,
      errors: [{ messageId: 'ui', data: { api: 'MessageBoxW', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 5, column: 19, related: ['CoInstaller handles DIF_INSTALLDEVICE', 'starts a thread running AskUser() (CreateThread)'] }],
    },
    {
      name: 'a statement that uses a local of the entry point: a suggestion only',
      code: coInstaller(
        { DIF_INSTALLDEVICE: '        MessageBoxW(NULL, text, L"Contoso", MB_OK);' },
        '',
      ).replace('{\n    switch', '{\n    WCHAR text[] = L"Installed";\n\n    switch'),
      output: null,
      errors: [
        {
          messageId: 'ui',
          line: 11,
          column: 9,
          suggestions: [
            {
              messageId: 'moveToAction',
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
                '    WCHAR text[] = L"Installed";',
                '',
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
                '        /* Interactive context: UI is allowed here. A co-installer returns NO_ERROR when done. */',
                '        MessageBoxW(NULL, text, L"Contoso", MB_OK);',
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
  ],
};

new RuleTester({ serviceProviders: [installerModelProvider] }).run(ID, RULE, CASES);

// Without the installer model nothing can tell a finish-install action from core installation:
// the rule stays silent rather than flag correct code.
describe(`${ID} without the installer model`, () => {
  it('reports nothing, even UI on DIF_INSTALLDEVICE', async () => {
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
      expect(linter.lintText(fixture('switch-direct.c'), '/m/installer.c', config)).toEqual([]);
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
    ['switch-direct.c', 'switch-direct.fixed.c', 'fix'],
    ['thin-wrapper.c', 'thin-wrapper.fixed.c', 'fix'],
    ['if-chain-class-installer.c', 'if-chain-class-installer.fixed.c', 'fix'],
    ['deep-helper.c', 'deep-helper.suggested.c', 'suggestion'],
  ],
  serviceProviders: [installerModelProvider],
});

// ---------------------------------------------------------------------------------------------
// The documentation's examples: every ```c block after "Incorrect:" gets a finding of this rule,
// every one after "Correct:" none, and both compile.

checkDocExamples(ID, RULE, [installerModelProvider], { prelude: false });
