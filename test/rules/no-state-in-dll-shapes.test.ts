/**
 * no-state-in-dll with the installer model, on the shapes its listeners tell apart from the
 * text before they ask tree-sitter anything: an lvalue that starts with a parenthesis, a
 * subscript or a field; `&` with and without blanks; `(TYPE) & g` and parenthesized operands
 * that are no cast. A finding points at the variable written, whatever surrounds it.
 */
import { describe } from 'vitest';
import rule from '../../rules/no-state-in-dll.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester } from '../support/rule-tester.js';

const asModule: RuleModule = rule;
const CO = 'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)';

/** The body line is line 10; OnInstall runs under DIF_INSTALLDEVICE. */
const module = (body: string) =>
  [
    '#include <windows.h>',
    '#include <setupapi.h>',
    '',
    'static DWORD g_Count;',
    'static DWORD g_Table[4];',
    'static SP_DEVINFO_DATA g_Info;',
    '',
    'static DWORD OnInstall(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
    '{',
    body,
    '    return NO_ERROR;',
    '}',
    '',
    CO,
    '{',
    '    switch (InstallFunction) {',
    '    case DIF_INSTALLDEVICE:',
    '        return OnInstall(DeviceInfoSet, DeviceInfoData);',
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ].join('\n');

const write = (variable: string) => ({ messageId: 'write', data: { variable, entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE', scope: 'file-scope variable' } });
const address = (variable: string, callee: string) => ({
  messageId: 'addressPassed',
  data: { variable, callee, entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE', scope: 'file-scope variable' },
});
const CALL = '    SetupDiGetDeviceRegistryPropertyW(DeviceInfoSet, DeviceInfoData, SPDRP_CONFIGFLAGS, NULL, ';

describe('no-state-in-dll: lvalue and operand shapes (installer model)', () => {
  new RuleTester({ serviceProviders: [installerModelProvider] }).run('no-state-in-dll', asModule, {
    valid: [
      { name: 'a global read in a parenthesized & (no cast, no call)', code: module('    DWORD y = (g_Count) & 1;') },
      { name: 'a global read in a & that starts with its name', code: module('    DWORD y = g_Count & 1;') },
      { name: 'the address of a global taken outside a call', code: module('    DWORD *p = &g_Count;') },
      { name: 'a parenthesized local written', code: module('    DWORD n; (n) = 3;') },
      { name: 'a cast of a local passed by address', code: module(`${CALL}(PBYTE) & DeviceInfoSet, 4, NULL);`) },
    ],
    invalid: [
      { name: 'a parenthesized lvalue', code: module('    (g_Count) = 3;'), errors: [{ ...write('g_Count'), line: 10, column: 6, endColumn: 13 }] },
      { name: 'blanks inside the parentheses', code: module('    ( g_Count ) += 1;'), errors: [{ ...write('g_Count'), line: 10, column: 7, endColumn: 14 }] },
      { name: 'an element of a global array', code: module('    g_Table[1] = 2;'), errors: [{ ...write('g_Table'), line: 10, column: 5, endColumn: 12 }] },
      { name: 'a field of a global structure', code: module('    g_Info.cbSize = sizeof(g_Info);'), errors: [{ ...write('g_Info'), line: 10, column: 5, endColumn: 11 }] },
      {
        name: '(TYPE) & g with blanks around the operator',
        code: module(`${CALL}(PBYTE) & g_Count, 4, NULL);`),
        errors: [{ ...address('g_Count', 'SetupDiGetDeviceRegistryPropertyW'), line: 10, column: 105, endColumn: 112 }],
      },
      { name: '&g passed to a call', code: module('    ReadFlags(&g_Count);'), errors: [{ ...address('g_Count', 'ReadFlags'), line: 10, column: 16, endColumn: 23 }] },
      { name: '& g with a blank', code: module('    ReadFlags(& g_Count);'), errors: [{ ...address('g_Count', 'ReadFlags'), line: 10, column: 17, endColumn: 24 }] },
    ],
  });
});
