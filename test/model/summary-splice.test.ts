/**
 * The summary spliced after an edit inside one function (summary-splice.ts) is the summary of the
 * whole new text, for edits of every kind typed into every function body of the examples, the
 * rule fixtures and the generated 5,000-line installer: digits, names, calls, statics, braces,
 * comment and string openers, directives, line breaks, deletions. And `sameShape` says whether the
 * model can see the difference: typing inside a number or a string keeps the shape, adding a call,
 * a reference, a static or a DIF guard does not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInstaller } from '../../bench/big-installer.js';
import { Random } from '../../bench/random.js';
import { fileLanguage, type ParsedFile } from '../../engine/linter/linter.js';
import { summarizeFile } from '../../engine/model/file-summary.js';
import { wasmBindingOf } from '../../engine/model/summarize-cursor.js';
import { spliceTopLevelSummary } from '../../engine/model/summary-splice.js';
import type { FileSummary } from '../../engine/model/summary-types.js';
import { editedTopLevelFunction, topLevelOutline } from '../../engine/model/top-level-outline.js';
import { CppParser, wasmModuleObject } from '../../engine/parsing/cpp-parser.js';
import { blankWindowsMacros } from '../../engine/parsing/macro-blanking.js';
import { SourceCode } from '../../engine/linter/source-code.js';
import { differingRegion, unionShift } from '../../engine/text/text-shift.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

const ROOT = join(import.meta.dirname, '..', '..');

function sources(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const rel = join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (/\.(c|cpp)$/.test(e.name)) out.push({ name: rel, text: readFileSync(join(ROOT, rel), 'utf8') });
    }
  };
  walk('examples');
  walk('test/fixtures/rules');
  return out;
}

interface Outcome {
  /** undefined: the edit was not inside one function's body (a full summary is needed). */
  spliced?: { summary: FileSummary; sameShape: boolean };
  full: FileSummary;
}

/** Edits `text` and returns the spliced summary beside the summary of the whole new text. */
function edit(name: string, text: string, at: number, removed: number, inserted: string): Outcome {
  const filePath = `/m/${name}`;
  const next = text.slice(0, at) + inserted + text.slice(at + removed);
  const before = parser.parse(text);
  const after = parser.parse(next);
  try {
    const binding = wasmBindingOf(wasmModuleObject());
    const file = (t: string, tree: typeof before): ParsedFile => ({ filePath, language: fileLanguage(name), sourceCode: new SourceCode(t, tree) });
    const oldSummary = summarizeFile(file(text, before));
    const newFile = file(next, after);
    const full = summarizeFile(newFile);
    // the parser saw the blanked texts: the edit as the parser saw it may reach further
    const region = unionShift(differingRegion(text, next), differingRegion(blankWindowsMacros(text), blankWindowsMacros(next)));
    const delta = region.delta;
    const node = editedTopLevelFunction(topLevelOutline(before, binding), topLevelOutline(after, binding), after.rootNode, region.at, region.oldEnd, delta)?.node;
    if (!node) return { full };
    const spliced = spliceTopLevelSummary(oldSummary, node, next, text, delta, newFile.sourceCode.lineIndex.lineStarts, binding);
    return { spliced, full };
  } finally {
    before.delete();
    after.delete();
  }
}

/** Offsets strictly inside the bodies of the file's functions at file scope. */
function bodyOffsets(text: string): number[] {
  const tree = parser.parse(text);
  try {
    const out: number[] = [];
    for (const child of tree.rootNode.children) {
      if (child?.type !== 'function_definition') continue;
      const body = child.childForFieldName('body');
      if (!body) continue;
      for (let i = body.startIndex + 1; i < body.endIndex - 1; i++) out.push(i);
    }
    return out;
  } finally {
    tree.delete();
  }
}

const INSERTIONS = ['7', 'x', 'Foo(1);', 'static int s_count = 0;', '}', '{', '/*', '*/', '"', "'", '\n', '\r\n', '#if 0\n', '#endif\n', 'if (Dif == DIF_INSTALLDEVICE) ', 'case DIF_REMOVE:', ' ', '\\\n', 'g_state = 1;', 'LoadLibraryW(L"a.dll");'];

describe('spliceTopLevelSummary', () => {
  it('gives the summary of the whole new text, for every kind of edit in every function body', () => {
    const random = new Random(7);
    let spliced = 0;
    let checked = 0;
    for (const { name, text } of sources()) {
      const offsets = bodyOffsets(text);
      if (offsets.length === 0) continue;
      for (let k = 0; k < 12; k++) {
        const at = offsets[Math.floor(random.next() * offsets.length)];
        const removed = random.next() < 0.3 ? Math.floor(random.next() * 4) : 0;
        const inserted = random.next() < 0.2 ? '' : INSERTIONS[Math.floor(random.next() * INSERTIONS.length)];
        const outcome = edit(name, text, at, removed, inserted);
        checked++;
        if (!outcome.spliced) continue;
        spliced++;
        expect(outcome.spliced.summary, `${name}: ${JSON.stringify(inserted)} at ${at} (${removed} removed)`).toStrictEqual(outcome.full);
      }
    }
    // most edits stay inside the function they were typed in
    expect(checked).toBeGreaterThan(300);
    expect(spliced).toBeGreaterThan(checked / 2);
  });

  it('renumbers the statics of the functions after the edit when a static is added', () => {
    const text = 'static int Count(void)\n{\n    return 1;\n}\nint Later(void)\n{\n    static int s_later = 0;\n    return s_later++;\n}\n';
    const at = text.indexOf('return 1;');
    const outcome = edit('statics.c', text, at, 0, 'static int s_first = 0; s_first++; ');
    expect(outcome.spliced).toBeDefined();
    expect(outcome.spliced!.sameShape).toBe(false);
    expect(outcome.spliced!.summary).toStrictEqual(outcome.full);
    expect(outcome.full.globals.map((g) => g.name)).toEqual(['s_first', 's_later']);
    expect(outcome.full.functions[1].staticAccesses.map((a) => a.global)).toEqual([1]);
  });

  it('keeps the shape for a digit in a number and a letter in a string, not for a new call or guard', () => {
    const text = generateInstaller(400);
    const number = text.indexOf('value = params.Flags + 3;') + 'value = params.Flags + '.length;
    const digit = edit('big.c', text, number, 0, '9');
    expect(digit.spliced?.sameShape).toBe(true);
    expect(digit.spliced?.summary).toStrictEqual(digit.full);

    const string = text.indexOf('L"vendor.dll"') + 3;
    expect(edit('big.c', text, string, 0, 'x').spliced?.sameShape).toBe(true);

    const statement = text.indexOf('value ^= 0x5a;', number);
    const call = edit('big.c', text, statement, 0, 'Sleep(1); ');
    expect(call.spliced?.sameShape).toBe(false);
    expect(call.spliced?.summary).toStrictEqual(call.full);

    const local = edit('big.c', text, statement, 0, 'value += DeviceInfoSet != NULL; ');
    expect(local.spliced?.sameShape, 'a parameter read adds no reference').toBe(true);

    const entry = text.indexOf('switch (InstallFunction)');
    expect(entry).toBeGreaterThan(0);
    const guard = edit('big.c', text, text.indexOf('{', entry) + 1, 0, '\n    case DIF_REMOVE: break;');
    expect(guard.spliced?.sameShape).toBe(false);
  });

  it('gives up on edits outside one function body, and on #include inside one', () => {
    const text = generateInstaller(200);
    // between two functions
    const between = text.indexOf('\nstatic DWORD Helper1(');
    expect(edit('big.c', text, between, 0, '\nint g_new;').spliced).toBeUndefined();
    // in a function's header
    const header = text.indexOf('Helper1(') + 3;
    expect(edit('big.c', text, header, 0, 'X').spliced).toBeUndefined();
    // a brace that closes the function early
    const body = text.indexOf('value ^= 0x5a;');
    expect(edit('big.c', text, body, 0, '}\nint Orphan(void) {').spliced).toBeUndefined();
    const include = edit('big.c', text, body, 0, '\n#include "x.h"\n');
    expect(include.spliced).toBeUndefined();
  });
});

describe('spliceTopLevelSummary on bodies that hold more than statements', () => {
  /**
   * Function bodies holding a nested class with methods, a lambda, statics, a #define, an #if 0
   * block, a K&R definition, a definition inside extern "C" { } and one named through a macro;
   * CRLF line ends and characters outside the BMP.
   */
  const TRICKY = [
    '#include <windows.h>',
    '',
    'static int g_total = 0;',
    '',
    'static int Old(a)',
    'int a;',
    '{',
    '    static int s_old = 0;',
    '    return a + s_old++;',
    '}',
    '',
    'extern "C" {',
    'static void Wrapped(void)',
    '{',
    '    Old(2);',
    '}',
    '}',
    '',
    '#define NAMED(x) Named_##x',
    'static void NAMED(one)(void)',
    '{',
    '    Wrapped();',
    '}',
    '',
    'static DWORD Work(HDEVINFO DeviceInfoSet, DI_FUNCTION Dif)',
    '{',
    '    struct Local {',
    '        int Get() { static int s_inner = 0; return ++s_inner + g_total; }',
    '        void Show() { MessageBoxW(NULL, L"m \u{1F680}", L"v", MB_OK); }',
    '    };',
    '    auto show = [](int n) { Old(n); return n + 2; };',
    '#define LOCAL_LIMIT 4',
    '#if 0',
    '    Sleep(LOCAL_LIMIT);',
    '#endif',
    '    static int s_calls;',
    '    s_calls++;',
    '    if (Dif == DIF_REMOVE) { Local l; l.Show(); }',
    '    return show(g_total);',
    '}',
    '',
    'static int Later(void)',
    '{',
    '    static int s_later = 1;',
    '    g_total += s_later;',
    '    return s_later;',
    '}',
    '',
  ];
  const EDITS = ['7', 'x', ' ', '\n', '\r\n', 'static int s_new = 0; s_new++;', 'Later();', '}', '{', '/*', '"', '#endif\n', '#if 0\n', 'g_total = 1;', '\u{1F681}', 'case DIF_REMOVE:', 'if (Dif == DIF_INSTALLDEVICE) '];

  for (const [name, eol] of [
    ['tricky.cpp', '\n'],
    ['tricky-crlf.cpp', '\r\n'],
    ['tricky.c', '\r\n'],
  ] as const) {
    it(`${name}: every kind of edit at every 7th offset of every body gives the summary of the whole new text`, () => {
      const text = TRICKY.join(eol);
      // STRIDE=1 tries every offset (and SHIFT the edit kinds against them)
      const stride = Number(process.env.STRIDE ?? 7);
      const turn = Number(process.env.SHIFT ?? 0);
      const offsets = bodyOffsets(text).filter((_, i) => i % stride === 0);
      let spliced = 0;
      for (const [k, at] of offsets.entries()) {
        const inserted = EDITS[(k + turn) % EDITS.length];
        const removed = (k + turn) % 5 === 0 ? 1 + ((k + turn) % 3) : 0;
        // an editor's cursor never sits inside a CRLF nor a surrogate pair
        if (text.charCodeAt(at - 1) === 13 || (text.charCodeAt(at) & 0xfc00) === 0xdc00) continue;
        const outcome = edit(name, text, at, removed, inserted);
        if (!outcome.spliced) continue;
        spliced++;
        expect(outcome.spliced.summary, `${JSON.stringify(inserted)} at ${at} (${removed} removed)`).toStrictEqual(outcome.full);
      }
      expect(spliced).toBeGreaterThan(offsets.length / 3);
    });
  }

  it('statics removed before the statics of later functions are renumbered back', () => {
    const text = TRICKY.join('\n');
    // (the K&R definition is no function_definition to tree-sitter-cpp: an edit there is no splice)
    for (const statement of ['static int s_calls;', 'static int s_inner = 0; ']) {
      const at = text.indexOf(statement);
      const outcome = edit('tricky.cpp', text, at, statement.length, '');
      expect(outcome.spliced, statement).toBeDefined();
      expect(outcome.spliced!.sameShape, statement).toBe(false);
      expect(outcome.spliced!.summary, statement).toStrictEqual(outcome.full);
    }
  });

  it('a digit in the lambda or the method keeps the shape; a call added in either does not', () => {
    const text = TRICKY.join('\n');
    const lambda = text.indexOf('n + 2') + 4;
    expect(edit('tricky.cpp', text, lambda, 0, '5').spliced?.sameShape).toBe(true);
    expect(edit('tricky.cpp', text, lambda, 0, '5 + Later()').spliced?.sameShape).toBe(false);
    const method = text.indexOf('L"m ') + 3;
    expect(edit('tricky.cpp', text, method, 0, 'y').spliced?.sameShape).toBe(true);
    expect(edit('tricky.cpp', text, text.indexOf('MessageBoxW(NULL, L"m'), 0, 'Later(); ').spliced?.sameShape).toBe(false);
  });
});
