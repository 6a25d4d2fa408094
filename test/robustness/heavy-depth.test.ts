/**
 * The rules that used to climb Node.parent (no-coinstaller-class-install-reserved,
 * no-interactive-windowstation-error, no-state-in-dll, unhandled-dif-return-code,
 * wait-for-finish-install-process) on findings nested thousands of blocks deep: web-tree-sitter
 * answers `parent` by walking down from the root, so a climb costs the square of the depth
 * (engine/syntax/ancestors.ts). Not a timing test: the steps are counted. Each rule, alone, with
 * the installer model, over the same module nested D and 2D blocks deep: it reports its finding on
 * the deep line, Node.parent is asked as often at 2D as at D (no climb through the blocks), and the
 * walks down (childWithDescendant) grow with the depth, not with its square. C and C++, LF and CRLF.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Node } from 'web-tree-sitter';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import type { Linter } from '../../engine/linter/linter.js';
import { allRulesConfig, realLinter } from './invariants.js';

let parser: CppParser;
let linter: Linter;
beforeAll(async () => {
  parser = await CppParser.create();
  linter = realLinter(parser);
});
afterAll(() => {
  linter.dispose();
  parser.delete();
});
afterEach(() => vi.restoreAllMocks());

const DEPTH = 1_000;

/** `statement` inside `depth` blocks, on one line after 8 spaces: the statement starts at column 9 + depth. */
const deep = (depth: number, statement: string) => `        ${'{'.repeat(depth)}${statement}${'}'.repeat(depth)}`;

/**
 * Lines 1-22; the deep lines are 9 (helper), 17 (DIF_INSTALLDEVICE) and 20 (DIF_FINISHINSTALL_ACTION).
 * The helper returns ERROR_DI_DO_DEFAULT into the co-installer that calls it.
 */
function module(depth: number, eol: string): string {
  return [
    '#include <windows.h>', //                                                      1
    '#include <setupapi.h>',
    '#include <shellapi.h>',
    'DWORD g_Count;',
    'SP_DEVINSTALL_PARAMS_W Params;', //                                            5
    'SHELLEXECUTEINFOW Sei;',
    'static DWORD ContosoHelper(void)',
    '{',
    deep(depth, 'return ((ERROR_DI_DO_DEFAULT));'), //                               9
    '}',
    'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
    '{',
    '    DWORD Status = NO_ERROR;',
    '    switch (Fn) {',
    '    case DIF_INSTALLDEVICE:', //                                                15
    '        Status = ContosoHelper();',
    deep(depth, 'Params.ClassInstallReserved = sizeof(Params.ClassInstallReserved); g_Count = 1; Status = ((ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION));'),
    '        break;',
    '    case DIF_FINISHINSTALL_ACTION:',
    deep(depth, 'Sei.fMask = 0; ShellExecuteExW(&Sei);'), //                          20
    '        break;',
    '    default:',
    '        break;',
    '    }',
    '    return Status;',
    '}',
    '',
  ].join(eol);
}

const FIRST = 'Params.ClassInstallReserved = sizeof(Params.ClassInstallReserved); ';

/** Each rule and where its findings on the deep lines start (line:column, the column after the `depth` braces), in order. */
const RULES: { id: string; findings: (depth: number) => string[] }[] = [
  // the write `Params.ClassInstallReserved = ...`: the field's name (the one under sizeof is not reported)
  { id: 'no-coinstaller-class-install-reserved', findings: (d) => [`17:${9 + d + 'Params.'.length}`] },
  // `Status = ((ERROR_REQUIRES_...))`: the constant
  { id: 'no-interactive-windowstation-error', findings: (d) => [`17:${9 + d + `${FIRST}g_Count = 1; Status = ((`.length}`] },
  // the globals written: Params (through its field), g_Count, Sei (its field, and its address handed to ShellExecuteExW)
  {
    id: 'no-state-in-dll',
    findings: (d) => [`17:${9 + d}`, `17:${9 + d + FIRST.length}`, `20:${9 + d}`, `20:${9 + d + 'Sei.fMask = 0; ShellExecuteExW(&'.length}`],
  },
  // the helper's `return ((ERROR_DI_DO_DEFAULT));`: the constant
  { id: 'unhandled-dif-return-code', findings: (d) => [`9:${9 + d + 'return (('.length}`] },
  // ShellExecuteExW without SEE_MASK_NOCLOSEPROCESS: the call's name
  { id: 'wait-for-finish-install-process', findings: (d) => [`20:${9 + d + 'Sei.fMask = 0; '.length}`] },
];

const VARIANTS = [
  { lang: 'C', file: 'coinstaller.c', eol: '\n' },
  { lang: 'C', file: 'coinstaller.c', eol: '\r\n' },
  { lang: 'C++', file: 'coinstaller.cpp', eol: '\n' },
  { lang: 'C++', file: 'coinstaller.cpp', eol: '\r\n' },
] as const;

function run(ruleId: string, file: string, depth: number, eol: string) {
  const all = allRulesConfig();
  const config = { ...all, rules: { [ruleId]: all.rules[ruleId] } };
  const inputs = [
    { filePath: `/depth/contoso/${file}`, text: module(depth, eol) },
    { filePath: '/depth/contoso/contoso.def', text: `LIBRARY contoso${eol}EXPORTS${eol}    ContosoCoInstaller${eol}` },
  ];
  const parent = vi.spyOn(Node.prototype, 'parent', 'get');
  const down = vi.spyOn(Node.prototype, 'childWithDescendant');
  try {
    const results = linter.lintModule(inputs, () => config);
    const messages = results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column}`));
    return { messages, parent: parent.mock.calls.length, down: down.mock.calls.length };
  } finally {
    parent.mockRestore();
    down.mockRestore();
  }
}

describe('rules on findings nested deep: steps linear in the depth', { timeout: 120_000 }, () => {
  for (const v of VARIANTS) {
    for (const rule of RULES) {
      it(`${v.lang} ${v.eol === '\n' ? 'LF' : 'CRLF'}: ${rule.id}`, () => {
        const once = run(rule.id, v.file, DEPTH, v.eol);
        const twice = run(rule.id, v.file, 2 * DEPTH, v.eol);
        expect(once.messages).toEqual(rule.findings(DEPTH));
        expect(twice.messages).toEqual(rule.findings(2 * DEPTH));
        // a climb through the blocks asks Node.parent once per block: D more times at 2D
        expect(twice.parent).toBeLessThan(once.parent + DEPTH / 10);
        // walks down: a few per finding, each as long as the depth
        expect(twice.down).toBeLessThan(2.5 * once.down);
      });
    }
  }
});
