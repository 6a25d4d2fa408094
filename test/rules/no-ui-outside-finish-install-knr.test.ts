/**
 * no-ui-outside-finish-install in K&R (old-style) definitions, through the installer model: the
 * co-installer's DIF code is its first parameter, declared between the names and the body, so UI
 * under its DIF_INSTALLDEVICE case, directly or in a K&R helper, is reported with the chain, and
 * UI under DIF_FINISHINSTALL_ACTION is not (docs/installer-facts.md#dif-codes-and-interactivity).
 * Only C has K&R definitions (C++ never accepted them), so the files are C; LF and CRLF.
 */
import rule from '../../rules/no-ui-outside-finish-install.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { type InvalidCase, RuleTester, type ValidCase } from '../support/rule-tester.js';

const RULE: RuleModule = rule;
const tester = new RuleTester({ serviceProviders: [installerModelProvider] });

/** Line 8: the helper's MessageBoxW (column 5); the entry point's case label is on line 19. */
const module = (code: string, direct: boolean) => [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  'static void',
  'ContosoShow(text)',
  '    LPCWSTR text;',
  '{',
  '    MessageBoxW(NULL, text, L"Contoso", MB_OK);',
  '}',
  '',
  'DWORD CALLBACK',
  'ContosoCo(f, s, d, c)',
  '    DI_FUNCTION f;',
  '    HDEVINFO s;',
  '    PSP_DEVINFO_DATA d;',
  '    PCOINSTALLER_CONTEXT_DATA c;',
  '{',
  '    switch (f) {',
  `    case ${code}:`,
  direct ? '        MessageBoxW(NULL, L"now", L"Contoso", MB_OK);' : '        ContosoShow(L"later");',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];

const ui = (difCode: string, line: number, column: number, related: string[]) => ({
  messageId: 'ui',
  data: { api: 'MessageBoxW', entryPoint: 'ContosoCo', difCode },
  line,
  column,
  endLine: line,
  endColumn: column + 'MessageBoxW'.length,
  related,
});

function cases(eol: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const text = (lines: string[]) => lines.join(eol);
  const tag = eol === '\n' ? 'LF' : 'CRLF';
  return {
    valid: [
      { name: `UI in a K&R helper called from DIF_FINISHINSTALL_ACTION (${tag})`, code: text(module('DIF_FINISHINSTALL_ACTION', false)) },
      { name: `UI in the K&R entry point under DIF_FINISHINSTALL_ACTION (${tag})`, code: text(module('DIF_FINISHINSTALL_ACTION', true)) },
    ],
    invalid: [
      {
        name: `UI in the K&R entry point under DIF_INSTALLDEVICE (${tag})`,
        code: text(module('DIF_INSTALLDEVICE', true)),
        errors: [ui('DIF_INSTALLDEVICE', 20, 9, ['ContosoCo handles DIF_INSTALLDEVICE'])],
      },
      {
        name: `UI in a K&R helper called under DIF_INSTALLDEVICE (${tag})`,
        code: text(module('DIF_INSTALLDEVICE', false)),
        errors: [ui('DIF_INSTALLDEVICE', 8, 5, ['ContosoCo handles DIF_INSTALLDEVICE', 'calls ContosoShow()'])],
      },
    ],
  };
}

const all = ['\n', '\r\n'].map(cases);
tester.run('no-ui-outside-finish-install', RULE, { valid: all.flatMap((c) => c.valid), invalid: all.flatMap((c) => c.invalid) });
