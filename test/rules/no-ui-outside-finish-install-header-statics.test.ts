/**
 * no-ui-outside-finish-install in `static` functions of headers, through the installer model: a
 * header's `static __inline` UI wrapper belongs to every file that includes it, so a call from a
 * co-installer's DIF_INSTALLDEVICE case shows UI where nobody may answer it
 * (docs/installer-facts.md#dif-codes-and-interactivity). The finding is in the header, with the
 * chain from the caller's DIF code. Written by hand; C and C++ modules, LF and CRLF.
 */
import rule from '../../rules/no-ui-outside-finish-install.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { type InvalidCase, RuleTester, type ValidCase } from '../support/rule-tester.js';

const RULE: RuleModule = rule;
const tester = new RuleTester({ serviceProviders: [installerModelProvider] });

/** The header: the wrapper's MessageBoxExW is on line 5, column 12. */
const HEADER = [
  '#pragma once',
  '#include <windows.h>',
  'static __inline int ContosoAsk(HWND owner, LPCWSTR text)',
  '{',
  '    return MessageBoxExW(owner, text, L"Contoso", MB_YESNO, 0);',
  '}',
  '',
];

/** A co-installer that calls the wrapper under `code`. */
const coInstaller = (header: string, name: string, code: string) => [
  '#include <windows.h>',
  '#include <setupapi.h>',
  `#include "${header}"`,
  '',
  `DWORD CALLBACK ${name}(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)`,
  '{',
  '    switch (Fn) {',
  `    case ${code}:`,
  '        ContosoAsk(NULL, L"Go on?");',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];

/** A C file defining its own static of the same name (never called there) and one that calls it. */
const ownStatic = (what: string) => [
  '#include <windows.h>',
  `static int ContosoAsk(HWND owner, LPCWSTR text) { return ${what}(owner, text, L"Contoso", MB_OK); }`,
  '',
];

const uiAt = (entryPoint: string, difCode: string, line: number, column: number, related: string[]) => ({
  messageId: 'ui',
  data: { api: 'MessageBoxExW', entryPoint, difCode },
  line,
  column,
  endLine: line,
  endColumn: column + 'MessageBoxExW'.length,
  related,
});

function cases(ext: 'c' | 'cpp', eol: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const text = (lines: string[]) => lines.join(eol);
  const header = ext === 'c' ? 'ui.h' : 'ui.hpp';
  const tag = `${ext}, ${eol === '\n' ? 'LF' : 'CRLF'}`;
  return {
    valid: [
      {
        name: `a wrapper called only from DIF_FINISHINSTALL_ACTION (${tag})`,
        filename: header,
        code: text(HEADER),
        moduleFiles: { [`coinst.${ext}`]: text(coInstaller(header, 'ContosoCo', 'DIF_FINISHINSTALL_ACTION')) },
      },
      {
        name: `a wrapper nobody in the module calls (${tag})`,
        filename: header,
        code: text(HEADER),
        moduleFiles: { [`coinst.${ext}`]: text(coInstaller('other.h', 'ContosoCo', 'DIF_INSTALLDEVICE')), 'other.h': text(['#pragma once', '']) },
      },
      {
        name: `a static of the same name in another source file is not the caller's (${tag})`,
        filename: `prompts.${ext}`,
        code: text(ownStatic('MessageBoxExW')),
        moduleFiles: {
          [`coinst.${ext}`]: text([...ownStatic('ContosoLog'), ...coInstaller('other.h', 'ContosoCo', 'DIF_INSTALLDEVICE')]),
          'other.h': text(['#pragma once', '']),
        },
      },
    ],
    invalid: [
      {
        name: `a static __inline wrapper of a header called from DIF_INSTALLDEVICE (${tag})`,
        filename: header,
        code: text(HEADER),
        moduleFiles: { [`coinst.${ext}`]: text(coInstaller(header, 'ContosoCo', 'DIF_INSTALLDEVICE')) },
        errors: [uiAt('ContosoCo', 'DIF_INSTALLDEVICE', 5, 12, ['ContosoCo handles DIF_INSTALLDEVICE', 'calls ContosoAsk()'])],
      },
      {
        name: `two files include the header, one calls from DIF_INSTALLDEVICE, one from DIF_FINISHINSTALL_ACTION: one finding (${tag})`,
        filename: header,
        code: text(HEADER),
        moduleFiles: {
          [`finish.${ext}`]: text(coInstaller(header, 'ContosoFinish', 'DIF_FINISHINSTALL_ACTION')),
          [`coinst.${ext}`]: text(coInstaller(header, 'ContosoCo', 'DIF_INSTALLDEVICE')),
        },
        errors: [uiAt('ContosoCo', 'DIF_INSTALLDEVICE', 5, 12, ['ContosoCo handles DIF_INSTALLDEVICE', 'calls ContosoAsk()'])],
      },
      {
        name: `the header reached through another header (${tag})`,
        filename: `inc/${header}`,
        code: text(HEADER),
        moduleFiles: {
          'inc/contoso.h': text(['#pragma once', `#include "${header}"`, '']),
          [`src/coinst.${ext}`]: text(coInstaller('../inc/contoso.h', 'ContosoCo', 'DIF_INSTALLDEVICE')),
        },
        errors: [uiAt('ContosoCo', 'DIF_INSTALLDEVICE', 5, 12, ['ContosoCo handles DIF_INSTALLDEVICE', 'calls ContosoAsk()'])],
      },
    ],
  };
}

const all = (['c', 'cpp'] as const).flatMap((ext) => ['\n', '\r\n'].map((eol) => cases(ext, eol)));
tester.run('no-ui-outside-finish-install', RULE, { valid: all.flatMap((c) => c.valid), invalid: all.flatMap((c) => c.invalid) });
