/**
 * no-reserved-dif-code on cases that only trace (docs/rules/no-reserved-dif-code.md, "What counts
 * as handling"): a reserved code is reported only when its case, with the cases it falls into,
 * calls something other than tracing, writes, or returns anything but the pass-through. Written
 * from the guideline, in C and C++, with LF and CRLF line ends, with the installer model (it
 * tells what the module's macros and helpers do).
 */
import rule from '../../rules/no-reserved-dif-code.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const asModule: RuleModule = rule;
const tester = new RuleTester({ serviceProviders: [installerModelProvider] });

/** Lines 1-10: a tracing macro (empty in release builds) and a helper that only traces. */
const HEAD = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  '#if DBG',
  '#define CTRACE(s) OutputDebugStringA("contoso: " s "\\n")',
  '#else',
  '#define CTRACE(s)',
  '#endif',
  'static void ContosoLog(const char *what) { OutputDebugStringA(what); }',
  '',
];
const CO = 'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';
const CLASS = 'DWORD CALLBACK ContosoClassInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev)';

/** A dispatcher whose first case line is line 14 (HEAD, the prototype, `{`, `switch`). */
const dispatcher = (proto: string, fallback: string, cases: string[]) => [...HEAD, proto, '{', '    switch (Fn) {', ...cases, '    default:', '        break;', '    }', `    return ${fallback};`, '}', ''];
const co = (...cases: string[]) => dispatcher(CO, 'NO_ERROR', cases);
const cls = (...cases: string[]) => dispatcher(CLASS, 'ERROR_DI_DO_DEFAULT', cases);
const withoutLines = (lines: string[], ...numbers: number[]) => lines.filter((_, i) => !numbers.includes(i + 1));

/** The guideline's sketch: A-D only trace or pass the code on, E-H do work. */
const SKETCH = co(
  '    case DIF_CALCDISKSPACE:', //          14 A
  '        CTRACE("calc");',
  '        break;',
  '    case DIF_ENABLECLASS:', //            17 B: falls into C's body
  '    case DIF_DETECTVERIFY:', //           18 C
  '        ContosoLog("class");',
  '        break;',
  '    case DIF_DETECTCANCEL:', //           21 D
  '        return NO_ERROR;',
  '    case DIF_FOUNDDEVICE:', //            23 E: falls into F's work
  '    case DIF_ASSIGNRESOURCES:', //        24 F
  '        CTRACE("res");',
  '        SetupDiSetDeviceRegistryPropertyW(Set, Dev, SPDRP_LOCATION_INFORMATION, NULL, 0);',
  '        break;',
  '    case DIF_INSTALLCLASSDRIVERS:', //    28 G
  '        return ERROR_ACCESS_DENIED;',
  '    case DIF_UPDATEDRIVER_UI:', //        30 H
  '        Ctx->PrivateData = NULL;',
  '        break;',
);

/** A finding at the label's code; `suggestion`: the text after removing the case, null for none, undefined not to check. */
const reserved = (entryPoint: string, difCode: string, line: number, suggestion?: string | null) => ({
  messageId: 'reserved',
  data: { entryPoint, difCode },
  line,
  column: 10,
  endLine: line,
  endColumn: 10 + difCode.length,
  ...(suggestion === undefined ? {} : { suggestions: suggestion === null ? null : [{ messageId: 'removeCase', output: suggestion }] }),
});

/** The cases of this file, with lines joined by `eol`, in a C or a C++ file. */
function cases(eol: string, filename: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const text = (lines: string[]) => lines.join(eol);
  const tag = `${filename}, ${eol === '\n' ? 'LF' : 'CRLF'}`;
  const valid: ValidCase[] = [
    ...[
      ['OutputDebugStringA', '        OutputDebugStringA("detect verify\\n");'],
      ['OutputDebugStringW', '        OutputDebugStringW(L"detect verify\\n");'],
      ['OutputDebugString with TEXT', '        OutputDebugString(TEXT("detect verify\\n"));'],
      ['DbgPrint', '        DbgPrint("detect verify %d\\n", Fn);'],
      ['printf', '        printf("detect verify %u\\n", Fn);'],
      ['wprintf', '        wprintf(L"detect verify %u\\n", Fn);'],
      ['_tprintf', '        _tprintf(_T("detect verify %u\\n"), Fn);'],
      ['a module macro, empty in release builds', '        CTRACE("detect verify");'],
      ['a module helper that only traces', '        ContosoLog("detect verify");'],
      ['a helper of another file of the module', '        ContosoTraceF("detect verify %u", Fn);'],
      ['a helper calling a helper that traces', '        ContosoTraceTwice("detect verify");'],
    ].map(([how, statement]): ValidCase => ({
      name: `${tag}: a case that only traces through ${how}`,
      code: text(co('    case DIF_DETECTVERIFY:', statement, '        break;')),
      filename,
      moduleFiles: { 'trace.c': TRACE_C },
    })),
    { name: `${tag}: the guideline's sketch, A to D`, code: text(SKETCH.slice(0, 22).concat(co().slice(13))), filename },
    {
      name: `${tag}: a label falling into a body that only traces, twice`,
      code: text(co('    case DIF_ENABLECLASS:', '        CTRACE("enable");', '    case DIF_ADDPROPERTYPAGE_BASIC:', '        ContosoLog("basic");', '        break;')),
      filename,
    },
    {
      name: `${tag}: formatting into a buffer of the case, then tracing it`,
      code: text(co('    case DIF_CALCDISKSPACE: {', '        char line[32];', '        wsprintfA(line, "calc %u", Fn);', '        OutputDebugStringA(line);', '        break;', '    }')),
      filename,
    },
    {
      name: `${tag}: a co-installer returning NO_ERROR for the code`,
      code: text(co('    case DIF_INSTALLCLASSDRIVERS:', '        CTRACE("icd");', '        return NO_ERROR;')),
      filename,
    },
    {
      name: `${tag}: a class installer returning ERROR_DI_DO_DEFAULT for the code`,
      code: text(cls('    case DIF_DETECTCANCEL:', '        CTRACE("cancel");', '        return ERROR_DI_DO_DEFAULT;')),
      filename,
    },
    {
      name: `${tag}: an == test whose branch only traces`,
      code: text([...HEAD, CO, '{', '    if (Fn == DIF_DETECTVERIFY || (Fn) == DIF_DETECTCANCEL) {', '        CTRACE("detect");', '        return NO_ERROR;', '    }', '    return NO_ERROR;', '}', '']),
      filename,
    },
  ];
  const invalid: InvalidCase[] = [
    {
      name: `${tag}: the guideline's sketch, E to H, with their suggestions`,
      code: text(SKETCH),
      filename,
      errors: [
        reserved('ContosoCoInstaller', 'DIF_FOUNDDEVICE', 23, text(withoutLines(SKETCH, 23))),
        reserved('ContosoCoInstaller', 'DIF_ASSIGNRESOURCES', 24, text(withoutLines(SKETCH, 24))),
        reserved('ContosoCoInstaller', 'DIF_INSTALLCLASSDRIVERS', 28, text(withoutLines(SKETCH, 28, 29))),
        reserved('ContosoCoInstaller', 'DIF_UPDATEDRIVER_UI', 30, text(withoutLines(SKETCH, 30, 31, 32))),
      ],
    },
    {
      name: `${tag}: a class installer returning NO_ERROR for the code`,
      code: text(cls('    case DIF_DETECTCANCEL:', '        CTRACE("cancel");', '        return NO_ERROR;')),
      filename,
      errors: [reserved('ContosoClassInstaller', 'DIF_DETECTCANCEL', 14)],
    },
    {
      name: `${tag}: a co-installer returning ERROR_DI_DO_DEFAULT for the code`,
      code: text(co('    case DIF_DETECTCANCEL:', '        return ERROR_DI_DO_DEFAULT;')),
      filename,
      errors: [reserved('ContosoCoInstaller', 'DIF_DETECTCANCEL', 14)],
    },
    {
      name: `${tag}: a label falling into a traced call that does work`,
      code: text(co('    case DIF_ENABLECLASS:', '        CTRACE("enable");', '    case DIF_INSTALLDEVICE:', '        ContosoInstall(Set, Dev);', '        break;')),
      filename,
      // a case of its own that does not end in break or return: no suggestion (the rule page)
      errors: [reserved('ContosoCoInstaller', 'DIF_ENABLECLASS', 14, null)],
    },
    {
      name: `${tag}: formatting into a global buffer`,
      code: text(['static char g_last[32];', ...co('    case DIF_CALCDISKSPACE:', '        wsprintfA(g_last, "calc %u", Fn);', '        break;')]),
      filename,
      errors: [reserved('ContosoCoInstaller', 'DIF_CALCDISKSPACE', 15)],
    },
    ...[
      ['writes a global', 'ContosoCount("x");'],
      ['writes through its parameter', 'ContosoForget(Ctx);'],
      ['formats into its parameter', 'ContosoName(Ctx->PrivateData);'],
      ['calls an API that does not trace', 'ContosoTraceAndDelete("x");'],
      ['is a macro that assigns', 'CONTOSO_CLEAR(Ctx);'],
    ].map(
      ([how, call]): InvalidCase => ({
        name: `${tag}: a helper of another file that ${how}`,
        code: text(co('    case DIF_DETECTVERIFY:', `        ${call}`, '        break;')),
        filename,
        moduleFiles: { 'trace.c': TRACE_C },
        errors: [reserved('ContosoCoInstaller', 'DIF_DETECTVERIFY', 14)],
      }),
    ),
    {
      name: `${tag}: an == test whose branch writes`,
      code: text([...HEAD, CO, '{', '    if (Fn == DIF_DETECTVERIFY)', '        Ctx->PrivateData = NULL;', '    return NO_ERROR;', '}', '']),
      filename,
      errors: [{ messageId: 'reserved', data: { entryPoint: 'ContosoCoInstaller', difCode: 'DIF_DETECTVERIFY' }, line: 13, column: 15, endColumn: 31 }],
    },
  ];
  return { valid, invalid };
}

/** Another file of the module: helpers that only trace, and helpers that do more. */
const TRACE_C = [
  '#include <windows.h>',
  '#include <strsafe.h>',
  'static int g_traced;',
  '#define CONTOSO_CLEAR(c) ((c)->PrivateData = NULL)',
  'void ContosoTraceF(PCSTR fmt, ...)',
  '{',
  '    CHAR buf[256];',
  '    va_list ap;',
  '    va_start(ap, fmt);',
  '    StringCchVPrintfA(buf, 256, fmt, ap);',
  '    va_end(ap);',
  '    OutputDebugStringA(buf);',
  '}',
  'void ContosoTraceTwice(PCSTR s) { ContosoTraceF("%s", s); ContosoTraceF("%s", s); }',
  'void ContosoCount(PCSTR s) { g_traced++; OutputDebugStringA(s); }',
  'void ContosoForget(PCOINSTALLER_CONTEXT_DATA c) { c->PrivateData = NULL; }',
  'void ContosoName(PVOID out) { wsprintfA((LPSTR)out, "contoso"); }',
  'void ContosoTraceAndDelete(PCSTR s) { OutputDebugStringA(s); DeleteFileA(s); }',
  '',
].join('\n');

for (const eol of ['\n', '\r\n']) {
  for (const filename of ['installer.c', 'installer.cpp']) tester.run('no-reserved-dif-code', asModule, cases(eol, filename));
}

/** C++ spellings: a qualified API call, a static member that traces, nullptr written. */
const CPP = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  'struct Trace { static void Note(const wchar_t *s) { ::OutputDebugStringW(s); } };',
  CO,
  '{',
  '    switch (Fn) {',
  '    case DIF_DETECTVERIFY:', //   7: only traces
  '        ::OutputDebugStringW(L"verify");',
  '        Trace::Note(L"verify");',
  '        break;',
  '    case DIF_UPDATEDRIVER_UI:', // 11: writes
  '        Trace::Note(L"ui");',
  '        Ctx->PrivateData = nullptr;',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];
for (const eol of ['\n', '\r\n']) {
  tester.run('no-reserved-dif-code', asModule, {
    valid: [{ name: `C++ spellings that only trace (${eol === '\n' ? 'LF' : 'CRLF'})`, code: withoutLines(CPP, 11, 12, 13, 14).join(eol), filename: 'installer.cpp' }],
    invalid: [{ name: `C++ spellings (${eol === '\n' ? 'LF' : 'CRLF'})`, code: CPP.join(eol), filename: 'installer.cpp', errors: [reserved('ContosoCoInstaller', 'DIF_UPDATEDRIVER_UI', 11)] }],
  });
}

// Without the model only the API lists are known: the module's macro counts as work.
new RuleTester().run('no-reserved-dif-code', asModule, {
  valid: [{ name: 'without the model: OutputDebugStringA only traces', code: co('    case DIF_DETECTVERIFY:', '        OutputDebugStringA("v");', '        break;').join('\n') }],
  invalid: [
    {
      name: 'without the model: a module macro is not known to trace',
      code: co('    case DIF_DETECTVERIFY:', '        CTRACE("v");', '        break;').join('\n'),
      errors: [reserved('ContosoCoInstaller', 'DIF_DETECTVERIFY', 14)],
    },
  ],
});
