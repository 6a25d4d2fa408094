/**
 * The code of the no-coinstaller-class-install-reserved tests (no-coinstaller-class-install-reserved*.test.ts):
 * a co-installer to put cases into, a class installer that owns the field, the helper file of a
 * module, and the check that every case is real Windows C (mingw-w64 compiles each file).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-coinstaller-class-install-reserved.js';
import type { RuleModule } from '../../engine/linter/types.js';
import type { InvalidCase, ValidCase } from '../support/rule-tester.js';
import { hasMingw, mingwSyntaxCheck } from '../support/mingw.js';

export const ID = 'no-coinstaller-class-install-reserved';
export const RULE: RuleModule = rule;
export const HEAD = ['#include <windows.h>', '#include <setupapi.h>'];
export const CO_SIGNATURE =
  'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)';
export const lines = (...l: string[]) => [...l, ''].join('\n');

/**
 * A co-installer with a local `params` (SP_DEVINSTALL_PARAMS_W) whose switch holds `cases`.
 * Without `before`: the signature is line 3, `params` is declared on line 5, the cases start on line 8.
 */
export function coInstaller(cases: string[], before: string[] = []): string {
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
export const CLASS_INSTALLER_OWN_DATA = lines(
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

export const GET_PARAMS = '        SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);';
export const SET_PARAMS = '        SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);';

/** The co-installer writes the field directly: the class installer's pointer is lost. */
export const DIRECT_WRITE = coInstaller([
  '    case DIF_INSTALLDEVICE:', // 8
  GET_PARAMS, // 9
  '        params.ClassInstallReserved = (ULONG_PTR)LocalAlloc(LPTR, 64);', // 10
  SET_PARAMS, // 11
  '        break;',
]);

/** The helper of helpers.c, linted; coinstaller.c (a module file) calls it under DIF_INSTALLDEVICE. */
export const HELPER_FILE = lines(
  ...HEAD,
  'DWORD SaveCookie(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PSP_DEVINSTALL_PARAMS_W Params)', // 3
  '{',
  '    Params->ClassInstallReserved++;', // 5
  '    if (!SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, Params)) return GetLastError();',
  '    return (DWORD)Params->ClassInstallReserved;', // 7
  '}',
);
export const HELPER_PROTOTYPE = 'DWORD SaveCookie(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PSP_DEVINSTALL_PARAMS_W Params);';
export const CALLS_HELPER = coInstaller(
  ['    case DIF_INSTALLDEVICE:', GET_PARAMS, '        return SaveCookie(DeviceInfoSet, DeviceInfoData, &params);'],
  [HELPER_PROTOTYPE],
);

/** The DLL's own struct with a field of the same name. */
export const OWN_STRUCT = 'typedef struct _COOKIE { DWORD Size; ULONG_PTR ClassInstallReserved; } COOKIE, *PCOOKIE;';

/** The valid and invalid cases of one RuleTester run. */
export interface RuleCases {
  valid: (string | ValidCase)[];
  invalid: InvalidCase[];
}

/** Every case is real Windows C: each of its files compiles with mingw-w64. */
export function fixturesCompile(cases: RuleCases): void {
  describe.skipIf(!hasMingw())(`${ID} fixtures compile with mingw-w64`, () => {
    const dir = mkdtempSync(join(tmpdir(), `${ID}-`));
    const all = [...cases.valid, ...cases.invalid].map((c) => (typeof c === 'string' ? { code: c } : c));
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
}

/** mingwSyntaxCheck compiles as C; the C++ fixtures go through mingw-w64's g++. */
function gxxSyntaxCheck(file: string): string {
  try {
    execFileSync('x86_64-w64-mingw32-g++', ['-fsyntax-only', file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}
