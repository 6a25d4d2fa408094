/**
 * no-reserved-dif-code in a K&R (old-style) co-installer and class installer, through the
 * installer model: the entry point is found by the types its declaration list gives, its first
 * parameter is the DIF code, and a case that does work for a reserved code is reported at the
 * label (docs/installer-facts.md#reserved-dif-codes); one that passes it through is not. Only C
 * has K&R definitions (C++ never accepted them), so the files are C; LF and CRLF.
 */
import rule from '../../rules/no-reserved-dif-code.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { type InvalidCase, RuleTester, type ValidCase } from '../support/rule-tester.js';

const RULE: RuleModule = rule;
const tester = new RuleTester({ serviceProviders: [installerModelProvider] });

/** Lines 1-13: the K&R header; the switch's first case label is on line 14. */
const knr = (kind: 'co' | 'class', cases: string[], fallback: string) => [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  'DWORD CALLBACK',
  kind === 'co' ? 'ContosoCo(f, s, d, c)' : 'ContosoClass(f, s, d)',
  '    DI_FUNCTION f;        /* the DIF code */',
  '    HDEVINFO s;',
  '    PSP_DEVINFO_DATA d;',
  kind === 'co' ? '    PCOINSTALLER_CONTEXT_DATA c;' : '',
  '{',
  '    DWORD r = ' + fallback + ';',
  '',
  '    switch (f) {',
  ...cases,
  '    default:',
  '        break;',
  '    }',
  '    return r;',
  '}',
  '',
];

const WORK = ['    case DIF_ASSIGNRESOURCES:', '        SetupDiSetDeviceRegistryPropertyW(s, d, SPDRP_LOCATION_INFORMATION, NULL, 0);', '        break;'];

const reserved = (entryPoint: string, difCode: string, line: number) => ({
  messageId: 'reserved',
  data: { entryPoint, difCode },
  line,
  column: 10,
  endLine: line,
  endColumn: 10 + difCode.length,
});

function cases(eol: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const text = (lines: string[]) => lines.join(eol);
  const tag = eol === '\n' ? 'LF' : 'CRLF';
  return {
    valid: [
      { name: `K&R co-installer passing a reserved code through (${tag})`, code: text(knr('co', ['    case DIF_ASSIGNRESOURCES:', '        return NO_ERROR;'], 'NO_ERROR')) },
      { name: `K&R co-installer handling only vendor codes (${tag})`, code: text(knr('co', ['    case DIF_INSTALLDEVICE:', '        r = NO_ERROR;', '        break;'], 'NO_ERROR')) },
    ],
    invalid: [
      {
        name: `K&R co-installer doing work for DIF_ASSIGNRESOURCES (${tag})`,
        code: text(knr('co', WORK, 'NO_ERROR')),
        errors: [reserved('ContosoCo', 'DIF_ASSIGNRESOURCES', 14)],
      },
      {
        name: `K&R class installer doing work for DIF_ASSIGNRESOURCES (${tag})`,
        code: text(knr('class', WORK, 'ERROR_DI_DO_DEFAULT')),
        errors: [reserved('ContosoClass', 'DIF_ASSIGNRESOURCES', 14)],
      },
    ],
  };
}

const all = ['\n', '\r\n'].map(cases);
tester.run('no-reserved-dif-code', RULE, { valid: all.flatMap((c) => c.valid), invalid: all.flatMap((c) => c.invalid) });
