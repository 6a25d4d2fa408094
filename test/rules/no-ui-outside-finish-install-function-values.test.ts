/**
 * no-ui-outside-finish-install where procedures travel as values (docs/architecture.md, Function
 * values): a finish-install page procedure handed to a helper that stores it in pfnDlgProc (held
 * in a local, or in a field of a structure first) runs in the wizard, interactively
 * (docs/installer-facts.md#dif-codes-and-interactivity): its MessageBox is not the
 * DIF_NEWDEVICEWIZARD_FINISHINSTALL handler's. The same helpers called under DIF_INSTALLDEVICE, a
 * dialog shown there, and a C++ lambda called there are reported under DIF_INSTALLDEVICE. Every
 * case in C and C++ (lambdas in C++ only), LF and CRLF.
 */
import rule from '../../rules/no-ui-outside-finish-install.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { type ExpectedError, RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const ID = 'no-ui-outside-finish-install';
const RULE: RuleModule = rule;
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

/** Lines 1-24: the page and dialog procedures (MessageBoxW on line 6 and 11) and the helpers that take them. */
const HEAD = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  'typedef struct { LPCWSTR title; DLGPROC proc; } CONTOSO_PAGE;',
  'static INT_PTR CALLBACK ContosoFinishPageProc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)',
  '{',
  '    if (msg == WM_INITDIALOG) MessageBoxW(hwnd, L"Contoso is installed", L"Contoso", MB_OK);',
  '    return FALSE;',
  '}',
  'static INT_PTR CALLBACK ContosoErrorDlgProc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)',
  '{',
  '    if (msg == WM_INITDIALOG) MessageBoxW(hwnd, L"The device failed", L"Contoso", MB_OK);',
  '    return FALSE;',
  '}',
  'static HPROPSHEETPAGE ContosoAddPage(HINSTANCE inst, DLGPROC proc)',
  '{',
  '    PROPSHEETPAGEW psp = { 0 };',
  '    psp.dwSize = sizeof(psp);',
  '    psp.hInstance = inst;',
  '    psp.pfnDlgProc = proc;',
  '    return CreatePropertySheetPageW(&psp);',
  '}',
  'static HPROPSHEETPAGE ContosoAddPageFrom(const CONTOSO_PAGE *page) { return ContosoAddPage(NULL, page->proc); }',
  'static INT_PTR ContosoShowDialog(DLGPROC proc) { return DialogBoxParamW(NULL, MAKEINTRESOURCEW(101), NULL, proc, 0); }',
  '',
];

/** A co-installer (from line 25) whose switch runs `body` under `code`; `before` goes above the switch. */
function coInstaller(code: string, body: string[], before: string[] = []): string {
  return [
    ...HEAD,
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

const WIZ = 'wiz.DynamicPages[wiz.NumDynamicPages++]';

const VALID: [string, string][] = [
  [
    'a finish-install page procedure handed to a helper that stores it in pfnDlgProc',
    coInstaller('DIF_NEWDEVICEWIZARD_FINISHINSTALL', [`${WIZ} = ContosoAddPage(NULL, ContosoFinishPageProc);`], ['SP_NEWDEVICEWIZARD_DATA wiz;']),
  ],
  [
    'the procedure kept in a local above the switch, handed over under the finish-install code',
    coInstaller('DIF_NEWDEVICEWIZARD_FINISHINSTALL', [`${WIZ} = ContosoAddPage(NULL, proc);`], ['SP_NEWDEVICEWIZARD_DATA wiz;', 'DLGPROC proc = ContosoFinishPageProc;']),
  ],
  [
    'the procedure in a field of a structure, read back by the helper',
    coInstaller('DIF_NEWDEVICEWIZARD_FINISHINSTALL', [`${WIZ} = ContosoAddPageFrom(&page);`], [
      'SP_NEWDEVICEWIZARD_DATA wiz;',
      'CONTOSO_PAGE page;',
      'page.title = L"Contoso";',
      'page.proc = ContosoFinishPageProc;',
    ]),
  ],
  ['a dialog shown through the helper from a finish-install action', coInstaller('DIF_FINISHINSTALL_ACTION', ['ContosoShowDialog(ContosoErrorDlgProc);'])],
];

const ui = (line: number, chain: string[]): ExpectedError => ({
  messageId: 'ui',
  data: { api: 'MessageBoxW', entryPoint: 'ContosoCo', difCode: 'DIF_INSTALLDEVICE' },
  line,
  column: 31,
  endLine: line,
  endColumn: 42,
  related: ['ContosoCo handles DIF_INSTALLDEVICE', ...chain],
});

const INVALID: { name: string; code: string; errors: ExpectedError[] }[] = [
  {
    name: 'the page helper called under DIF_INSTALLDEVICE: a page created there is not interactive',
    code: coInstaller('DIF_INSTALLDEVICE', ['ContosoAddPage(NULL, ContosoFinishPageProc);']),
    errors: [ui(6, ['creates a property page with procedure ContosoFinishPageProc() through ContosoAddPage()'])],
  },
  {
    name: 'the structure helper called under DIF_INSTALLDEVICE, the chain says where the procedure was held',
    code: coInstaller('DIF_INSTALLDEVICE', ['ContosoAddPageFrom(&page);'], ['CONTOSO_PAGE page;', 'page.proc = ContosoFinishPageProc;']),
    errors: [ui(6, ['creates a property page with procedure ContosoFinishPageProc() through ContosoAddPageFrom() then ContosoAddPage() (held in page.proc)'])],
  },
  {
    name: 'a dialog procedure shown through the helper under DIF_INSTALLDEVICE',
    code: coInstaller('DIF_INSTALLDEVICE', ['ContosoShowDialog(ContosoErrorDlgProc);']),
    errors: [
      ui(11, ['shows a dialog with procedure ContosoErrorDlgProc() (DialogBoxParamW) through ContosoShowDialog()']),
      // and the dialog itself, in the helper
      {
        messageId: 'ui',
        data: { api: 'DialogBoxParamW', entryPoint: 'ContosoCo', difCode: 'DIF_INSTALLDEVICE' },
        line: 23,
        column: 57,
        endLine: 23,
        endColumn: 72,
        related: ['ContosoCo handles DIF_INSTALLDEVICE', 'calls ContosoShowDialog()'],
      },
    ],
  },
];

/** C++ only: a lambda in a local, called under `code`. MessageBoxW is on line 28. */
const lambda = (code: string) => coInstaller(code, ['show(L"Contoso is installed");'], ['auto show = [&](LPCWSTR text) { MessageBoxW(nullptr, text, L"Contoso", MB_OK); };']);

const VARIANTS: [string, string, (t: string) => string][] = [
  ['C, LF', 'installer.c', (t) => t],
  ['C, CRLF', 'installer.c', crlf],
  ['C++, LF', 'installer.cpp', (t) => t],
  ['C++, CRLF', 'installer.cpp', crlf],
];
const CXX = VARIANTS.filter(([, filename]) => filename.endsWith('.cpp'));

const valid: ValidCase[] = [
  ...VARIANTS.flatMap(([variant, filename, eol]) => VALID.map(([name, code]) => ({ name: `${variant}: ${name}`, filename, code: eol(code) }))),
  ...CXX.map(([variant, filename, eol]) => ({ name: `${variant}: a lambda defined in the entry point and called only under DIF_FINISHINSTALL_ACTION`, filename, code: eol(lambda('DIF_FINISHINSTALL_ACTION')) })),
];

const invalid: InvalidCase[] = [
  ...VARIANTS.flatMap(([variant, filename, eol]) => INVALID.map((c) => ({ name: `${variant}: ${c.name}`, filename, code: eol(c.code), output: null, errors: c.errors }))),
  ...CXX.map(([variant, filename, eol]) => ({
    name: `${variant}: the lambda called under DIF_INSTALLDEVICE is reported under DIF_INSTALLDEVICE`,
    filename,
    code: eol(lambda('DIF_INSTALLDEVICE')),
    output: null,
    errors: [
      {
        messageId: 'ui',
        data: { api: 'MessageBoxW', entryPoint: 'ContosoCo', difCode: 'DIF_INSTALLDEVICE' },
        line: 28,
        column: 37,
        endLine: 28,
        endColumn: 48,
        related: ['ContosoCo handles DIF_INSTALLDEVICE', 'calls lambda show'],
      },
    ],
  })),
];

new RuleTester({ serviceProviders: [installerModelProvider] }).run(ID, RULE, { valid, invalid });
