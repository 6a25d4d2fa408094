/**
 * no-reserved-dif-code on entry points that hand their DIF code to a helper that dispatches it
 * (the model's handledDifCodes, reported at the entry point's name): a code the helper, in the
 * same file, only traces for is not reported; one it does work for is. Written from the
 * guideline (docs/rules/no-reserved-dif-code.md), in C and C++, with LF and CRLF line ends.
 */
import rule from '../../rules/no-reserved-dif-code.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const asModule: RuleModule = rule;

const HEAD = ['#include <windows.h>', '#include <setupapi.h>', ''];
/** The entry point on line 4 (after HEAD and the worker): its name at columns 16-34. */
const CO = 'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';

/** A worker that switches on the code it is handed, with the cases given. */
const worker = (...cases: string[]) => [
  'static DWORD Worker(DI_FUNCTION Code, PCOINSTALLER_CONTEXT_DATA Ctx)',
  '{',
  '    switch (Code) {',
  ...cases,
  '    default:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
];
/** The module: HEAD, the worker, then the entry point handing the code on as `call` says. */
const module = (call: string, workerLines: string[]) => [...HEAD, ...workerLines, CO, '{', `    ${call}`, '    return NO_ERROR;', '}', ''];
const entryLine = (workerLines: string[]) => HEAD.length + workerLines.length + 1;
const inTable = (difCode: string, line: number) => ({
  messageId: 'reservedInTable',
  data: { entryPoint: 'ContosoCoInstaller', difCode },
  line,
  column: 16,
  endLine: line,
  endColumn: 34,
  suggestions: null,
});

const TRACE_ONLY = worker('    case DIF_ASSIGNRESOURCES:', '        OutputDebugStringA("assign");', '        break;', '    case DIF_INSTALLDEVICE:', '        Ctx->PrivateData = NULL;', '        break;');
const WRITES = worker('    case DIF_ASSIGNRESOURCES:', '        Ctx->PrivateData = NULL;', '        break;');
const RETURNS = worker('    case DIF_ASSIGNRESOURCES:', '        OutputDebugStringA("assign");', '        return ERROR_ACCESS_DENIED;');
const NAMES = [
  'static const char *DifName(DI_FUNCTION Code)',
  '{',
  '    switch (Code) {',
  '    case DIF_ASSIGNRESOURCES: return "DIF_ASSIGNRESOURCES";',
  '    case DIF_CALCDISKSPACE: return "DIF_CALCDISKSPACE";',
  '    default: return "?";',
  '    }',
  '}',
];

function cases(eol: string, filename: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const tag = `${filename}, ${eol === '\n' ? 'LF' : 'CRLF'}`;
  const text = (lines: string[]) => lines.join(eol);
  return {
    valid: [
      { name: `${tag}: a worker that only traces for the reserved code`, code: text(module('return Worker(Fn, Ctx);', TRACE_ONLY)), filename },
      { name: `${tag}: a helper naming codes for a trace`, code: text(module('OutputDebugStringA(DifName(Fn));', NAMES)), filename },
      { name: `${tag}: a worker whose value is dropped may return anything`, code: text(module('Worker(Fn, Ctx);', RETURNS)), filename },
    ],
    invalid: [
      { name: `${tag}: a worker that writes for the reserved code`, code: text(module('return Worker(Fn, Ctx);', WRITES)), filename, errors: [inTable('DIF_ASSIGNRESOURCES', entryLine(WRITES))] },
      {
        name: `${tag}: a worker returning something else than the pass-through, returned by the entry point`,
        code: text(module('return Worker(Fn, Ctx);', RETURNS)),
        filename,
        errors: [inTable('DIF_ASSIGNRESOURCES', entryLine(RETURNS))],
      },
      {
        name: `${tag}: a name helper whose value the entry point returns`,
        code: text(module('return (DWORD)(DifName(Fn) != NULL);', NAMES)),
        filename,
        errors: [inTable('DIF_ASSIGNRESOURCES', entryLine(NAMES)), inTable('DIF_CALCDISKSPACE', entryLine(NAMES))],
      },
      {
        // the syntax of another file is not read: the model's codes stand
        name: `${tag}: a worker of another file, though it only traces`,
        code: text([...HEAD, 'DWORD Worker(DI_FUNCTION Code, PCOINSTALLER_CONTEXT_DATA Ctx);', CO, '{', '    return Worker(Fn, Ctx);', '}', '']),
        filename,
        moduleFiles: { 'worker.c': ['#include <windows.h>', '#include <setupapi.h>', ...TRACE_ONLY.map((l) => l.replace('static ', ''))].join(eol) },
        errors: [inTable('DIF_ASSIGNRESOURCES', 5)],
      },
    ],
  };
}

const tester = new RuleTester({ serviceProviders: [installerModelProvider] });
for (const eol of ['\n', '\r\n']) {
  for (const filename of ['installer.c', 'installer.cpp']) tester.run('no-reserved-dif-code', asModule, cases(eol, filename));
}
