/**
 * no-reserved-dif-code on cases that trace through a name the module does not define: a logging
 * macro of a shared header outside the module, a function of a static library
 * (docs/rules/no-reserved-dif-code.md, "What counts as handling"). Such a call only traces when
 * its name says it logs and nothing can be written through its arguments (literals, constant
 * names, the DIF code, TEXT() of those); any other unknown call is work. Written from the
 * guideline, in C and C++, with LF and CRLF line ends, with the installer model.
 */
import rule from '../../rules/no-reserved-dif-code.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const asModule: RuleModule = rule;
const tester = new RuleTester({ serviceProviders: [installerModelProvider] });

/** Lines 1-5: the logging header is not part of the module (it lives with a shared library). */
const HEAD = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '#include "../shared/contoso_dbg.h"',
  'static WCHAR g_lastCode[32];',
  'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION InstallFunction, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
];

/** A dispatcher whose reserved case's label is on line 8 and whose statement is on line 9. */
const dispatcher = (statement: string) => [
  ...HEAD,
  '{', //                                  6
  '    switch (InstallFunction) {', //      7
  '    case DIF_ASSIGNRESOURCES:', //       8
  `        ${statement}`, //                 9
  '        break;',
  '    default:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];

const reserved = {
  messageId: 'reserved',
  data: { entryPoint: 'ContosoCoInstaller', difCode: 'DIF_ASSIGNRESOURCES' },
  line: 8,
  column: 10,
  endLine: 8,
  endColumn: 10 + 'DIF_ASSIGNRESOURCES'.length,
};

/** Statements that only log, through names the module does not define. */
const LOGGING = [
  ['a Trace macro with TEXT()', 'Trace(TEXT("DIF_ASSIGNRESOURCES"));'],
  ['a DbgOut function with a narrow string', 'DbgOut("DIF_ASSIGNRESOURCES\\n");'],
  ['a level constant and a parenthesised format', 'DebugTrace(TRACE_PROC_ENTER, ("assign resources %u\\n", InstallFunction));'],
  ['an underscored name and L""', 'Mx_Debug_Out(L"assign resources");'],
  ['a LOG macro with __FUNCTION__', 'CONTOSO_LOG_INFO(__FUNCTION__, 3);'],
  ['a printf-like name with the DIF code', 'ContosoPrintf("code %u", InstallFunction);'],
];

/** Statements that may do work: a name that does not say it logs, or arguments that can be written or acted on. */
const WORK = [
  ['a name that does not say it logs', 'ContosoReserve("DIF_ASSIGNRESOURCES");'],
  ['a logging name handed the device', 'LogDevice(Set, Dev);'],
  ['a logging name handed a global buffer', 'DbgFormat(g_lastCode);'],
  ['a logging name handed an address', 'TraceInto(&Ctx->PrivateData);'],
  ['a logging name handed a call', 'Trace(ContosoCountRun());'],
];

function cases(eol: string, filename: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const tag = `${filename}, ${eol === '\n' ? 'LF' : 'CRLF'}`;
  return {
    valid: LOGGING.map(([how, statement]) => ({ name: `${tag}: ${how}`, code: dispatcher(statement).join(eol), filename })),
    invalid: WORK.map(([how, statement]) => ({ name: `${tag}: ${how}`, code: dispatcher(statement).join(eol), filename, errors: [reserved] })),
  };
}

for (const eol of ['\n', '\r\n']) {
  for (const filename of ['coinst.c', 'coinst.cpp']) tester.run('no-reserved-dif-code', asModule, cases(eol, filename));
}

// A name the module defines is judged by what it does, whatever it is called: a "Trace" helper
// of the module that deletes a file is work, one that only traces is not.
tester.run('no-reserved-dif-code', asModule, {
  valid: [
    {
      name: 'a module helper named like logging that only traces',
      code: ['static void ContosoTrace(PCWSTR s) { OutputDebugStringW(s); }', ...dispatcher('ContosoTrace(L"x");')].join('\n'),
      filename: 'coinst.c',
    },
  ],
  invalid: [
    {
      name: 'a module helper named like logging that does work',
      code: ['static void ContosoTrace(PCWSTR s) { DeleteFileW(s); }', ...dispatcher('ContosoTrace(L"x");')].join('\n'),
      filename: 'coinst.c',
      errors: [{ ...reserved, line: 9, endLine: 9 }],
    },
  ],
});
