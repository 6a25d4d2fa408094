/**
 * Where a finding points: at the name that is the problem. The callee's name (`MessageBoxW` in
 * `::MessageBoxW(...)`), the variable written (`g_Binding` in `&g_Binding`, `g_Refs` in
 * `++g_Refs`), the field (`FlagsEx` in `p.FlagsEx |= ...`), and a `#pragma` from its `#`. Every
 * rule, with the installer model, over one module; C and C++, LF and CRLF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Linter } from '../../engine/linter/linter.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { allRulesConfig, realLinter } from '../robustness/invariants.js';

/** `q` is the C++ global-scope qualifier (empty in C). */
const source = (q: string) =>
  [
    '#include <windows.h>',
    '#include <setupapi.h>',
    '#pragma comment(lib, "contosoutil.lib")', // 3
    'static HANDLE g_Binding;',
    'static LONG g_Refs;',
    'DWORD ContosoBind(PCWSTR name, HANDLE *out);',
    'DWORD CALLBACK ContosoCo(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
    '{',
    '    SP_DEVINSTALL_PARAMS_W p = { sizeof(p) };',
    '    if (Fn != DIF_INSTALLDEVICE) return NO_ERROR;',
    '    ContosoBind(L"srv", &g_Binding);', // 11
    '    ++g_Refs;', // 12
    `    ${q}MessageBoxW(NULL, L"x", L"y", MB_OK);`, // 13
    '    p.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;', // 14
    `    HMODULE m = ${q}LoadLibraryW(L"contosoutil.dll");`, // 15
    '    return m ? NO_ERROR : GetLastError();',
    '}',
    '',
  ].join('\n');

let parser: CppParser;
let linter: Linter;
beforeAll(async () => {
  parser = await CppParser.create();
  linter = realLinter(parser);
});
afterAll(() => {
  linter.dispose();
  parser.delete();
});

/** `line:column-endLine:endColumn ruleId` of each finding of one file. */
function findings(filename: string, text: string, uiApis: string[] = []): string[] {
  const config = allRulesConfig();
  config.settings.uiApis = uiApis;
  const [result] = linter.lintModule([{ filePath: `/virtual/module/${filename}`, text }], () => config);
  return result.messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId}`);
}

describe.each(['LF', 'CRLF'] as const)('report locations (%s)', (eol) => {
  const withEol = (text: string) => (eol === 'CRLF' ? text.replace(/\n/g, '\r\n') : text);

  it('C: the variable, not `&` or `++`; the field, not the object; the pragma from its `#`', () => {
    expect(findings('contoso.c', withEol(source('')))).toEqual([
      '3:1-3:40 no-dll-load',
      '11:26-11:35 no-state-in-dll',
      '12:7-12:13 no-state-in-dll',
      '13:5-13:16 no-ui-outside-finish-install',
      '14:7-14:14 finish-install-flag-placement',
      '15:17-15:29 no-dll-load',
    ]);
  });

  it('C++: the callee name after `::`', () => {
    expect(findings('contoso.cpp', withEol(source('::')))).toEqual([
      '3:1-3:40 no-dll-load',
      '11:26-11:35 no-state-in-dll',
      '12:7-12:13 no-state-in-dll',
      '13:7-13:18 no-ui-outside-finish-install',
      '14:7-14:14 finish-install-flag-placement',
      '15:19-15:31 no-dll-load',
    ]);
  });

  it('C++: a namespace-qualified call and a method call, at the last name', () => {
    const text = [
      'namespace Contoso { namespace Ui { int Confirm(const wchar_t *text); } }',
      'struct Wizard { int Confirm(const wchar_t *text); };',
      'extern "C" DWORD CALLBACK ContosoCo(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
      '{',
      '    Wizard *wizard = nullptr;',
      '    if (Fn == DIF_REMOVE) {',
      '        Contoso::Ui::Confirm(L"x");', // 7
      '        wizard->Confirm(L"y");', // 8
      '    }',
      '    return NO_ERROR;',
      '}',
      '',
    ].join('\n');
    expect(findings('wizard.cpp', withEol(text), ['Confirm'])).toEqual(['7:22-7:29 no-ui-outside-finish-install', '8:17-8:24 no-ui-outside-finish-install']);
  });
});
