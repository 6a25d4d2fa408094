/**
 * Files whose lines end with a lone CR (docs/architecture.md, "Line ends"): GCC ends a `//`
 * comment, a directive and a line splice at a lone CR as at LF, so a call on the line after a `//`
 * comment is code, an inline directive applies to the next CR line and positions count CR lines.
 * Every case runs in C and C++ with LF, CRLF and lone CR line ends (LF and CRLF as the control);
 * expectations written by hand from the guideline: an explicit DLL load while a DIF code is
 * processed (no-dll-load, docs/rules/no-dll-load.md). Fixes on CR files:
 * test/fixes/lone-cr-fixtures.test.ts.
 */
import dllLoad from '../../rules/no-dll-load.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const tester = new RuleTester({ serviceProviders: [installerModelProvider] });
const LINE_ENDS = [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
  ['CR', '\r'],
] as const;
const FILES = ['installer.c', 'installer.cpp'] as const;

/** A co-installer: `before` after the two includes, `body` in its DIF_INSTALLDEVICE case (first body line: before.length + 8). */
function coInstaller(before: string[], body: string[]): string[] {
  return [
    '#include <windows.h>',
    '#include <setupapi.h>',
    ...before,
    '__declspec(dllexport) DWORD CALLBACK',
    'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
    '{',
    '    switch (InstallFunction) {',
    '    case DIF_INSTALLDEVICE:',
    ...body,
    '        break;',
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ];
}

const LOAD = '        LoadLibraryW(L"contoso-helper.dll");';
/** The finding of a call of `api` at `column` of `line` (LOAD's by default). */
const load = (line: number, api = 'LoadLibraryW', column = 9) => ({
  messageId: 'loadInContext',
  data: { api, entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
  line,
  column,
  endLine: line,
  endColumn: column + api.length,
});

function dllLoadCases(eol: string, filename: string, tag: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const code = (lines: string[]) => lines.join(eol);
  return {
    valid: [
      { name: `a load written in a // comment is no code (${tag})`, filename, code: code(coInstaller([], ['        // LoadLibraryW(L"contoso-helper.dll");'])) },
      {
        name: `disable-next-line on the line before the load suppresses it (${tag})`,
        filename,
        code: code(coInstaller([], ['        // coinstaller-lint-disable-next-line no-dll-load -- the helper is signed', LOAD])),
      },
      {
        name: `disable-line on the load's own line suppresses it (${tag})`,
        filename,
        code: code(coInstaller([], [`${LOAD} // coinstaller-lint-disable-line no-dll-load`])),
      },
      { name: `a load in #if 0 is never compiled (${tag})`, filename, code: code(coInstaller([], ['#if 0', LOAD, '#endif'])) },
      {
        name: `a load in a block comment over several lines is no code (${tag})`,
        filename,
        code: code(coInstaller([], ['        /* older versions did', LOAD, '        */'])),
      },
    ],
    invalid: [
      {
        name: `a load on the line after a // comment (${tag})`,
        filename,
        code: code(coInstaller([], ['        // the helper installs the firmware', LOAD])),
        errors: [load(9)],
      },
      {
        name: `a load after a case label that ends with a // comment (${tag})`,
        filename,
        code: code(
          coInstaller([], []).flatMap((line) => (line === '    case DIF_INSTALLDEVICE:' ? ['    case DIF_INSTALLDEVICE: // the device is being installed', LOAD] : [line])),
        ),
        errors: [load(8)],
      },
      {
        name: `a load after #define lines, one with a // comment and one continued by a line splice (${tag})`,
        filename,
        code: code(coInstaller(['#define CONTOSO_HELPER L"contoso-helper.dll" // signed by Contoso', '#define CONTOSO_FLAGS \\', '    0'], ['        LoadLibraryW(CONTOSO_HELPER);'])),
        errors: [load(11)],
      },
      {
        name: `a load through the module's macro whose body continues on the next line (${tag})`,
        filename,
        code: code(coInstaller(['#define LOAD_HELPER() \\', '    LoadLibraryW(L"contoso-helper.dll")'], ['        LOAD_HELPER();'])),
        // reported at the macro's name (11 characters)
        errors: [{ ...load(10), data: { ...load(10).data, api: 'LoadLibraryW (through macro LOAD_HELPER)' }, endColumn: 20 }],
      },
      {
        name: `disable-next-line two lines above the load (a blank line between) does not apply (${tag})`,
        filename,
        code: code(coInstaller([], ['        // coinstaller-lint-disable-next-line no-dll-load', '', LOAD])),
        errors: [load(10)],
      },
      {
        name: `a load in the #else of #if 0 (${tag})`,
        filename,
        code: code(coInstaller([], ['#if 0', '        LoadLibraryW(L"old-helper.dll");', '#else', LOAD, '#endif'])),
        errors: [load(11)],
      },
      {
        name: `columns count UTF-16 units after a lone CR too (${tag})`,
        filename,
        // 8 spaces, `/* größe 😀 */` (14 units: the emoji is two), a space: the name starts at column 24
        code: code(coInstaller([], ['        /* größe 😀 */ LoadLibraryW(L"contoso-helper.dll");'])),
        errors: [load(8, 'LoadLibraryW', 24)],
      },
    ],
  };
}

const asModule = (rule: unknown) => rule as RuleModule;
for (const [tag, eol] of LINE_ENDS) {
  for (const filename of FILES) {
    tester.run('no-dll-load', asModule(dllLoad), dllLoadCases(eol, filename, `${filename}, ${tag}`));
  }
}
