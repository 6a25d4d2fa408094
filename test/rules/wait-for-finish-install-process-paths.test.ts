/**
 * wait-for-finish-install-process on every path (docs/rules/wait-for-finish-install-process.md,
 * "On every path"): once a process started, every return (or the end of the function) must be
 * reached through a wait on its handle, a GetExitCodeProcess polling loop, a module helper that
 * waits on the handle, or a hand-off. A return reached without one is reported there; a path where
 * the start failed or the handle is NULL has nothing to wait for. Written by hand from the guideline
 * ("The installer must not let the user continue in the dialog or procedure until the created
 * process has exited"), in C and C++, with LF and CRLF line ends, with the installer model.
 */
import rule from '../../rules/wait-for-finish-install-process.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type ExpectedError, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const ID = 'wait-for-finish-install-process';
const RULE: RuleModule = rule;
const tester = new RuleTester({ serviceProviders: [installerModelProvider] });

/**
 * `ContosoRun` holding `body` from line 10, called by a co-installer under DIF_FINISHINSTALL_ACTION;
 * two helpers defined after the co-installer: ContosoWaitFor waits on its handle, ContosoForget
 * only closes it.
 */
function helper(body: string[], header = 'static DWORD ContosoRun(BOOL quick, int mode)'): string[] {
  return [
    '#include <windows.h>',
    '#include <setupapi.h>',
    '#define DIF_FINISHINSTALL_ACTION 0x2A',
    'static HANDLE g_child; void ContosoWaitFor(HANDLE process); void ContosoForget(HANDLE process);',
    header,
    '{',
    '    STARTUPINFOW si = { sizeof(si) };',
    '    PROCESS_INFORMATION pi;',
    '    WCHAR commandLine[] = L"ContosoTool.exe";',
    ...body,
    '}',
    '__declspec(dllexport) DWORD CALLBACK',
    'ContosoCoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
    '{',
    '    if (InstallFunction == DIF_FINISHINSTALL_ACTION) {',
    '        ContosoRun(FALSE, 0);',
    '    }',
    '    return NO_ERROR;',
    '}',
    'void ContosoWaitFor(HANDLE process) { WaitForSingleObject(process, INFINITE); CloseHandle(process); }',
    'void ContosoForget(HANDLE process) { CloseHandle(process); }',
    '',
  ];
}

const CREATE = 'CreateProcessW(NULL, commandLine, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)';
const CLOSE = ['    CloseHandle(pi.hThread);', '    CloseHandle(pi.hProcess);'];
const RELATED = ['ContosoCoInstaller handles DIF_FINISHINSTALL_ACTION', 'calls ContosoRun()'];

/** A return (or closing brace) at `line`, columns [column, endColumn), reached after `api` on `startLine`. */
function leak(line: number, column: number, endColumn: number, startLine: number, where = 'This return', api = 'CreateProcessW', handle = 'pi.hProcess'): ExpectedError {
  return {
    messageId: 'returnsBeforeWait',
    data: { api, entryPoint: 'ContosoCoInstaller', difCode: 'DIF_FINISHINSTALL_ACTION', handle, line: startLine, where },
    line,
    column,
    endLine: line,
    endColumn,
    related: [`${api} starts the process`, ...RELATED],
  };
}

const VALID: [string, string[]][] = [
  ['the failed start returns, then a wait on the only other path', [`    if (!${CREATE})`, '        return GetLastError();', '    WaitForSingleObject(pi.hProcess, INFINITE);', ...CLOSE, '    return NO_ERROR;']],
  [
    'a wait with a timeout counts; WaitForMultipleObjects on &pi.hProcess too',
    [`    if (!${CREATE})`, '        return GetLastError();', '    if (quick) {', '        WaitForSingleObject(pi.hProcess, 30000);', '        return NO_ERROR;', '    }', '    WaitForMultipleObjects(1, &pi.hProcess, TRUE, INFINITE);', ...CLOSE, '    return NO_ERROR;'],
  ],
  [
    'an array holding the handle, waited on with MsgWaitForMultipleObjects in a message pump that may return',
    [
      `    if (!${CREATE})`,
      '        return GetLastError();',
      '    HANDLE handles[1] = { pi.hProcess };',
      '    for (;;) {',
      '        MSG msg;',
      '        if (MsgWaitForMultipleObjects(1, handles, FALSE, INFINITE, QS_ALLINPUT) == WAIT_OBJECT_0)',
      '            break;',
      '        while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) {',
      '            if (msg.message == WM_QUIT)',
      '                return ERROR_CANCELLED;',
      '            DispatchMessageW(&msg);',
      '        }',
      '    }',
      ...CLOSE,
      '    return NO_ERROR;',
    ],
  ],
  [
    'a while loop polling GetExitCodeProcess until the code is not STILL_ACTIVE',
    [`    DWORD code = 0;`, `    if (!${CREATE})`, '        return GetLastError();', '    while (GetExitCodeProcess(pi.hProcess, &code) && code == STILL_ACTIVE)', '        Sleep(250);', ...CLOSE, '    return code;'],
  ],
  [
    'a do loop polling GetExitCodeProcess',
    [`    DWORD code;`, `    if (${CREATE} == FALSE)`, '        return GetLastError();', '    do {', '        Sleep(250);', '        GetExitCodeProcess(pi.hProcess, &code);', '    } while (code == STILL_ACTIVE);', ...CLOSE, '    return code;'],
  ],
  [
    'a for loop polling GetExitCodeProcess, left by break',
    [`    DWORD code;`, `    if (!${CREATE})`, '        return GetLastError();', '    for (;;) {', '        if (!GetExitCodeProcess(pi.hProcess, &code) || code != STILL_ACTIVE)', '            break;', '        Sleep(250);', '    }', ...CLOSE, '    return NO_ERROR;'],
  ],
  [
    'goto cleanup: the wait after the label covers every goto',
    [
      '    DWORD err = NO_ERROR;',
      '    ZeroMemory(&pi, sizeof(pi));',
      `    if (!${CREATE}) {`,
      '        err = GetLastError();',
      '        goto cleanup;',
      '    }',
      '    if (quick)',
      '        goto cleanup;',
      '    err = ERROR_SUCCESS;',
      'cleanup:',
      '    if (pi.hProcess != NULL) {',
      '        WaitForSingleObject(pi.hProcess, INFINITE);',
      ...CLOSE.map((l) => `    ${l}`),
      '    }',
      '    return err;',
    ],
  ],
  [
    'the result kept in a variable: a failed start returns early',
    [`    BOOL started = ${CREATE};`, '    if (started == FALSE)', '        return GetLastError();', '    WaitForSingleObject(pi.hProcess, INFINITE);', ...CLOSE, '    return NO_ERROR;'],
  ],
  [
    'a switch whose every case and the default wait, or leave before the start',
    [
      '    if (mode == 3)',
      '        return ERROR_INVALID_PARAMETER;',
      `    if (!${CREATE})`,
      '        return GetLastError();',
      '    switch (mode) {',
      '    case 1:',
      '    case 2:',
      '        WaitForSingleObject(pi.hProcess, INFINITE);',
      '        break;',
      '    default:',
      '        ContosoWaitFor(pi.hProcess);',
      '        break;',
      '    }',
      '    CloseHandle(pi.hThread);',
      '    return NO_ERROR;',
    ],
  ],
  ['a module helper that waits on the handle it is given', [`    if (!${CREATE})`, '        return GetLastError();', '    CloseHandle(pi.hThread);', '    ContosoWaitFor(pi.hProcess);', '    return NO_ERROR;']],
  [
    'handed on: stored in a global on one path, waited on the other',
    [`    if (!${CREATE})`, '        return GetLastError();', '    CloseHandle(pi.hThread);', '    if (quick) {', '        g_child = pi.hProcess;', '        return NO_ERROR;', '    }', '    WaitForSingleObject(pi.hProcess, INFINITE);', '    CloseHandle(pi.hProcess);', '    return NO_ERROR;'],
  ],
  [
    'a retry loop with a goto back: beyond the path model, and a wait follows the start',
    ['    int tries = 0;', 'again:', `    if (!${CREATE}) {`, '        if (++tries < 3)', '            goto again;', '        return GetLastError();', '    }', '    if (quick)', '        return NO_ERROR;', '    WaitForSingleObject(pi.hProcess, INFINITE);', ...CLOSE, '    return NO_ERROR;'],
  ],
  [
    'the void function ends after the wait',
    [`    if (${CREATE}) {`, '        WaitForSingleObject(pi.hProcess, INFINITE);', ...CLOSE.map((l) => `    ${l}`), '    }'],
  ],
];

/** [name, body, errors] with lines counted from the template's line 10. */
const INVALID: [string, string[], ExpectedError[], string?][] = [
  [
    'a quick path returns before the wait',
    [`    if (!${CREATE})`, '        return GetLastError();', '    if (quick)', '        return NO_ERROR;', '    WaitForSingleObject(pi.hProcess, INFINITE);', ...CLOSE, '    return NO_ERROR;'],
    [leak(13, 9, 25, 10)],
  ],
  [
    'goto cleanup where the cleanup does not wait: the return after the label',
    [
      '    DWORD err = NO_ERROR;',
      `    if (!${CREATE}) {`,
      '        err = GetLastError();',
      '        goto done;',
      '    }',
      '    if (quick) {',
      '        err = ERROR_CANCELLED;',
      '        goto done;',
      '    }',
      '    WaitForSingleObject(pi.hProcess, INFINITE);',
      ...CLOSE,
      'done:',
      '    return err;',
    ],
    [leak(23, 5, 16, 11)],
  ],
  [
    'a switch case returns before the wait; the default waits with a timeout',
    [
      `    if (!${CREATE})`,
      '        return GetLastError();',
      '    switch (mode) {',
      '    case 1:',
      '        WaitForSingleObject(pi.hProcess, INFINITE);',
      '        break;',
      '    case 2:',
      '        return ERROR_CANCELLED;',
      '    default:',
      '        WaitForSingleObject(pi.hProcess, 30000);',
      '        break;',
      '    }',
      ...CLOSE,
      '    return NO_ERROR;',
    ],
    [leak(17, 9, 32, 10)],
  ],
  [
    'a switch without default: a value no case matches skips the wait',
    [
      `    if (!${CREATE})`,
      '        return GetLastError();',
      '    switch (mode) {',
      '    case 1:',
      '        WaitForSingleObject(pi.hProcess, INFINITE);',
      '        break;',
      '    case 2:',
      '        return ERROR_CANCELLED;',
      '    }',
      ...CLOSE,
      '    return NO_ERROR;',
    ],
    [leak(17, 9, 32, 10), leak(21, 5, 21, 10)],
  ],
  [
    'a cancel inside the polling loop returns before the process ends',
    [`    DWORD code = STILL_ACTIVE;`, `    if (!${CREATE})`, '        return GetLastError();', '    while (code == STILL_ACTIVE) {', '        if (quick)', '            return ERROR_CANCELLED;', '        Sleep(250);', '        GetExitCodeProcess(pi.hProcess, &code);', '    }', ...CLOSE, '    return code;'],
    [leak(15, 13, 36, 11)],
  ],
  [
    'the result kept in a variable: the success path returns before the wait',
    [`    BOOL started = ${CREATE};`, '    if (!started)', '        return GetLastError();', '    if (quick)', '        return NO_ERROR;', '    WaitForSingleObject(pi.hProcess, INFINITE);', ...CLOSE, '    return NO_ERROR;'],
    [leak(14, 9, 25, 10)],
  ],
  [
    'a helper that does not wait on one path, one that waits on the other',
    [`    if (!${CREATE})`, '        return GetLastError();', '    CloseHandle(pi.hThread);', '    if (quick) {', '        ContosoForget(pi.hProcess);', '        return NO_ERROR;', '    }', '    ContosoWaitFor(pi.hProcess);', '    return NO_ERROR;'],
    [leak(15, 9, 25, 10)],
  ],
  [
    'the void function falls off its end on the quick path: the closing brace',
    [`    if (${CREATE}) {`, '        if (!quick)', '            WaitForSingleObject(pi.hProcess, INFINITE);', ...CLOSE.map((l) => `    ${l}`), '    }'],
    [leak(16, 1, 2, 10, 'The end of the function')],
    'static void ContosoRun(BOOL quick, int mode)',
  ],
  [
    'ShellExecuteExW with SEE_MASK_NOCLOSEPROCESS: a NULL handle has nothing to wait for, the quick path does',
    [
      '    SHELLEXECUTEINFOW sei = { sizeof(sei) };',
      '    sei.fMask = SEE_MASK_NOCLOSEPROCESS;',
      '    sei.lpFile = L"ContosoSetup.exe";',
      '    if (!ShellExecuteExW(&sei))',
      '        return GetLastError();',
      '    if (sei.hProcess == NULL)',
      '        return NO_ERROR;',
      '    if (quick) {',
      '        CloseHandle(sei.hProcess);',
      '        return NO_ERROR;',
      '    }',
      '    WaitForSingleObject(sei.hProcess, INFINITE);',
      '    CloseHandle(sei.hProcess);',
      '    return NO_ERROR;',
    ],
    [leak(19, 9, 25, 13, 'This return', 'ShellExecuteExW', 'sei.hProcess')],
  ],
];

for (const filename of ['installer.c', 'installer.cpp']) {
  for (const eol of ['\n', '\r\n']) {
    const tag = `${filename}, ${eol === '\n' ? 'LF' : 'CRLF'}`;
    const valid: ValidCase[] = VALID.map(([name, body]) => ({
      name: `${name} (${tag})`,
      code: helper(body, name.startsWith('the void') ? 'static void ContosoRun(BOOL quick, int mode)' : undefined).join(eol),
      filename,
    }));
    const invalid: InvalidCase[] = INVALID.map(([name, body, errors, header]) => ({ name: `${name} (${tag})`, code: helper(body, header).join(eol), filename, errors }));
    tester.run(ID, RULE, { valid, invalid });
  }
}
