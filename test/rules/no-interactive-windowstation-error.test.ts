import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/no-interactive-windowstation-error.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';
import { checkFixedModules } from '../support/fix-checks.js';
import { checkDocExamples } from './rule-doc-examples.js';

const ID = 'no-interactive-windowstation-error';
const FIXTURES = join(__dirname, '../fixtures/rules', ID);
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const RULE: RuleModule = rule;

/** A co-installer whose switch runs `body` for DIF_INSTALLDEVICE; `before` goes above it. */
function coInstaller(body: string, before = ''): string {
  return [
    '#include <windows.h>',
    '#include <setupapi.h>',
    before,
    '__declspec(dllexport) DWORD CALLBACK',
    'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
    '{',
    '    switch (InstallFunction) {',
    '    case DIF_INSTALLDEVICE:',
    body,
    '        break;',
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ].join('\n');
}

const CASES: { valid: (string | ValidCase)[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'compared, not returned',
      code: coInstaller('        if (GetLastError() == ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION) {\n            OutputDebugStringW(L"no window station");\n        }'),
    },
    {
      name: 'in a comment, a string and #if 0',
      code: coInstaller(
        [
          '        /* return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION; */',
          '        OutputDebugStringA("return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;");',
          '        {',
          '#if 0',
          '            return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;',
          '#endif',
          '        }',
        ].join('\n'),
      ),
    },
    {
      name: 'passed as an argument and used as a case label',
      code: coInstaller(
        '        SetLastError(ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION);\n        switch (GetLastError()) {\n        case ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION:\n            break;\n        }',
      ),
    },
    {
      name: 'a project constant with a longer name',
      code: coInstaller('        return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION_TEXT_ID;', '#define ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION_TEXT_ID 7'),
    },
    {
      name: 'in a function only DllMain reaches',
      code: [
        '#include <windows.h>',
        'static DWORD g_LastStatus;',
        'static void Remember(void) { g_LastStatus = ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION; }',
        'BOOL WINAPI DllMain(HINSTANCE Instance, DWORD Reason, LPVOID Reserved)',
        '{',
        '    if (Reason == DLL_PROCESS_ATTACH) Remember();',
        '    return TRUE;',
        '}',
        coInstaller('        OutputDebugStringW(L"install");').split('\n').slice(1).join('\n'),
      ].join('\n'),
    },
    {
      name: 'in an exported function that is not an installer entry point',
      code: [
        '#include <windows.h>',
        '__declspec(dllexport) DWORD CALLBACK ContosoCheckSession(void)',
        '{',
        '    return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;',
        '}',
        coInstaller('        OutputDebugStringW(L"install");').split('\n').slice(1).join('\n'),
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'returned on DIF_INSTALLDEVICE: request a finish-install action instead',
      code: fixture('return-in-handler.c'),
      output: fixture('return-in-handler.fixed.c'),
      errors: [
        {
          messageId: 'windowstationErrorInContext',
          data: { how: 'returned', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 16,
          column: 20,
          endLine: 16,
          endColumn: 60,
          related: ['CoInstaller handles DIF_INSTALLDEVICE'],
        },
      ],
    },
    {
      name: 'CRLF line endings and a non-BMP character before the constant: UTF-16 columns, CRLF kept',
      code: crlf(fixture('return-in-handler.c').replace('return ERROR_REQUIRES', 'return /* 😀 */ ERROR_REQUIRES')),
      output: crlf(fixture('return-in-handler.fixed.c').replace('return NO_ERROR;\n        }', 'return /* 😀 */ NO_ERROR;\n        }')),
      errors: [{ messageId: 'windowstationErrorInContext', line: 16, column: 29, endLine: 16, endColumn: 69 }],
    },
    {
      name: 'assigned as the result of a class installer (if chain)',
      code: fixture('class-installer-assign.c'),
      output: fixture('class-installer-assign.fixed.c'),
      errors: [
        {
          messageId: 'windowstationErrorInContext',
          data: { how: 'assigned', entryPoint: 'ClassInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 12,
          column: 22,
          endColumn: 62,
        },
      ],
    },
    {
      name: 'returned (in parentheses) by a helper; the entry point already requests the action',
      code: fixture('helper-return.c'),
      output: fixture('helper-return.fixed.c'),
      errors: [
        {
          messageId: 'windowstationErrorInContext',
          data: { how: 'returned', entryPoint: 'CoInstaller', difCode: 'DIF_REMOVE' },
          line: 15,
          column: 17,
          related: ['CoInstaller handles DIF_REMOVE', 'calls ConfirmRemoval()'],
        },
      ],
    },
    {
      name: 'an initial value in a declaration, returned through a conditional',
      code: coInstaller(
        '        {\n            DWORD result = SetupGetNonInteractiveMode() ? ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION : NO_ERROR;\n            return result;\n        }',
        '#define DIF_FINISHINSTALL_ACTION 0x2A\n#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x8L',
      ),
      output: [
        '#include <windows.h>',
        '#include <setupapi.h>',
        '#define DIF_FINISHINSTALL_ACTION 0x2A',
        '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x8L',
        '__declspec(dllexport) DWORD CALLBACK',
        'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
        '{',
        '    switch (InstallFunction) {',
        '    case DIF_INSTALLDEVICE:',
        '        {',
        '            DWORD result = NO_ERROR;',
        '            return result;',
        '        }',
        '        break;',
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
        '        /* Finish-install action: do the interactive work here. */',
        '        break;',
        '    default:',
        '        break;',
        '    }',
        '    return NO_ERROR;',
        '}',
        '',
      ].join('\n'),
      errors: [{ messageId: 'windowstationErrorInContext', data: { how: 'assigned', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 11, column: 59 }],
    },
    {
      name: 'returned unconditionally by a helper in another file: nothing says the user is needed, so a suggestion that also edits the entry point\'s file',
      filename: 'session.c',
      code: '#include <windows.h>\nDWORD CheckSession(void)\n{\n    return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;\n}\n',
      moduleFiles: { 'coinstaller.c': coInstaller('        return CheckSession();', 'DWORD CheckSession(void);') },
      output: null,
      errors: [
        {
          messageId: 'windowstationErrorInContext',
          data: { how: 'returned', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 4,
          column: 12,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'requestAction',
              desc: 'Give NO_ERROR as the result and request a finish-install action',
              output: '#include <windows.h>\nDWORD CheckSession(void)\n{\n    return NO_ERROR;\n}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'in a helper in another file, whose entry point already handles both finish-install codes: a suggestion that replaces the constant',
      filename: 'session.c',
      code: '#include <windows.h>\nDWORD CheckSession(void)\n{\n    return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;\n}\n',
      moduleFiles: {
        'coinstaller.c': coInstaller(
          '        return CheckSession();\n    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:\n        RequestAction(DeviceInfoSet, DeviceInfoData);\n        break;\n    case DIF_FINISHINSTALL_ACTION:\n        AskUser();',
          'DWORD CheckSession(void);\nvoid RequestAction(HDEVINFO, PSP_DEVINFO_DATA);\nvoid AskUser(void);\n#define DIF_FINISHINSTALL_ACTION 0x2A',
        ),
      },
      output: null,
      errors: [
        {
          messageId: 'windowstationErrorInContext',
          data: { how: 'returned', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 4,
          column: 12,
          suggestions: [{ messageId: 'resultOnly', output: '#include <windows.h>\nDWORD CheckSession(void)\n{\n    return NO_ERROR;\n}\n' }],
        },
      ],
    },
  ],
};

new RuleTester({ serviceProviders: [installerModelProvider] }).run(ID, RULE, CASES);

// Without the installer model every return or assignment is reported (the constant has no other
// use in an installer DLL), without a DIF code and without a fix.
new RuleTester().run(`${ID} (no installer model)`, RULE, {
  valid: ['DWORD f(void) { if (GetLastError() == ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION) return 1; return 0; }'],
  invalid: [
    {
      code: 'DWORD f(void)\n{\n    return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;\n}\n',
      output: null,
      errors: [{ messageId: 'windowstationError', data: { how: 'returned' }, line: 3, column: 12, endColumn: 52 }],
    },
    {
      code: 'void f(DWORD *result) { *result = ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION; }',
      output: null,
      errors: [{ messageId: 'windowstationError', data: { how: 'assigned' }, line: 1, column: 35 }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// Every fix, three ways: the exact text (above), the fixed file parses and re-lints clean, and
// mingw-w64 compiles it.

checkFixedModules(ID, RULE, {
  invalid: CASES.invalid,
  fixturesDir: FIXTURES,
  fixtures: [
    ['return-in-handler.c', 'return-in-handler.fixed.c', 'fix'],
    ['class-installer-assign.c', 'class-installer-assign.fixed.c', 'fix'],
    ['helper-return.c', 'helper-return.fixed.c', 'fix'],
  ],
  serviceProviders: [installerModelProvider],
});

// ---------------------------------------------------------------------------------------------
// The documentation's examples: every ```c block after "Incorrect:" gets a finding of this rule,
// every one after "Correct:" none, and both compile.

checkDocExamples(ID, RULE, [installerModelProvider], { prelude: false });
