/**
 * no-process-outside-finish-install and wait-for-finish-install-process where a page procedure
 * travels as a value (docs/architecture.md, Function values). A finish-install page procedure
 * handed to a helper that stores it in pfnDlgProc runs in the wizard, interactively
 * (docs/installer-facts.md#dif-codes-and-interactivity, "What is not a violation": processes in
 * the procedures of finish-install wizard pages, waited for): starting a process there and waiting
 * for it is no finding; not waiting is wait-for-finish-install-process's. The same procedure shown
 * through a helper's DialogBoxParamW under DIF_INSTALLDEVICE is still reported, under
 * DIF_INSTALLDEVICE. Every case in C and C++, LF and CRLF.
 */
import noProcess from '../../rules/no-process-outside-finish-install.js';
import waitFor from '../../rules/wait-for-finish-install-process.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

/** Lines 1-17: a page procedure that starts a process on line 9 (and waits on line 10 when `wait`), and the helpers that take it. */
function head(wait: boolean): string[] {
  return [
    '#include <windows.h>',
    '#include <setupapi.h>',
    'static INT_PTR CALLBACK ContosoFinishPageProc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)',
    '{',
    '    STARTUPINFOW si = { sizeof(si) };',
    '    PROCESS_INFORMATION pi;',
    '    WCHAR cmd[] = L"ContosoSetup.exe /finish";',
    '    if (msg != WM_INITDIALOG) return FALSE;',
    '    if (CreateProcessW(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {',
    wait ? '        WaitForSingleObject(pi.hProcess, INFINITE);' : '        /* the user goes on at once */',
    '        CloseHandle(pi.hThread);',
    '        CloseHandle(pi.hProcess);',
    '    }',
    '    return FALSE;',
    '}',
    'static HPROPSHEETPAGE ContosoAddPage(DLGPROC proc) { PROPSHEETPAGEW psp = { sizeof(psp) }; psp.pfnDlgProc = proc; return CreatePropertySheetPageW(&psp); }',
    'static INT_PTR ContosoShowDialog(DLGPROC proc) { return DialogBoxParamW(NULL, MAKEINTRESOURCEW(101), NULL, proc, 0); }',
  ];
}

function coInstaller(wait: boolean, code: string, body: string[], before: string[] = []): string {
  return [
    ...head(wait),
    '__declspec(dllexport) DWORD CALLBACK',
    'ContosoCo(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
    '{',
    ...before.map((l) => `    ${l}`),
    '    switch (Fn) {',
    `    case ${code}:`,
    ...body.map((l) => `        ${l}`),
    '        break;',
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ].join('\n');
}

const PAGE = ['ContosoAddPage(ContosoFinishPageProc);'];
const HELD = { body: ['ContosoAddPage(proc);'], before: ['DLGPROC proc = ContosoFinishPageProc;'] };
const DIALOG = ['ContosoShowDialog(ContosoFinishPageProc);'];

const VARIANTS: [string, string, (t: string) => string][] = [
  ['C, LF', 'installer.c', (t) => t],
  ['C, CRLF', 'installer.c', crlf],
  ['C++, LF', 'installer.cpp', (t) => t],
  ['C++, CRLF', 'installer.cpp', crlf],
];

function cases(valid: [string, string][], invalid: Omit<InvalidCase, 'filename'>[]): { valid: ValidCase[]; invalid: InvalidCase[] } {
  return {
    valid: VARIANTS.flatMap(([variant, filename, eol]) => valid.map(([name, code]) => ({ name: `${variant}: ${name}`, filename, code: eol(code) }))),
    invalid: VARIANTS.flatMap(([variant, filename, eol]) =>
      invalid.map((c) => ({ ...c, name: `${variant}: ${c.name}`, filename, code: eol(c.code), output: typeof c.output === 'string' ? eol(c.output) : c.output })),
    ),
  };
}

const STARTED_IN_PAGE: [string, string][] = [
  ['a page procedure handed to a helper through a parameter starts a process and waits', coInstaller(true, 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', PAGE)],
  ['the procedure kept in a local first', coInstaller(true, 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', HELD.body, HELD.before)],
];

new RuleTester({ serviceProviders: [installerModelProvider] }).run(
  'no-process-outside-finish-install',
  noProcess,
  cases(
    [...STARTED_IN_PAGE, ['the page procedure that does not wait is no process outside an interactive context either', coInstaller(false, 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', PAGE)]],
    [
      {
        name: 'the same procedure shown through a helper\'s DialogBoxParamW under DIF_INSTALLDEVICE',
        code: coInstaller(true, 'DIF_INSTALLDEVICE', DIALOG),
        output: null,
        errors: [
          {
            messageId: 'process',
            data: { api: 'CreateProcessW', entryPoint: 'ContosoCo', difCode: 'DIF_INSTALLDEVICE' },
            line: 9,
            column: 9,
            endLine: 9,
            endColumn: 23,
            related: ['ContosoCo handles DIF_INSTALLDEVICE', 'shows a dialog with procedure ContosoFinishPageProc() (DialogBoxParamW) through ContosoShowDialog()'],
          },
        ],
      },
      {
        name: 'the page helper called under DIF_INSTALLDEVICE (a page there is not interactive)',
        code: coInstaller(true, 'DIF_INSTALLDEVICE', PAGE),
        output: null,
        errors: [
          {
            messageId: 'process',
            data: { api: 'CreateProcessW', entryPoint: 'ContosoCo', difCode: 'DIF_INSTALLDEVICE' },
            line: 9,
            column: 9,
            related: ['ContosoCo handles DIF_INSTALLDEVICE', 'creates a property page with procedure ContosoFinishPageProc() through ContosoAddPage()'],
          },
        ],
      },
    ],
  ),
);

new RuleTester({ serviceProviders: [installerModelProvider] }).run(
  'wait-for-finish-install-process',
  waitFor,
  cases(
    [...STARTED_IN_PAGE, ['a process the dialog starts under DIF_INSTALLDEVICE is not this rule\'s (no-process-outside-finish-install)', coInstaller(false, 'DIF_INSTALLDEVICE', DIALOG)]],
    [
      {
        name: 'the page procedure handed through a parameter does not wait: reported under the finish-install code',
        code: coInstaller(false, 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', HELD.body, HELD.before),
        // the fix waits where the start succeeded (the handles are already closed)
        output: coInstaller(false, 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', HELD.body, HELD.before).replace(
          '        /* the user goes on at once */',
          '        WaitForSingleObject(pi.hProcess, INFINITE);\n        /* the user goes on at once */',
        ),
        errors: [
          {
            messageId: 'notWaited',
            data: { api: 'CreateProcessW', entryPoint: 'ContosoCo', difCode: 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', handle: 'pi.hProcess' },
            line: 9,
            column: 9,
            endLine: 9,
            endColumn: 23,
            related: ['ContosoCo handles DIF_NEWDEVICEWIZARD_FINISHINSTALL', 'creates a property page with procedure ContosoFinishPageProc() through ContosoAddPage() (held in proc)'],
          },
        ],
      },
    ],
  ),
);
