import { describe } from 'vitest';
import rule from '../../rules/no-service-control.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester } from '../support/rule-tester.js';
import { checkDocExamples } from './rule-doc-examples.js';

const asModule: RuleModule = rule;

/** A co-installer whose switch holds `cases` from line 7 on (cases indented 4, statements 8). */
function coInstaller(cases: string, before = ''): string {
  return (
    '#include <windows.h>\n#include <setupapi.h>\n' +
    before +
    '\nDWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)\n' +
    '{\n    switch (InstallFunction) {\n' +
    cases +
    '    default:\n        break;\n    }\n    return NO_ERROR;\n}\n'
  );
}

// Without the installer model every call is reported, with a message that names no DIF code.
new RuleTester().run('no-service-control', asModule, {
  valid: [
    { name: 'querying a service is not controlling it', code: 'void f(SC_HANDLE m) { OpenServiceW(m, L"contoso", SERVICE_QUERY_STATUS); }' },
    { name: 'the service side of a service is not in the list', code: 'void f(void) { StartServiceCtrlDispatcherW(NULL); }' },
    '/* StartServiceW(s, 0, NULL); */\nint x;',
    'const char *name = "CreateServiceW";',
    'void f(void) { VendorStartServiceHelper(); }',
    { code: 'void f(SC_HANDLE s) { StartServiceW(s, 0, NULL); }', filename: 'contoso.inf' },
  ],
  invalid: [
    {
      code: 'void f(SC_HANDLE s) {\n    StartServiceW(s, 0, NULL);\n}\n',
      errors: [{ messageId: 'serviceControlAnywhere', data: { api: 'StartServiceW' }, line: 2, column: 5, endLine: 2, endColumn: 18 }],
    },
    {
      code: 'void f(SC_HANDLE s, SERVICE_STATUS st) { ControlService(s, 1, &st); }',
      errors: [{ messageId: 'serviceControlAnywhere', data: { api: 'ControlService' }, line: 1, column: 42, endColumn: 56 }],
    },
    {
      name: 'CreateServiceA and ChangeServiceConfig2W in one function',
      code: 'void f(SC_HANDLE m) {\n\tCreateServiceA(m, "a", "a", 0, 0, 0, 0, "a.sys", NULL, NULL, NULL, NULL, NULL);\n\tChangeServiceConfig2W(m, 1, NULL);\n}\n',
      errors: [
        { messageId: 'serviceControlAnywhere', data: { api: 'CreateServiceA' }, line: 2, column: 2, endColumn: 16 },
        { messageId: 'serviceControlAnywhere', data: { api: 'ChangeServiceConfig2W' }, line: 3, column: 2, endColumn: 23 },
      ],
    },
    {
      name: 'C++ global-scope call',
      code: 'void f(SC_HANDLE s) { ::ControlServiceExW(s, 1, 0, NULL); }',
      filename: 'installer.cpp',
      errors: [{ messageId: 'serviceControlAnywhere', data: { api: 'ControlServiceExW' }, column: 25, endColumn: 42 }],
    },
    {
      name: "installing another INF section's services from code creates services too",
      code: 'void f(HINF inf) {\n    SetupInstallServicesFromInfSectionW(inf, L"Audio.Services", 0);\n    SetupInstallServicesFromInfSectionExA(inf, "x", 0, NULL, NULL, NULL, NULL);\n}\n',
      errors: [
        { messageId: 'serviceControlAnywhere', data: { api: 'SetupInstallServicesFromInfSectionW' }, line: 2, column: 5, endColumn: 40 },
        { messageId: 'serviceControlAnywhere', data: { api: 'SetupInstallServicesFromInfSectionExA' }, line: 3, column: 5, endColumn: 42 },
      ],
    },
    {
      name: 'CRLF line endings',
      code: 'void f(SC_HANDLE s)\r\n{\r\n    StartServiceA(s, 0, NULL);\r\n}\r\n',
      errors: [{ messageId: 'serviceControlAnywhere', line: 3, column: 5, endColumn: 18 }],
    },
  ],
});

describe('with the installer model', () => {
  new RuleTester({ serviceProviders: [installerModelProvider] }).run('no-service-control', asModule, {
    valid: [
      {
        name: 'a function no entry point reaches (a rundll32 entry of the same DLL)',
        code: coInstaller('', '\nvoid CALLBACK RestartService(HWND w, HINSTANCE i, LPSTR cmd, int show)\n{\n    StartServiceW(NULL, 0, NULL);\n}\n'),
      },
      {
        name: 'DllMain is not a DIF context',
        code: coInstaller('', '\nBOOL WINAPI DllMain(HINSTANCE i, DWORD reason, LPVOID r)\n{\n    StartServiceW(NULL, 0, NULL);\n    return TRUE;\n}\n'),
      },
      {
        name: 'allowed in the finish-install action by option',
        code: coInstaller('    case DIF_FINISHINSTALL_ACTION:\n        StartServiceW(NULL, 0, NULL);\n        break;\n'),
        options: [{ allowInFinishInstall: true }],
      },
      coInstaller('    case DIF_INSTALLDEVICE:\n        OpenServiceW(NULL, L"contoso", SERVICE_QUERY_STATUS);\n        break;\n'),
      coInstaller('    case DIF_INSTALLDEVICE:\n        /* StartServiceW(s, 0, NULL); */\n        break;\n'),
    ],
    invalid: [
      {
        code: coInstaller('    case DIF_INSTALLDEVICE:\n        StartServiceW(NULL, 0, NULL);\n        break;\n'),
        errors: [
          {
            messageId: 'serviceControl',
            data: { api: 'StartServiceW', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
            line: 8,
            column: 9,
            endColumn: 22,
          },
        ],
      },
      {
        name: "another INF section's services installed under DIF_INSTALLDEVICE, CRLF",
        code: coInstaller('    case DIF_INSTALLDEVICE:\n        SetupInstallServicesFromInfSectionW(NULL, L"Audio.Services", 0);\n        break;\n').replace(/\n/g, '\r\n'),
        errors: [
          {
            messageId: 'serviceControl',
            data: { api: 'SetupInstallServicesFromInfSectionW', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
            line: 8,
            column: 9,
            endColumn: 44,
          },
        ],
      },
      {
        name: 'through a helper',
        code: coInstaller(
          '    case DIF_REMOVE:\n        StopIt();\n        break;\n',
          '\nstatic void StopIt(void)\n{\n    SERVICE_STATUS st;\n    ControlService(NULL, SERVICE_CONTROL_STOP, &st);\n}\n',
        ),
        errors: [{ messageId: 'serviceControl', data: { api: 'ControlService', entryPoint: 'CoInstaller', difCode: 'DIF_REMOVE' }, line: 7, column: 5 }],
      },
      {
        name: 'in the finish-install action: still reported by default, with its own message',
        code: coInstaller('    case DIF_FINISHINSTALL_ACTION:\n        CreateServiceW(NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL);\n        break;\n'),
        errors: [{ messageId: 'serviceControlInteractive', data: { api: 'CreateServiceW', entryPoint: 'CoInstaller', difCode: 'DIF_FINISHINSTALL_ACTION' }, line: 8, column: 9 }],
      },
      {
        name: 'a non-interactive context wins over an interactive one',
        code: coInstaller(
          '    case DIF_FINISHINSTALL_ACTION:\n    case DIF_INSTALLDEVICE:\n        ChangeServiceConfigW(NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL);\n        break;\n',
        ),
        options: [{ allowInFinishInstall: true }],
        errors: [{ messageId: 'serviceControl', data: { api: 'ChangeServiceConfigW', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 9, column: 9 }],
      },
      {
        name: 'if-chain entry point',
        code:
          'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)\n' +
          '{\n    if (InstallFunction == DIF_INSTALLDEVICE) {\n        StartServiceA(NULL, 0, NULL);\n    }\n    return NO_ERROR;\n}\n',
        errors: [{ messageId: 'serviceControl', data: { api: 'StartServiceA', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 4, column: 9, endColumn: 22 }],
      },
    ],
  });
});

checkDocExamples('no-service-control', asModule);
