import { describe } from 'vitest';
import rule from '../../rules/no-state-in-dll.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';
import { checkFixesCompile } from '../support/fix-checks.js';
import { checkDocExamples } from './rule-doc-examples.js';

const asModule: RuleModule = rule;
const lines = (...l: string[]) => l.join('\n') + '\n';
const HEAD = ['#include <windows.h>', '#include <setupapi.h>', ''];
const CO = 'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)';

/**
 * The helpers the suggestion inserts, as the rule's documentation describes them: within 80
 * columns, only the casts the types need.
 */
const HELPERS = [
  '/* State lives in the driver key; Windows unloads the DLL after each DIF code. */',
  'static DWORD ReadDeviceState(HDEVINFO Set, PSP_DEVINFO_DATA Device,',
  '                             LPCWSTR Name, DWORD Default)',
  '{',
  '    DWORD value = 0;',
  '    DWORD type = 0;',
  '    DWORD size = sizeof(value);',
  '    LONG status;',
  '    HKEY key = SetupDiOpenDevRegKey(Set, Device, DICS_FLAG_GLOBAL, 0, DIREG_DRV,',
  '                                    KEY_QUERY_VALUE);',
  '',
  '    if (key == INVALID_HANDLE_VALUE) {',
  '        return Default;',
  '    }',
  '    status = RegQueryValueExW(key, Name, NULL, &type, (LPBYTE)&value, &size);',
  '    RegCloseKey(key);',
  '    return status == ERROR_SUCCESS && type == REG_DWORD ? value : Default;',
  '}',
  '',
  'static BOOL WriteDeviceState(HDEVINFO Set, PSP_DEVINFO_DATA Device,',
  '                             LPCWSTR Name, DWORD Value)',
  '{',
  '    LONG status;',
  '    HKEY key = SetupDiOpenDevRegKey(Set, Device, DICS_FLAG_GLOBAL, 0, DIREG_DRV,',
  '                                    KEY_SET_VALUE);',
  '',
  '    if (key == INVALID_HANDLE_VALUE) {',
  '        return FALSE;',
  '    }',
  '    status = RegSetValueExW(key, Name, 0, REG_DWORD, (const BYTE *)&Value,',
  '                            sizeof(Value));',
  '    RegCloseKey(key);',
  '    return status == ERROR_SUCCESS;',
  '}',
  '',
];

// A file whose lines fit in 80 columns: the write is wrapped at 80. g_Count is static and every use
// is converted, so its declaration goes (with the blank line after it).
const counter = lines(...HEAD, 'static DWORD g_Count = 5;', '', 'static DWORD OnInstall(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)', '{', '    g_Count += 2;', '    return g_Count;', '}');
const counterFixed = lines(
  ...HEAD,
  ...HELPERS,
  'static DWORD OnInstall(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
  '{',
  '    WriteDeviceState(DeviceInfoSet, DeviceInfoData, L"Count",',
  '                     ReadDeviceState(DeviceInfoSet, DeviceInfoData,',
  '                                     L"Count", 5) + 2);',
  '    return ReadDeviceState(DeviceInfoSet, DeviceInfoData, L"Count", 5);',
  '}',
);

// Without the model: writes in any function but DllMain.
const validNoModel: (string | ValidCase)[] = [
  { name: 'the module handle saved in DllMain', code: 'static HMODULE g_Module;\nBOOL WINAPI DllMain(HINSTANCE i, DWORD r, LPVOID x) { g_Module = i; return TRUE; }' },
  { name: 'a constant table is read, not written', code: 'static const DWORD g_Codes[2] = { 1, 2 };\nDWORD f(int i) { return g_Codes[i]; }' },
  { name: 'a local shadows the global', code: 'static int g;\nvoid f(void) { int g = 0; g++; }' },
  { name: 'a parameter shadows the global', code: 'static int g;\nvoid f(int g) { g = 1; }' },
  { name: 'Context->PrivateData carries data within one DIF code', code: `${CO}\n{\n    Context->PrivateData = (PVOID)1;\n    return NO_ERROR;\n}\n` },
  {
    name: 'ClassInstallReserved is a field of the install parameters, not a variable of the DLL',
    code: 'void f(HDEVINFO s, PSP_DEVINFO_DATA d) { SP_DEVINSTALL_PARAMS_W p; p.ClassInstallReserved = 0; SetupDiSetDeviceInstallParamsW(s, d, &p); }',
  },
  { name: 'writing through a global pointer is not writing the global', code: 'static int *g_p;\nvoid f(void) { *g_p = 1; }' },
  { name: 'a static local is only initialised', code: 'int f(void) { static const int k = 3; static int n = 4; return k + n; }' },
];

const invalidNoModel: InvalidCase[] = [
  {
    code: 'static DWORD g_Count;\nvoid f(void)\n{\n    g_Count++;\n}\n',
    errors: [
      { messageId: 'writeAnywhere', data: { variable: 'g_Count', function: 'f', scope: 'file-scope variable' }, line: 4, column: 5, endLine: 4, endColumn: 12, suggestions: null },
    ],
  },
  {
    name: 'compound assignment where a device is at hand: the driver-key suggestion',
    code: counter,
    errors: [
      {
        messageId: 'writeAnywhere',
        data: { variable: 'g_Count', function: 'OnInstall', scope: 'file-scope variable' },
        line: 8,
        column: 5,
        endColumn: 12,
        suggestions: [{ messageId: 'useDriverKey', output: counterFixed }],
      },
    ],
  },
  {
    name: 'CRLF: the suggestion keeps the line endings',
    code: counter.replace(/\n/g, '\r\n'),
    errors: [{ messageId: 'writeAnywhere', line: 8, column: 5, suggestions: [{ output: counterFixed.replace(/\n/g, '\r\n') }] }],
  },
  {
    name: 'a static local',
    code: 'void f(void)\n{\n    static BOOL done;\n    if (!done) {\n        done = TRUE;\n    }\n}\n',
    errors: [{ messageId: 'writeAnywhere', data: { variable: 'done', function: 'f', scope: 'static variable' }, line: 5, column: 9, endColumn: 13 }],
  },
  {
    name: 'a field of a global struct and an element of a global array',
    code: 'static struct { int count; } g_State;\nstatic WCHAR g_Name[32];\nvoid f(void) { g_State.count = 1; g_Name[0] = 0; }\n',
    errors: [
      { messageId: 'writeAnywhere', data: { variable: 'g_State', function: 'f', scope: 'file-scope variable' }, line: 3, column: 16, endColumn: 23, suggestions: null },
      { messageId: 'writeAnywhere', data: { variable: 'g_Name', function: 'f', scope: 'file-scope variable' }, line: 3, column: 35, endColumn: 41 },
    ],
  },
  {
    name: 'the address passed to a call that fills it',
    code: 'static SYSTEMTIME g_Installed;\nvoid f(void) { GetSystemTime(&g_Installed); }\n',
    errors: [
      { messageId: 'addressPassedAnywhere', data: { variable: 'g_Installed', callee: 'GetSystemTime', function: 'f', scope: 'file-scope variable' }, line: 2, column: 31, endColumn: 42 },
    ],
  },
  {
    name: 'a cast to a typedef name before the address (parsed as a bitwise and)',
    code: 'static DWORD g_v;\nvoid f(HKEY k) { DWORD n = 4; RegQueryValueExW(k, L"v", NULL, NULL, (LPBYTE)&g_v, &n); }\n',
    errors: [
      { messageId: 'addressPassedAnywhere', data: { variable: 'g_v', callee: 'RegQueryValueExW', function: 'f', scope: 'file-scope variable' }, line: 2, column: 78, endColumn: 81 },
    ],
  },
  {
    name: 'an emoji on the line: UTF-16 columns',
    code: 'static int g;\nvoid f(void) { Log("🙂"); g = 2; }\n',
    errors: [{ messageId: 'writeAnywhere', line: 2, column: 27, endColumn: 28 }],
  },
];

new RuleTester().run('no-state-in-dll', asModule, { valid: validNoModel, invalid: invalidNoModel });

const module = (...body: string[]) =>
  lines(
    ...HEAD,
    'static DWORD g_Count;',
    'static HMODULE g_Module;',
    '',
    'BOOL WINAPI DllMain(HINSTANCE i, DWORD r, LPVOID x) { g_Module = i; return TRUE; }',
    '',
    'static DWORD OnInstall(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
    '{',
    ...body,
    '    return NO_ERROR;',
    '}',
    '',
    CO,
    '{',
    '    switch (InstallFunction) {',
    '    case DIF_INSTALLDEVICE:',
    '        return OnInstall(DeviceInfoSet, DeviceInfoData);',
    '    case DIF_REMOVE:',
    '        return g_Count > 0 ? NO_ERROR : ERROR_DI_DONT_INSTALL;',
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
  );
describe('with the installer model', () => {
  new RuleTester({ serviceProviders: [installerModelProvider] }).run('no-state-in-dll', asModule, {
    valid: [
      module('    UNREFERENCED_PARAMETER(DeviceInfoSet);'),
      {
        name: 'a rundll32 export of the DLL that no entry point reaches',
        code: module() + 'static int g_Runs;\nvoid CALLBACK Tool(HWND w, HINSTANCE i, LPSTR c, int s) { g_Runs++; }\n',
      },
      { name: 'a helper that only DllMain calls', code: 'static int g_Ready;\nstatic void Init(void) { g_Ready = 1; }\nBOOL WINAPI DllMain(HINSTANCE i, DWORD r, LPVOID x) { Init(); return TRUE; }\n' },
      { name: 'Context->PrivateData', code: `${CO}\n{\n    Context->PrivateData = NULL;\n    return NO_ERROR;\n}\n` },
      { name: 'a local that shadows the global', code: module('    DWORD g_Count = 0;', '    g_Count++;') },
    ],
    invalid: [
      {
        name: 'written under DIF_INSTALLDEVICE, read under DIF_REMOVE',
        code: module('    g_Count++;'),
        errors: [
          {
            messageId: 'write',
            data: { variable: 'g_Count', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE', scope: 'file-scope variable' },
            line: 11,
            column: 5,
            endColumn: 12,
            related: ['CoInstaller handles DIF_INSTALLDEVICE', 'calls OnInstall()', 'g_Count is read here while CoInstaller handles DIF_REMOVE'],
            suggestions: [
              {
                output: lines(
                  ...HEAD,
                  'static HMODULE g_Module;',
                  '',
                  'BOOL WINAPI DllMain(HINSTANCE i, DWORD r, LPVOID x) { g_Module = i; return TRUE; }',
                  '',
                  ...HELPERS,
                  'static DWORD OnInstall(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
                  '{',
                  '    WriteDeviceState(DeviceInfoSet, DeviceInfoData, L"Count",',
                  '                     ReadDeviceState(DeviceInfoSet, DeviceInfoData, L"Count", 0) + 1);',
                  '    return NO_ERROR;',
                  '}',
                  '',
                  CO,
                  '{',
                  '    switch (InstallFunction) {',
                  '    case DIF_INSTALLDEVICE:',
                  '        return OnInstall(DeviceInfoSet, DeviceInfoData);',
                  '    case DIF_REMOVE:',
                  '        return ReadDeviceState(DeviceInfoSet, DeviceInfoData,',
                  '                               L"Count", 0) > 0 ? NO_ERROR : ERROR_DI_DONT_INSTALL;',
                  '    default:',
                  '        break;',
                  '    }',
                  '    return NO_ERROR;',
                  '}',
                ),
              },
            ],
          },
        ],
      },
      {
        name: 'a static local in a helper',
        code: module('    static int calls;', '    calls = calls + 1;'),
        errors: [{ messageId: 'write', data: { variable: 'calls', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE', scope: 'static variable' }, line: 12, column: 5, endColumn: 10 }],
      },
      {
        name: 'the address of a global passed to a call',
        code: module('    SetupDiGetDeviceRegistryPropertyW(DeviceInfoSet, DeviceInfoData, SPDRP_CONFIGFLAGS, NULL, (PBYTE)&g_Count, sizeof(g_Count), NULL);'),
        errors: [
          {
            messageId: 'addressPassed',
            data: { variable: 'g_Count', callee: 'SetupDiGetDeviceRegistryPropertyW', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE', scope: 'file-scope variable' },
            line: 11,
            column: 103,
            endColumn: 110,
          },
        ],
      },
      {
        name: 'written directly in the entry point',
        code: lines(...HEAD, 'static BOOL g_Seen;', '', CO, '{', '    if (InstallFunction == DIF_SELECTBESTCOMPATDRV) {', '        g_Seen = TRUE;', '    }', '    return NO_ERROR;', '}'),
        errors: [
          {
            messageId: 'write',
            data: { variable: 'g_Seen', entryPoint: 'CoInstaller', difCode: 'DIF_SELECTBESTCOMPATDRV', scope: 'file-scope variable' },
            line: 9,
            column: 9,
            suggestions: [
              {
                output: lines(
                  ...HEAD,
                  ...HELPERS,
                  CO,
                  '{',
                  '    if (InstallFunction == DIF_SELECTBESTCOMPATDRV) {',
                  '        WriteDeviceState(DeviceInfoSet, DeviceInfoData, L"Seen", TRUE);',
                  '    }',
                  '    return NO_ERROR;',
                  '}',
                ),
              },
            ],
          },
        ],
      },
      {
        name: 'written in another file of the module',
        code: 'extern DWORD g_Count;\nvoid Bump(void)\n{\n    g_Count = 7;\n}\n',
        filename: 'helpers.c',
        moduleFiles: { 'installer.c': lines(...HEAD, 'DWORD g_Count;', 'void Bump(void);', '', CO, '{', '    if (InstallFunction == DIF_INSTALLDEVICE) {', '        Bump();', '    }', '    return NO_ERROR;', '}') },
        errors: [{ messageId: 'write', data: { variable: 'g_Count', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE', scope: 'file-scope variable' }, line: 4, column: 5, endColumn: 12 }],
      },
    ],
  });
});

checkFixesCompile('no-state-in-dll', asModule, [
  { name: 'keeping a counter in the driver key', code: counter, apply: { finding: 0, suggestion: 0 }, output: counterFixed },
  {
    name: 'a flag set with = and read in another function with a device',
    code: lines(
      ...HEAD,
      'static BOOL g_Done;',
      '',
      'static void Mark(HDEVINFO set, PSP_DEVINFO_DATA data)',
      '{',
      '    g_Done = TRUE;',
      '}',
      '',
      'static BOOL Check(HDEVINFO set, PSP_DEVINFO_DATA data)',
      '{',
      '    return g_Done;',
      '}',
    ),
    apply: { finding: 0, suggestion: 0 },
    output: lines(
      ...HEAD,
      ...HELPERS,
      'static void Mark(HDEVINFO set, PSP_DEVINFO_DATA data)',
      '{',
      '    WriteDeviceState(set, data, L"Done", TRUE);',
      '}',
      '',
      'static BOOL Check(HDEVINFO set, PSP_DEVINFO_DATA data)',
      '{',
      '    return (BOOL)ReadDeviceState(set, data, L"Done", 0);',
      '}',
    ),
  },
]);

checkFixesCompile(
  'no-state-in-dll (with the installer model)',
  asModule,
  [
    {
      name: 'write in a helper, read in the entry point under another DIF code',
      code: module('    g_Count++;'),
      apply: { finding: 0, suggestion: 0 },
      output: module('    g_Count++;')
        .replace('static DWORD g_Count;\n', '')
        .replace('static DWORD OnInstall', `${HELPERS.join('\n')}\nstatic DWORD OnInstall`)
        .replace(
          '    g_Count++;',
          '    WriteDeviceState(DeviceInfoSet, DeviceInfoData, L"Count",\n                     ReadDeviceState(DeviceInfoSet, DeviceInfoData, L"Count", 0) + 1);',
        )
        .replace('return g_Count > 0', 'return ReadDeviceState(DeviceInfoSet, DeviceInfoData,\n                               L"Count", 0) > 0'),
    },
  ],
  [installerModelProvider],
);

checkDocExamples('no-state-in-dll', asModule);
