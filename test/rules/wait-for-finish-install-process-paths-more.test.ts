/**
 * wait-for-finish-install-process on every path, continued: C++ spellings (a declaration in the
 * condition, `::` calls, nullptr, throw, lambdas, try), structured exception handling, helpers in
 * another file of the module, and a helper that never waits (docs/rules/wait-for-finish-install-process.md,
 * "On every path" and "Where the paths are not followed"). Written by hand, LF and CRLF.
 */
import rule from '../../rules/wait-for-finish-install-process.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type ExpectedError, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const ID = 'wait-for-finish-install-process';
const RULE: RuleModule = rule;
const tester = new RuleTester({ serviceProviders: [installerModelProvider] });

/** `ContosoRun` with `body` from line 8, called under DIF_FINISHINSTALL_ACTION. */
function module(body: string[]): string[] {
  return [
    '#include <windows.h>',
    '#include <setupapi.h>',
    '#define DIF_FINISHINSTALL_ACTION 0x2A',
    'static DWORD ContosoRun(BOOL quick)',
    '{',
    '    STARTUPINFOW si = { sizeof(si) };',
    '    PROCESS_INFORMATION pi = {};',
    ...body,
    '}',
    '__declspec(dllexport) DWORD CALLBACK',
    'ContosoCoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
    '{',
    '    if (InstallFunction == DIF_FINISHINSTALL_ACTION)',
    '        return ContosoRun(FALSE);',
    '    return NO_ERROR;',
    '}',
    '',
  ];
}

const CREATE_CPP = '::CreateProcessW(nullptr, const_cast<LPWSTR>(L"ContosoTool.exe"), nullptr, nullptr, FALSE, 0, nullptr, nullptr, &si, &pi)';
const CREATE_C = 'CreateProcessW(NULL, L"ContosoTool.exe", NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)';
const RELATED = ['ContosoCoInstaller handles DIF_FINISHINSTALL_ACTION', 'calls ContosoRun()'];

const leak = (line: number, column: number, endColumn: number, startLine: number): ExpectedError => ({
  messageId: 'returnsBeforeWait',
  data: { api: 'CreateProcessW', entryPoint: 'ContosoCoInstaller', difCode: 'DIF_FINISHINSTALL_ACTION', handle: 'pi.hProcess', line: startLine, where: 'This return' },
  line,
  column,
  endLine: line,
  endColumn,
  related: ['CreateProcessW starts the process', ...RELATED],
});

const CPP_VALID: [string, string[]][] = [
  [
    'a declaration in the condition: the else path has no process',
    [`    if (BOOL ok = ${CREATE_CPP}) {`, '        ::WaitForSingleObject(pi.hProcess, INFINITE);', '        ::CloseHandle(pi.hThread);', '        ::CloseHandle(pi.hProcess);', '        return NO_ERROR;', '    }', '    return ::GetLastError();'],
  ],
  [
    'a nullptr test of the handle',
    [`    if (!${CREATE_CPP})`, '        return ::GetLastError();', '    if (pi.hProcess == nullptr)', '        return NO_ERROR;', '    ::WaitForSingleObject(pi.hProcess, INFINITE);', '    return NO_ERROR;'],
  ],
  ['a throw leaves without a return: not reported', [`    if (!${CREATE_CPP})`, '        throw ::GetLastError();', '    if (quick)', '        throw ERROR_CANCELLED;', '    ::WaitForSingleObject(pi.hProcess, INFINITE);', '    return NO_ERROR;']],
  [
    'a lambda that waits: the paths are not followed, and a wait follows the start',
    [`    if (!${CREATE_CPP})`, '        return ::GetLastError();', '    auto join = [&pi]() { ::WaitForSingleObject(pi.hProcess, INFINITE); };', '    if (quick)', '        return NO_ERROR;', '    join();', '    return NO_ERROR;'],
  ],
  [
    'try/catch: the paths are not followed, and a wait follows the start',
    ['    try {', `        if (!${CREATE_CPP})`, '            return ::GetLastError();', '        if (quick)', '            return NO_ERROR;', '        ::WaitForSingleObject(pi.hProcess, INFINITE);', '    } catch (...) {', '    }', '    return NO_ERROR;'],
  ],
];

const CPP_INVALID: [string, string[], ExpectedError[]][] = [
  [
    'a declaration in the condition: the quick path returns inside',
    [`    if (BOOL ok = ${CREATE_CPP}) {`, '        if (quick)', '            return NO_ERROR;', '        ::WaitForSingleObject(pi.hProcess, INFINITE);', '    }', '    return NO_ERROR;'],
    [leak(10, 13, 29, 8)],
  ],
];

const C_VALID: [string, string[], Record<string, string>?][] = [
  [
    '__try/__leave: the paths are not followed, and a wait follows the start',
    ['    __try {', `        if (!${CREATE_C})`, '            __leave;', '        if (quick)', '            __leave;', '        WaitForSingleObject(pi.hProcess, INFINITE);', '    } __finally {', '    }', '    return NO_ERROR;'],
  ],
  [
    'a helper in another file of the module that waits through a helper of its own',
    [`    if (!${CREATE_C})`, '        return GetLastError();', '    ContosoJoinChild(pi.hProcess);', '    return NO_ERROR;'],
    {
      'child.c': [
        '#include <windows.h>',
        'static void ContosoWaitHandle(HANDLE h) { WaitForSingleObject(h, INFINITE); }',
        'void ContosoJoinChild(HANDLE process) { ContosoWaitHandle(process); CloseHandle(process); }',
        '',
      ].join('\n'),
    },
  ],
  [
    'the structure handed to a helper the model cannot see into: handed on',
    [`    if (!${CREATE_C})`, '        return GetLastError();', '    ContosoFinish(&pi);', '    return NO_ERROR;'],
    { 'child.c': ['#include <windows.h>', 'void ContosoFinish(PROCESS_INFORMATION *p) { WaitForSingleObject(p->hProcess, INFINITE); }', ''].join('\n') },
  ],
];

const C_INVALID: [string, string[], ExpectedError[], Record<string, string>?, string[]?][] = [
  [
    'a helper of another file that only reads the exit code: no wait on any path, reported at the start and fixed',
    [`    if (!${CREATE_C})`, '        return GetLastError();', '    ContosoNote(pi.hProcess);', '    return NO_ERROR;'],
    [
      {
        messageId: 'notWaited',
        data: { api: 'CreateProcessW', entryPoint: 'ContosoCoInstaller', difCode: 'DIF_FINISHINSTALL_ACTION', handle: 'pi.hProcess' },
        line: 8,
        column: 10,
        endColumn: 24,
        related: RELATED,
      },
    ],
    { 'child.c': ['#include <windows.h>', 'void ContosoNote(HANDLE process) { DWORD code; GetExitCodeProcess(process, &code); }', ''].join('\n') },
    // the wait where the start succeeded, the process and thread handles closed after the last use of pi
    [`    if (!${CREATE_C})`, '        return GetLastError();', '    WaitForSingleObject(pi.hProcess, INFINITE);', '    ContosoNote(pi.hProcess);', '    CloseHandle(pi.hProcess);', '    CloseHandle(pi.hThread);', '    return NO_ERROR;'],
  ],
  [
    'a helper of another file waits on the normal path only',
    [`    if (!${CREATE_C})`, '        return GetLastError();', '    if (quick)', '        return ERROR_CANCELLED;', '    ContosoJoinChild(pi.hProcess);', '    return NO_ERROR;'],
    [leak(11, 9, 32, 8)],
    { 'child.c': ['#include <windows.h>', 'void ContosoJoinChild(HANDLE process) { WaitForSingleObject(process, INFINITE); }', ''].join('\n') },
  ],
];

for (const eol of ['\n', '\r\n']) {
  const tag = eol === '\n' ? 'LF' : 'CRLF';
  const lines = (t: string) => t.replace(/\n/g, eol);
  const cppValid: ValidCase[] = CPP_VALID.map(([name, body]) => ({ name: `C++: ${name} (${tag})`, code: module(body).join(eol), filename: 'installer.cpp' }));
  const cppInvalid: InvalidCase[] = CPP_INVALID.map(([name, body, errors]) => ({ name: `C++: ${name} (${tag})`, code: module(body).join(eol), filename: 'installer.cpp', errors }));
  const cValid: ValidCase[] = C_VALID.map(([name, body, files]) => ({
    name: `C: ${name} (${tag})`,
    code: module(body).join(eol),
    moduleFiles: files && Object.fromEntries(Object.entries(files).map(([k, v]) => [k, lines(v)])),
  }));
  const cInvalid: InvalidCase[] = C_INVALID.map(([name, body, errors, files, fixed]) => ({
    name: `C: ${name} (${tag})`,
    code: module(body).join(eol),
    output: fixed ? module(fixed).join(eol) : null,
    errors,
    moduleFiles: files && Object.fromEntries(Object.entries(files).map(([k, v]) => [k, lines(v)])),
  }));
  tester.run(ID, RULE, { valid: [...cppValid, ...cValid], invalid: [...cppInvalid, ...cInvalid] });
}
