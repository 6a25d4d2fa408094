/**
 * no-state-in-dll: which argument a call writes. `&g` handed to a parameter the callee only reads
 * (RegSetValueExW's lpData, BCryptRegisterProvider's pReg, a `const` pointee or `_In_` in the
 * module's own prototype) is no write; an array handed itself to an output parameter (wsprintfW's
 * and lstrcpynW's buffer) is; `&g` to an output or to a parameter nothing is known of stays one.
 * C and C++, LF and CRLF, with the installer model and without it.
 */
import { describe } from 'vitest';
import rule from '../../rules/no-state-in-dll.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type ExpectedError, type InvalidCase } from '../support/rule-tester.js';

const asModule: RuleModule = rule;
const crlf = (t: string) => t.replace(/\n/g, '\r\n');

/** The module of the sketch; the entry point reaches CodeName and Install under DIF_INSTALLDEVICE. */
const MODULE = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  'typedef struct { ULONG Version; PCWSTR Image; } CONTOSO_REG;',
  'static CONTOSO_REG g_Reg = { 1, L"contosoum.dll" };',
  'static DWORD g_Mode = 2;',
  'static WCHAR g_LastId[64];',
  'static BCRYPT_PROVIDER_REG g_Provider;',
  'NTSTATUS ContosoRegister(_In_ PCWSTR Name, _In_ CONTOSO_REG *Reg);', // 8: SAL says it only reads
  'NTSTATUS ContosoNotify(PCWSTR Name, const CONTOSO_REG *Reg);', // 9: a const pointee
  'void ContosoLog(WCHAR *Text);', // 10: nothing known
  '',
  'static PCWSTR CodeName(DI_FUNCTION Fn)',
  '{',
  '    static WCHAR buf[16];',
  '    wsprintfW(buf, L"%x", Fn);', // 15: buf written
  '    return buf;',
  '}',
  'static DWORD Install(HKEY key, PCWSTR id)',
  '{',
  '    DWORD cb = sizeof g_Mode;',
  '    ContosoRegister(L"contoso", &g_Reg);', // 21
  '    ContosoNotify(L"contoso", &g_Reg);', // 22
  '    RegSetValueExW(key, L"Mode", 0, REG_DWORD, (const BYTE *)&g_Mode, sizeof g_Mode);', // 23
  '    BCryptRegisterProvider(L"Contoso", 0, &g_Provider);', // 24
  '    ContosoLog(g_LastId);', // 25: a parameter nothing is known of, the array passed itself
  '    lstrcpynW(g_LastId, id, 64);', // 26: g_LastId written
  '    RegQueryValueExW(key, L"Mode", NULL, NULL, (BYTE *)&g_Mode, &cb);', // 27: g_Mode written
  '    return NO_ERROR;',
  '}',
  'DWORD CALLBACK ContosoCo(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
  '{',
  '    switch (Fn) {',
  '    case DIF_INSTALLDEVICE:',
  '        OutputDebugStringW(CodeName(Fn));',
  '        return Install(NULL, L"x");',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
].join('\n');

const IN_MODEL = { entryPoint: 'ContosoCo', difCode: 'DIF_INSTALLDEVICE' };
const withModel: ExpectedError[] = [
  { messageId: 'filled', data: { variable: 'buf', callee: 'wsprintfW', scope: 'static variable', ...IN_MODEL }, line: 15, column: 15, endLine: 15, endColumn: 18 },
  { messageId: 'filled', data: { variable: 'g_LastId', callee: 'lstrcpynW', scope: 'file-scope variable', ...IN_MODEL }, line: 26, column: 15, endColumn: 23 },
  { messageId: 'addressPassed', data: { variable: 'g_Mode', callee: 'RegQueryValueExW', scope: 'file-scope variable', ...IN_MODEL }, line: 27, column: 57, endColumn: 63 },
];
const withoutModel: ExpectedError[] = [
  { messageId: 'filledAnywhere', data: { variable: 'buf', callee: 'wsprintfW', scope: 'static variable', function: 'CodeName' }, line: 15, column: 15, endColumn: 18 },
  { messageId: 'filledAnywhere', data: { variable: 'g_LastId', callee: 'lstrcpynW', scope: 'file-scope variable', function: 'Install' }, line: 26, column: 15, endColumn: 23 },
  { messageId: 'addressPassedAnywhere', data: { variable: 'g_Mode', callee: 'RegQueryValueExW', scope: 'file-scope variable', function: 'Install' }, line: 27, column: 57, endColumn: 63 },
];

/** The sketch as C and C++, LF and CRLF. */
const variants = (errors: ExpectedError[]): InvalidCase[] =>
  (['installer.c', 'installer.cpp'] as const).flatMap((filename) => [
    { name: `${filename}: inputs are not written, outputs are`, code: MODULE, filename, errors },
    { name: `${filename}, CRLF: same findings, same positions`, code: crlf(MODULE), filename, errors },
  ]);

/** A C++ module: a non-const reference writes the variable itself, a const one reads it (line 9 and 10). */
const REFERENCES = [
  '#include <windows.h>',
  'static DWORD g_Mode;',
  'void Remember(DWORD &out);',
  'void Show(const DWORD &value);',
  'extern "C" DWORD CALLBACK ContosoCo(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
  '{',
  '    if (Fn != DIF_INSTALLDEVICE)',
  '        return NO_ERROR;',
  '    Remember(g_Mode);',
  '    Show(g_Mode);',
  '    return NO_ERROR;',
  '}',
  '',
].join('\n');

/** The registration is declared in a header of the module (`_In_`); the source defines it without annotations. */
const HEADER = 'NTSTATUS ContosoRegister(_In_ PCWSTR Name, _In_ CONTOSO_REG *Reg);\n';
const HEADER_USER = [
  '#include <windows.h>',
  '#include "contoso.h"',
  'static CONTOSO_REG g_Reg;',
  'static HANDLE g_Binding;',
  'NTSTATUS ContosoRegister(PCWSTR Name, CONTOSO_REG *Reg) { return 0; }',
  'DWORD ContosoBind(PCWSTR Name, HANDLE *Out);',
  'DWORD CALLBACK ContosoCo(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
  '{',
  '    if (Fn == DIF_INSTALLDEVICE) {',
  '        ContosoRegister(L"contoso", &g_Reg);',
  '        ContosoBind(L"contoso", &g_Binding);', // 11: nothing known of Out: written
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
].join('\n');

describe('no-state-in-dll: which argument a call writes', () => {
  new RuleTester({ serviceProviders: [installerModelProvider] }).run('no-state-in-dll (installer model)', asModule, {
    valid: [{ name: 'C++: a const reference only reads', code: REFERENCES.replace('    Remember(g_Mode);\n', ''), filename: 'installer.cpp' }],
    invalid: [
      ...variants(withModel),
      {
        name: 'C++: a non-const reference writes the variable itself',
        code: REFERENCES,
        filename: 'installer.cpp',
        errors: [{ messageId: 'filled', data: { variable: 'g_Mode', callee: 'Remember', scope: 'file-scope variable', ...IN_MODEL }, line: 9, column: 14, endColumn: 20 }],
      },
      {
        name: 'the prototype in a header of the module says _In_; an unannotated pointer is written',
        code: HEADER_USER,
        filename: 'installer.c',
        moduleFiles: { 'contoso.h': HEADER },
        errors: [{ messageId: 'addressPassed', data: { variable: 'g_Binding', callee: 'ContosoBind', scope: 'file-scope variable', ...IN_MODEL }, line: 11, column: 34, endColumn: 43 }],
      },
    ],
  });
  new RuleTester().run('no-state-in-dll (this file alone)', asModule, {
    valid: [{ name: 'C++: a const reference only reads', code: REFERENCES.replace('    Remember(g_Mode);\n', ''), filename: 'installer.cpp' }],
    invalid: [
      ...variants(withoutModel),
      {
        name: 'C++: a non-const reference writes the variable itself',
        code: crlf(REFERENCES),
        filename: 'installer.cpp',
        errors: [{ messageId: 'filledAnywhere', data: { variable: 'g_Mode', callee: 'Remember', scope: 'file-scope variable', function: 'ContosoCo' }, line: 9, column: 14, endColumn: 20 }],
      },
    ],
  });
});
