/**
 * no-ui-outside-finish-install with preprocessor directives inside a case body and inside the
 * entry point's parameter list: a case keeps its DIF code across `#if`/`#ifdef`/`#else`/`#endif`
 * (engine/syntax/switch-cases.ts), and a parameter list with `#ifdef` still makes an entry point
 * (engine/parsing/directives-in-parens.ts). Every variant in C and C++, LF and CRLF.
 */
import rule from '../../rules/no-ui-outside-finish-install.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const ID = 'no-ui-outside-finish-install';
const RULE: RuleModule = rule;
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

const HEADER = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  '__declspec(dllexport) DWORD CALLBACK',
  'CoInstaller(',
  '#ifdef CONTOSO_UINT_DIF',
  '    UINT InstallFunction,',
  '#else',
  '    DI_FUNCTION InstallFunction,',
  '#endif',
  '    HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
  '{',
  '    switch (InstallFunction) {',
];
const FOOTER = ['    default:', '        break;', '    }', '    return NO_ERROR;', '}', ''];

/** A debug-only message box in the finish-install action, and one after its #endif: both interactive. */
const ACTION = [
  '    case DIF_FINISHINSTALL_ACTION:',
  '#ifdef DBG',
  '        MessageBoxW(NULL, L"Starting", L"Contoso", MB_OK);',
  '#endif',
  '        MessageBoxW(NULL, L"Done", L"Contoso", MB_OK);',
  '        break;',
];

const VALID = [...HEADER, ...ACTION, ...FOOTER].join('\n');
/** The same with a plain parameter list: the entry point is found either way. */
const VALID_PLAIN = VALID.replace(/CoInstaller\([^)]*\)/, 'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)');

// Lines (1-based) of the UI calls below: HEADER is 13 lines, ACTION 6.
const INVALID = [
  ...HEADER,
  ...ACTION,
  '    case DIF_INSTALLDEVICE:', // 20
  '#ifdef DBG',
  '        OutputDebugStringW(L"Installing");',
  '#endif',
  '        MessageBoxW(NULL, L"Installed", L"Contoso", MB_OK);', // 24: after #endif
  '        break;',
  '    case DIF_PROPERTYCHANGE:', // 26
  '#if CONTOSO_ASK_FIRST',
  '        MessageBoxW(NULL, L"Apply?", L"Contoso", MB_YESNO);', // 28: #if branch
  '#else',
  '        DialogBoxParamW(NULL, MAKEINTRESOURCEW(1), NULL, NULL, 0);', // 30: #else branch
  '#endif',
  '        break;',
  ...FOOTER,
].join('\n');

const variants: [string, string, (t: string) => string][] = [
  ['C, LF', 'installer.c', (t) => t],
  ['C, CRLF', 'installer.c', crlf],
  ['C++, LF', 'installer.cpp', (t) => t],
  ['C++, CRLF', 'installer.cpp', crlf],
];

const valid: ValidCase[] = variants.flatMap(([name, filename, eol]) => [
  {
    name: `${name}: a message box under #ifdef DBG in the finish-install action, and one after #endif, are not reported`,
    filename,
    code: eol(VALID_PLAIN),
  },
  { name: `${name}: the same with #ifdef in the parameter list`, filename, code: eol(VALID) },
]);

const error = (api: string, difCode: string, line: number, column: number) => ({
  messageId: 'ui',
  data: { api, entryPoint: 'CoInstaller', difCode },
  line,
  column,
  endLine: line,
  endColumn: column + api.length,
  related: [`CoInstaller handles ${difCode}`],
  // the move into an action is planned for statements of tree-sitter's case_statement only
  suggestions: null,
});

const invalid: InvalidCase[] = variants.map(([name, filename, eol]) => ({
  name: `${name}: UI after #endif and in both branches of #if/#else is reported under its case's code, with #ifdef in the parameter list`,
  filename,
  code: eol(INVALID),
  output: null,
  errors: [
    error('MessageBoxW', 'DIF_INSTALLDEVICE', 24, 9),
    error('MessageBoxW', 'DIF_PROPERTYCHANGE', 28, 9),
    error('DialogBoxParamW', 'DIF_PROPERTYCHANGE', 30, 9),
  ],
}));

new RuleTester({ serviceProviders: [installerModelProvider] }).run(ID, RULE, { valid, invalid });
