/**
 * no-coinstaller-class-install-reserved: ClassInstallReserved (SP_DEVINSTALL_PARAMS) belongs to
 * the class installer, which may keep its private data there and frees it on
 * DIF_DESTROYPRIVATEDATA; co-installers must not read or write it (docs/installer-facts.md#classinstallreserved;
 * Microsoft's DIF_DESTROYPRIVATEDATA page: "Co-installers should not use the ClassInstallReserved
 * field"). Expected findings are written from that, positions counted by hand (1-based, UTF-16).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-coinstaller-class-install-reserved.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';
import { hasMingw, mingwSyntaxCheck } from '../support/mingw.js';
import { checkDocExamples } from './rule-doc-examples.js';

const ID = 'no-coinstaller-class-install-reserved';
const RULE: RuleModule = rule;
const HEAD = ['#include <windows.h>', '#include <setupapi.h>'];
const CO_SIGNATURE =
  'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)';
const lines = (...l: string[]) => [...l, ''].join('\n');

/**
 * A co-installer with a local `params` (SP_DEVINSTALL_PARAMS_W) whose switch holds `cases`.
 * Without `before`: the signature is line 3, `params` is declared on line 5, the cases start on line 8.
 */
function coInstaller(cases: string[], before: string[] = []): string {
  return lines(
    ...HEAD,
    ...before,
    CO_SIGNATURE,
    '{',
    '    SP_DEVINSTALL_PARAMS_W params;',
    '    params.cbSize = sizeof(params);',
    '    switch (InstallFunction) {',
    ...cases,
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
  );
}

/** A class installer keeping its private data in ClassInstallReserved and freeing it on DIF_DESTROYPRIVATEDATA. */
const CLASS_INSTALLER_OWN_DATA = lines(
  ...HEAD,
  'typedef struct _CLASS_DATA { DWORD Version; } CLASS_DATA;',
  'DWORD CALLBACK ClassInstall(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
  '{',
  '    SP_DEVINSTALL_PARAMS_W params;',
  '    params.cbSize = sizeof(params);',
  '    if (!SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params)) return ERROR_DI_DO_DEFAULT;',
  '    switch (InstallFunction) {',
  '    case DIF_INSTALLDEVICE:',
  '        if (params.ClassInstallReserved == 0) {',
  '            params.ClassInstallReserved = (ULONG_PTR)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(CLASS_DATA));',
  '            SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);',
  '        }',
  '        break;',
  '    case DIF_DESTROYPRIVATEDATA:',
  '        HeapFree(GetProcessHeap(), 0, (PVOID)params.ClassInstallReserved);',
  '        params.ClassInstallReserved = 0;',
  '        SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);',
  '        break;',
  '    default:',
  '        break;',
  '    }',
  '    return ERROR_DI_DO_DEFAULT;',
  '}',
);

const GET_PARAMS = '        SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);';
const SET_PARAMS = '        SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);';

/** The co-installer writes the field directly: the class installer's pointer is lost. */
const DIRECT_WRITE = coInstaller([
  '    case DIF_INSTALLDEVICE:', // 8
  GET_PARAMS, // 9
  '        params.ClassInstallReserved = (ULONG_PTR)LocalAlloc(LPTR, 64);', // 10
  SET_PARAMS, // 11
  '        break;',
]);

/** The helper of helpers.c, linted; coinstaller.c (a module file) calls it under DIF_INSTALLDEVICE. */
const HELPER_FILE = lines(
  ...HEAD,
  'DWORD SaveCookie(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PSP_DEVINSTALL_PARAMS_W Params)', // 3
  '{',
  '    Params->ClassInstallReserved++;', // 5
  '    if (!SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, Params)) return GetLastError();',
  '    return (DWORD)Params->ClassInstallReserved;', // 7
  '}',
);
const HELPER_PROTOTYPE = 'DWORD SaveCookie(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PSP_DEVINSTALL_PARAMS_W Params);';
const CALLS_HELPER = coInstaller(
  ['    case DIF_INSTALLDEVICE:', GET_PARAMS, '        return SaveCookie(DeviceInfoSet, DeviceInfoData, &params);'],
  [HELPER_PROTOTYPE],
);

/** The DLL's own struct with a field of the same name. */
const OWN_STRUCT = 'typedef struct _COOKIE { DWORD Size; ULONG_PTR ClassInstallReserved; } COOKIE, *PCOOKIE;';

// ---------------------------------------------------------------------------------------------
// Without the installer model: uses written directly in a function with the co-installer prototype.

const WITHOUT_MODEL: { valid: (string | ValidCase)[]; invalid: InvalidCase[] } = {
  valid: [
    { name: 'a class installer keeps its data there and frees it on DIF_DESTROYPRIVATEDATA', code: CLASS_INSTALLER_OWN_DATA },
    {
      name: 'a function that is no installer (without the model nothing says who calls it)',
      code: lines(...HEAD, 'void Reset(PSP_DEVINSTALL_PARAMS_W p) { p->ClassInstallReserved = 0; }'),
    },
    {
      name: 'in #if 0 and under sizeof in the co-installer',
      code: coInstaller([
        '    case DIF_INSTALLDEVICE:',
        '#if 0',
        '        params.ClassInstallReserved = 0;',
        '#endif',
        '        if (sizeof(params.ClassInstallReserved) != sizeof(ULONG_PTR)) return ERROR_INVALID_DATA;',
        '        break;',
      ]),
    },
  ],
  invalid: [
    {
      name: 'written directly in the co-installer',
      code: DIRECT_WRITE,
      output: null,
      errors: [
        {
          messageId: 'reservedInEntryPoint',
          data: { access: 'written', function: 'CoInstaller' },
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 36,
          suggestions: null,
        },
      ],
    },
  ],
};

new RuleTester().run(ID, RULE, WITHOUT_MODEL);

// ---------------------------------------------------------------------------------------------
// With the installer model: any code a co-installer entry point reaches, with the chain.

const WITH_MODEL: { valid: (string | ValidCase)[]; invalid: InvalidCase[] } = {
  valid: [
    { name: 'a class installer keeps its data there and frees it on DIF_DESTROYPRIVATEDATA', code: CLASS_INSTALLER_OWN_DATA },
    {
      name: 'the compliant co-installer: Context->PrivateData from pre- to post-processing',
      code: coInstaller([
        '    case DIF_INSTALLDEVICE:',
        '        if (!Context->PostProcessing) {',
        '            Context->PrivateData = LocalAlloc(LPTR, 64);',
        '            return ERROR_DI_POSTPROCESSING_REQUIRED;',
        '        }',
        '        LocalFree(Context->PrivateData);',
        '        break;',
      ]),
    },
    {
      name: 'code no entry point reaches (a rundll32 export of the same DLL)',
      code: coInstaller(
        ['    case DIF_INSTALLDEVICE:', '        break;'],
        [
          'void CALLBACK ResetReserved(HWND Window, HINSTANCE Instance, LPSTR CommandLine, int Show)',
          '{',
          '    SP_DEVINSTALL_PARAMS_W params;',
          '    params.ClassInstallReserved = 0;',
          '}',
        ],
      ),
    },
    {
      name: 'a helper only DllMain reaches',
      code: coInstaller(
        ['    case DIF_INSTALLDEVICE:', '        break;'],
        [
          'static void ClearReserved(PSP_DEVINSTALL_PARAMS_W Params) { Params->ClassInstallReserved = 0; }',
          'BOOL WINAPI DllMain(HINSTANCE Instance, DWORD Reason, LPVOID Reserved)',
          '{',
          '    SP_DEVINSTALL_PARAMS_W params;',
          '    if (Reason == DLL_PROCESS_ATTACH) ClearReserved(&params);',
          '    return TRUE;',
          '}',
        ],
      ),
    },
    {
      // The decision: a field of a struct the DLL declares itself is the DLL's own, not the
      // class installer's, and using it clobbers nothing. Told apart where the object's type is
      // in sight (a variable, parameter or cast of the file's own type, `this`); an object of
      // unknown type is taken to be SP_DEVINSTALL_PARAMS (the name is Windows').
      name: 'a struct of the co-installer with a field of the same name',
      code: coInstaller(
        [
          '    case DIF_INSTALLDEVICE: {',
          '        COOKIE cookie = { .Size = sizeof(COOKIE), .ClassInstallReserved = 0 };',
          '        struct { ULONG_PTR ClassInstallReserved; } local;',
          '        local.ClassInstallReserved = cookie.ClassInstallReserved;',
          '        Context->PrivateData = LocalAlloc(LPTR, sizeof(COOKIE));',
          '        ((PCOOKIE)Context->PrivateData)->ClassInstallReserved = local.ClassInstallReserved;',
          '        return ERROR_DI_POSTPROCESSING_REQUIRED;',
          '    }',
        ],
        [OWN_STRUCT, 'static void Clear(PCOOKIE c) { c->ClassInstallReserved = 0; }'],
      ),
    },
    {
      name: 'C++: a member of the DLL\'s own class, through this->',
      filename: 'installer.cpp',
      code: lines(
        ...HEAD,
        'struct Cookie {',
        '    ULONG_PTR ClassInstallReserved;',
        '    void Reset() { this->ClassInstallReserved = 0; }',
        '};',
        `extern "C" ${CO_SIGNATURE}`,
        '{',
        '    Cookie cookie;',
        '    if (InstallFunction == DIF_INSTALLDEVICE) cookie.Reset();',
        '    return NO_ERROR;',
        '}',
      ),
    },
    {
      name: 'named but not used: sizeof, comments, strings, #if 0',
      code: coInstaller([
        '    case DIF_INSTALLDEVICE:',
        '        /* params.ClassInstallReserved = 0; */',
        '        OutputDebugStringA("params.ClassInstallReserved");',
        '        if (sizeof(params.ClassInstallReserved) != sizeof(ULONG_PTR)) return ERROR_INVALID_DATA;',
        '#if 0',
        '        params.ClassInstallReserved = 0;',
        '#endif',
        '        break;',
      ]),
    },
    {
      name: 'other fields of the install parameters',
      code: coInstaller(['    case DIF_INSTALLDEVICE:', GET_PARAMS, '        params.Flags |= DI_NEEDREBOOT;', SET_PARAMS, '        break;']),
    },
  ],
  invalid: [
    {
      name: 'read directly in the co-installer',
      code: coInstaller([
        '    case DIF_INSTALLDEVICE:', // 8
        GET_PARAMS, // 9
        '        if (params.ClassInstallReserved != 0) return NO_ERROR;', // 10
        '        break;',
      ]),
      output: null,
      errors: [
        {
          messageId: 'reserved',
          data: { access: 'read', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 10,
          column: 13,
          endLine: 10,
          endColumn: 40,
          related: ['CoInstaller handles DIF_INSTALLDEVICE'],
          suggestions: null,
        },
      ],
    },
    {
      name: 'written directly in the co-installer',
      code: DIRECT_WRITE,
      output: null,
      errors: [
        {
          messageId: 'reserved',
          data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 36,
          related: ['CoInstaller handles DIF_INSTALLDEVICE'],
        },
      ],
    },
    {
      name: 'written directly, CRLF line endings: the same positions',
      code: DIRECT_WRITE.replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'reserved', data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 10, column: 9, endLine: 10, endColumn: 36 }],
    },
    {
      name: 'written through parentheses, a compound assignment and its address; sizeof is no use',
      code: coInstaller([
        '    case DIF_PROPERTYCHANGE:', // 8
        '        (params.ClassInstallReserved) |= 1;', // 9
        '        ZeroMemory(&params.ClassInstallReserved, sizeof(params.ClassInstallReserved));', // 10
        '        break;',
      ]),
      errors: [
        { messageId: 'reserved', data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_PROPERTYCHANGE' }, line: 9, column: 10, endColumn: 37 },
        { messageId: 'reserved', data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_PROPERTYCHANGE' }, line: 10, column: 21, endColumn: 48 },
      ],
    },
    {
      name: 'an initializer designator',
      code: coInstaller([
        '    case DIF_INSTALLDEVICE: {', // 8
        '        SP_DEVINSTALL_PARAMS_W fresh = { .cbSize = sizeof(fresh), .ClassInstallReserved = 0 };', // 9
        '        SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &fresh);',
        '        break;',
        '    }',
      ]),
      errors: [
        { messageId: 'reserved', data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 9, column: 67, endLine: 9, endColumn: 88 },
      ],
    },
    {
      name: 'through a helper in another file of the module: written and read, each with the chain',
      filename: 'helpers.c',
      code: HELPER_FILE,
      moduleFiles: { 'coinstaller.c': CALLS_HELPER },
      errors: [
        {
          messageId: 'reserved',
          data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 5,
          column: 5,
          endColumn: 33,
          related: ['CoInstaller handles DIF_INSTALLDEVICE', 'calls SaveCookie()'],
        },
        {
          messageId: 'reserved',
          data: { access: 'read', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 7,
          column: 19,
          endColumn: 47,
          related: ['CoInstaller handles DIF_INSTALLDEVICE', 'calls SaveCookie()'],
        },
      ],
    },
    {
      name: 'a helper both a class installer and a co-installer of the DLL call: reported for the co-installer',
      code: lines(
        ...HEAD,
        'static void Forget(HDEVINFO Set, PSP_DEVINFO_DATA Data)', // 3
        '{',
        '    SP_DEVINSTALL_PARAMS_W params;',
        '    params.cbSize = sizeof(params);',
        '    if (SetupDiGetDeviceInstallParamsW(Set, Data, &params)) {',
        '        params.ClassInstallReserved = 0;', // 8
        '        SetupDiSetDeviceInstallParamsW(Set, Data, &params);',
        '    }',
        '}',
        'DWORD CALLBACK ClassInstall(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
        '{',
        '    if (InstallFunction == DIF_REMOVE) Forget(DeviceInfoSet, DeviceInfoData);',
        '    return ERROR_DI_DO_DEFAULT;',
        '}',
        CO_SIGNATURE,
        '{',
        '    if (InstallFunction == DIF_REMOVE) Forget(DeviceInfoSet, DeviceInfoData);',
        '    return NO_ERROR;',
        '}',
      ),
      errors: [
        {
          messageId: 'reserved',
          data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_REMOVE' },
          line: 8,
          column: 9,
          endColumn: 36,
          related: ['CoInstaller handles DIF_REMOVE', 'calls Forget()'],
        },
      ],
    },
    {
      name: 'the co-installer has its own struct with the field, and still writes the install parameters\' one',
      code: coInstaller(
        [
          '    case DIF_INSTALLDEVICE: {', // 9
          '        COOKIE cookie = { .Size = sizeof(COOKIE), .ClassInstallReserved = 0 };', // 10
          '        params.ClassInstallReserved = cookie.ClassInstallReserved;', // 11
          '        break;',
          '    }',
        ],
        [OWN_STRUCT],
      ),
      errors: [{ messageId: 'reserved', data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 11, column: 9, endColumn: 36 }],
    },
  ],
};

describe('with the installer model', () => {
  new RuleTester({ serviceProviders: [installerModelProvider] }).run(ID, RULE, WITH_MODEL);
});

// ---------------------------------------------------------------------------------------------
// Every fixture above is real Windows C: each file compiles with mingw-w64.

describe.skipIf(!hasMingw())(`${ID} fixtures compile with mingw-w64`, () => {
  const dir = mkdtempSync(join(tmpdir(), `${ID}-`));
  const all = [...WITHOUT_MODEL.valid, ...WITHOUT_MODEL.invalid, ...WITH_MODEL.valid, ...WITH_MODEL.invalid].map((c) =>
    typeof c === 'string' ? { code: c } : c,
  );
  all.forEach((c, i) => {
    const name = 'name' in c && c.name ? c.name : `case ${i + 1}`;
    it(name, () => {
      const files = { [c.filename ?? 'installer.c']: c.code, ...(c.moduleFiles ?? {}) };
      for (const [file, text] of Object.entries(files)) {
        const path = join(dir, `${i}-${file}`);
        writeFileSync(path, text);
        expect(file.endsWith('.cpp') ? gxxSyntaxCheck(path) : mingwSyntaxCheck(path), `${file} compiles`).toBe('');
      }
    });
  });
});

/** mingwSyntaxCheck compiles as C; the C++ fixtures go through mingw-w64's g++. */
function gxxSyntaxCheck(file: string): string {
  try {
    execFileSync('x86_64-w64-mingw32-g++', ['-fsyntax-only', file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

checkDocExamples(ID, RULE, [installerModelProvider]);
