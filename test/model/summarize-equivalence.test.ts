/**
 * The summary's fast paths give what the guidelines ask the model to see: callees named from the
 * walk (plain, qualified, member, parenthesised and template callees; callees that name nothing
 * dropped, with the calls nested in them kept and in order), function headers read with the
 * cursor (qualified and class names, parameters through pointer, reference, array and
 * function-pointer declarators, static, dllexport, body start), field names read only where a
 * test looks at them (assignments, member and subscript writes, designated initializers, local
 * copies of the DIF code, qualified declarations), and the raw cursor over web-tree-sitter's
 * WebAssembly module, which must give the same summary as the public TreeCursor on every input.
 * Expected values are written from the source text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'web-tree-sitter';
import { fileLanguage, type ParsedFile } from '../../engine/linter/linter.js';
import { summarizeCppFile } from '../../engine/model/summarize.js';
import { walkCursor, wasmBindingOf, type WasmBinding } from '../../engine/model/summarize-cursor.js';
import type { FileSummary } from '../../engine/model/summary-types.js';
import { CppParser, languageOfPath } from '../../engine/parsing/cpp-parser.js';
import { SourceCode } from '../../engine/linter/source-code.js';

// web-tree-sitter keeps the first module object it is given (this file runs in a process of its
// own): initialised here, before any parser, that object is the module the raw cursor calls.
const wasmModule = {};
await Parser.init(wasmModule);
const binding: WasmBinding | undefined = wasmBindingOf(wasmModule);

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

/** Both summaries of one text: through the public TreeCursor and through the raw cursor. */
function summaries(name: string, text: string): { pub: FileSummary; raw: FileSummary } {
  const tree = parser.parse(text);
  try {
    const file: ParsedFile = { filePath: `/m/${name}`, language: fileLanguage(name), sourceCode: new SourceCode(text, tree) };
    return { pub: summarizeCppFile(file), raw: summarizeCppFile(file, binding) };
  } finally {
    tree.delete();
  }
}

/** The summary of a text, after checking that the raw cursor gives the same one. */
function summary(name: string, text: string): FileSummary {
  const { pub, raw } = summaries(name, text);
  expect(JSON.stringify(raw, sets)).toBe(JSON.stringify(pub, sets));
  return pub;
}

const sets = (_key: string, value: unknown) => (value instanceof Set ? [...(value as Set<unknown>)] : value);

describe('the raw cursor', () => {
  it('is available: this process initialised web-tree-sitter with a module object of its own', () => {
    expect(binding).toBeDefined();
  });

  it('is not used without the exports it calls: the walk falls back to the public cursor', () => {
    expect(wasmBindingOf({})).toBeUndefined();
    expect(wasmBindingOf(null)).toBeUndefined();
    expect(wasmBindingOf({ ...binding, _ts_tree_cursor_goto_parent_wasm: undefined })).toBeUndefined();
    const tree = parser.parse('int x;');
    try {
      const cursor = walkCursor(tree, undefined);
      expect(cursor.constructor.name).toBe('TreeCursor');
      cursor.delete();
      const raw = walkCursor(tree, binding);
      expect(raw.constructor.name).not.toBe('TreeCursor');
      // it reads the same root as the public cursor: translation_unit over the whole text
      expect(raw.startIndex).toBe(0);
      expect(raw.endIndex).toBe('int x;'.length);
      expect(raw.gotoFirstChild()).toBe(true);
      expect(raw.currentNode.type).toBe('declaration');
      // after a node was handed out, the cursor moves on from where it was
      expect(raw.gotoFirstChild()).toBe(true);
      expect(raw.currentNode.type).toBe('primitive_type');
      expect(raw.gotoNextSibling()).toBe(true);
      expect(raw.currentNode.text).toBe('x');
      expect(raw.gotoParent()).toBe(true);
      expect(raw.currentNode.type).toBe('declaration');
      raw.delete();
    } finally {
      tree.delete();
    }
  });

  it('gives the summary of the public cursor on every fixture and example file', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (languageOfPath(path) === 'cpp') files.push(path);
      }
    };
    walk('test/fixtures');
    walk('examples');
    expect(files.length).toBeGreaterThan(20);
    let functions = 0;
    for (const path of files) {
      const s = summary(path, readFileSync(path, 'utf8'));
      functions += s.functions.length;
    }
    expect(functions).toBeGreaterThan(20);
  });
});

describe('callees named from the walk', () => {
  const code = `struct Obj { int (*Method)(int); };
int (*g_handlers[2])(int);
void Caller(struct Obj obj, struct Obj *p)
{
    Plain(1);
    ns::Qualified(2);
    obj.Method(3);
    p->Other(4);
    (Paren)(5);
    Tmpl<int>(6);
    (*g_handlers[0])(7);
    (GetFn())(8);
    GetTable()->Handler(9);
    f /* a comment */ (10);
}`;

  it('names plain, qualified, member, parenthesised and template callees, at the name', () => {
    const s = summary('a.cpp', code);
    const calls = s.functions[0].calls;
    // (*g_handlers[0])(7) and (GetFn())(8) call no name: only GetFn, inside the second, is a call
    expect(calls.map((c) => c.name)).toEqual(['Plain', 'Qualified', 'Method', 'Other', 'Paren', 'Tmpl', 'GetFn', 'Handler', 'GetTable', 'f']);
    for (const c of calls) {
      expect(code.slice(c.nameStart, c.nameEnd)).toBe(c.name);
      // the call covers its callee and its arguments
      expect(c.start).toBeLessThanOrEqual(c.nameStart);
      expect(code.slice(c.end - 1, c.end)).toBe(')');
    }
    const plain = calls[0];
    expect(code.slice(plain.start, plain.end)).toBe('Plain(1)');
    const qualified = calls[1];
    expect(code.slice(qualified.start, qualified.end)).toBe('ns::Qualified(2)');
    expect(qualified.nameStart).toBe(code.indexOf('Qualified(2)'));
    const handler = calls[7];
    expect(code.slice(handler.start, handler.end)).toBe('GetTable()->Handler(9)');
  });

  it('a callee name is not a reference; names inside a callee that calls no name are', () => {
    const s = summary('a.cpp', code);
    const names = s.functions[0].refs.map((r) => r.name);
    for (const callee of ['Plain', 'Qualified', 'Paren', 'Tmpl', 'GetFn', 'GetTable', 'f']) expect(names).not.toContain(callee);
    // obj and p are parameters (not references); the table a callee reads is
    expect(s.functions[0].refs.map((r) => `${r.name}:${r.access}:${r.pointer}`)).toEqual(['g_handlers:read:pointer']);
  });

  it('a call in a lambda in an initializer belongs to the enclosing function', () => {
    const text = `int Outer(void)
{
    static int v = []() { return Compute(DIF_REMOVE); }();
    return v;
}`;
    const s = summary('b.cpp', text);
    expect(s.functions.map((f) => f.name)).toEqual(['Outer']);
    // the lambda itself is called through no name: dropped; Compute is kept with its DIF argument
    expect(s.functions[0].calls).toEqual([
      {
        name: 'Compute',
        start: text.indexOf('Compute('),
        end: text.indexOf('Compute(') + 'Compute(DIF_REMOVE)'.length,
        nameStart: text.indexOf('Compute('),
        nameEnd: text.indexOf('Compute(') + 'Compute'.length,
        constArgs: [{ arg: 0, code: 'DIF_REMOVE' }],
      },
    ]);
    expect(s.globals.map((g) => `${g.name}:${g.scope}:${g.functionName}`)).toEqual(['v:static-local:Outer']);
  });

  it('a DIF code and a handler in a macro-like call: the code as a constant argument, the handler as a pointer passed to it', () => {
    const text = `DWORD Entry(DI_FUNCTION Fn)
{
    HANDLE_DIF(DIF_INSTALLDEVICE, OnInstall);
    return Dispatch(Fn, 0);
}`;
    const s = summary('c.c', text);
    const [handle, dispatch] = s.functions[0].calls;
    expect(handle).toMatchObject({ name: 'HANDLE_DIF', constArgs: [{ arg: 0, code: 'DIF_INSTALLDEVICE' }] });
    expect(dispatch).toMatchObject({ name: 'Dispatch', paramArgs: [{ arg: 0, param: 0 }] });
    expect(s.functions[0].refs).toEqual([
      {
        name: 'OnInstall',
        start: text.indexOf('OnInstall'),
        end: text.indexOf('OnInstall') + 'OnInstall'.length,
        access: 'read',
        pointer: 'pointer',
        via: 'HANDLE_DIF',
        viaArg: 1,
      },
    ]);
  });
});

describe('function headers read with the cursor', () => {
  it('static, dllexport, parameters with annotations blanked, where the body starts', () => {
    const text = `static DWORD WINAPI Worker(_In_ LPVOID p)
{
    return 0;
}
__declspec(dllexport) DWORD CALLBACK Entry(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)
{
    return NO_ERROR;
}
void NoParams(void) {}`;
    const s = summary('d.c', text);
    const [worker, entry, none] = s.functions;
    expect(worker).toMatchObject({
      name: 'Worker',
      qualifiedName: 'Worker',
      start: 0,
      end: text.indexOf('}') + 1,
      nameStart: text.indexOf('Worker'),
      nameEnd: text.indexOf('Worker') + 6,
      bodyStart: text.indexOf('{'),
      isStatic: true,
      dllexport: false,
      params: [{ name: 'p', type: 'LPVOID' }],
    });
    expect(entry).toMatchObject({
      name: 'Entry',
      start: text.indexOf('__declspec'),
      isStatic: false,
      dllexport: true,
      params: [
        { name: 'f', type: 'DI_FUNCTION' },
        { name: 's', type: 'HDEVINFO' },
        { name: 'd', type: 'PSP_DEVINFO_DATA' },
        { name: 'c', type: 'PCOINSTALLER_CONTEXT_DATA' },
      ],
    });
    expect(none).toMatchObject({ name: 'NoParams', params: [], bodyStart: text.indexOf('{}') });
  });

  it('parameters through pointer, reference, array and function-pointer declarators; unnamed ones with defaults', () => {
    const text = `int *Many(const char **names, int (*cb)(int), int &ref, int arr[4], int = 5)
{
    return 0;
}`;
    const s = summary('e.cpp', text);
    expect(s.functions).toHaveLength(1);
    expect(s.functions[0].name).toBe('Many');
    expect(s.functions[0].params).toEqual([
      { name: 'names', type: 'char**' },
      { name: 'cb', type: 'int (*)(int)' },
      { name: 'ref', type: 'int &' },
      { name: 'arr', type: 'int [4]' },
      { name: null, type: 'int' },
    ]);
  });

  it('qualified names, class members, destructors; an operator names no function', () => {
    const text = `int Installer::Run(int x) { return Step(x); }
void A::B::Deep() {}
class Dev {
public:
    void Open() { Start(); }
};
Dev::~Dev() {}
bool operator==(const Dev &a, const Dev &b) { return Same(a, b); }`;
    const s = summary('f.cpp', text);
    expect(s.functions.map((f) => [f.name, f.qualifiedName, text.slice(f.nameStart, f.nameEnd)])).toEqual([
      ['Run', 'Installer::Run', 'Run'],
      ['Deep', 'A::B::Deep', 'Deep'],
      ['Open', 'Dev::Open', 'Open'],
      ['~Dev', 'Dev::~Dev', '~Dev'],
    ]);
    expect(s.functions[0].params).toEqual([{ name: 'x', type: 'int' }]);
    expect(s.functions[0].calls.map((c) => c.name)).toEqual(['Step']);
    expect(s.functions[2].calls.map((c) => c.name)).toEqual(['Start']);
  });
});

describe('field names where a test reads them', () => {
  it('writes through assignments, members, subscripts and addresses; reads elsewhere', () => {
    const text = `int g_count, g_arr[4], g_value, g_other;
struct S { int f; } g_s;
void Touch(int i)
{
    g_count = g_other + 1;
    g_arr[i] = 2;
    g_s.f = 3;
    Fill(&g_value);
    i = g_arr[0] + g_s.f;
}`;
    const s = summary('g.c', text);
    expect(s.functions[0].refs.map((r) => `${r.name}:${r.access}`)).toEqual([
      'g_count:write',
      'g_other:read',
      'g_arr:write',
      'g_s:write',
      'g_value:write',
      'g_arr:read',
      'g_s:read',
    ]);
  });

  it('page and window procedures by the member or the type they are stored in; a dispatch table by designators', () => {
    const text = `PROPSHEETPAGE g_page = { 40, 0, 0, 0, 0, 0, PageProc };
WNDCLASS g_class = { 0, WindowProc };
struct Entry { DI_FUNCTION Code; HANDLER Handler; };
struct Entry g_table[] = { { .Code = DIF_REMOVE, .Handler = OnRemove } };
void Build(void)
{
    PROPSHEETPAGE psp;
    psp.pfnDlgProc = OtherPage;
}`;
    const s = summary('h.c', text);
    expect(s.globalInits.map((g) => `${g.owner}:${g.ref.name}:${g.ref.pointer}${g.ref.dispatchDif ? `:${g.ref.dispatchDif}` : ''}`)).toEqual([
      'g_page:PageProc:page',
      'g_class:WindowProc:wndproc',
      'g_table:OnRemove:pointer:DIF_REMOVE',
    ]);
    expect(s.functions[0].refs.map((r) => `${r.name}:${r.pointer}`)).toEqual(['OtherPage:page']);
  });

  it('a local copy of the DIF code guards a switch; a class static defined at file scope is a global', () => {
    const text = `int Installer::s_calls = 0;
DWORD Entry(DI_FUNCTION Fn)
{
    UINT copy = Fn;
    switch (copy) {
    case DIF_REMOVE:
        Remove();
        break;
    }
    return 0;
}`;
    const s = summary('i.cpp', text);
    expect(s.globals.map((g) => `${g.name}:${g.scope}`)).toEqual(['s_calls:file']);
    const regions = s.functions[0].regions;
    expect(regions).toHaveLength(1);
    expect(regions[0]).toMatchObject({ param: 0, named: true });
    expect([...regions[0].dif!.codes]).toEqual(['DIF_REMOVE']);
  });

  it('#if 0 bodies and the #else of #if 1 are dead; the rest is walked', () => {
    const text = `void Run(void)
{
#if 0
    DeadOne();
#else
    LiveOne();
#endif
#if 1
    LiveTwo();
#else
    DeadTwo();
#endif
}`;
    const s = summary('j.c', text);
    expect(s.functions[0].calls.map((c) => c.name)).toEqual(['LiveOne', 'LiveTwo']);
    expect(s.deadRanges.map(([a, b]) => text.slice(a, b).trim())).toEqual(['DeadOne();', '#else\n    DeadTwo();']);
  });
});

describe('prototypes outside functions', () => {
  it('a parameter list records nothing unless a variable of its declaration or a block is there', () => {
    const text = `DWORD Proto(HDEVINFO Set, DWORD Counts[MAX_COUNT]);
int g_size = 4, Sized(char buf[BUF_LEN]);
void Defaulted(int (*get)(void) = [] { int inner = SEED; return inner; });
void Body(void)
{
    void Local(int n[LOCAL_MAX]);
}`;
    const s = summary('k.cpp', text);
    // MAX_COUNT: in a prototype, outside functions, of a declaration declaring no variable: nothing
    // BUF_LEN: an array size after g_size was declared, read as part of g_size's declaration
    // inner: declared in a block outside any function, as the walk sees every such declaration,
    // and SEED read in its initializer
    expect(s.globals.map((g) => `${g.name}:${g.scope}`)).toEqual(['g_size:file', 'inner:file']);
    expect(s.globalInits.map((g) => `${g.owner}:${g.ref.name}`)).toEqual(['g_size:BUF_LEN', 'inner:SEED']);
    // in a function, a local prototype's array size is a name the function uses
    expect(s.functions.map((f) => [f.name, f.refs.map((r) => r.name)])).toEqual([['Body', ['LOCAL_MAX']]]);
  });
});

describe('#defines read with the cursor', () => {
  it('names, parameters (identifiers only), the calls and names of the body', () => {
    const lines = [
      '#define EMPTY',
      '#define ALIAS RealFunction',
      '#define CALL2(a, /* note */ b, ...) Do(a); Other(b, __VA_ARGS__)',
      '#define STR "not(a) call" /* Hidden(x) */',
    ];
    const text = lines.join('\n') + '\n';
    const s = summary('m.c', text);
    expect(s.macros.map((m) => ({ name: m.name, params: m.params, calls: m.calls, names: m.names }))).toEqual([
      { name: 'EMPTY', params: undefined, calls: [], names: [] },
      { name: 'ALIAS', params: undefined, calls: [], names: ['RealFunction'] },
      { name: 'CALL2', params: ['a', 'b'], calls: ['Do', 'Other'], names: ['__VA_ARGS__'] },
      { name: 'STR', params: undefined, calls: [], names: [] },
    ]);
    s.macros.forEach((m, i) => {
      expect(m.start).toBe(text.indexOf(lines[i]));
      expect(text.slice(m.start, m.end).trimEnd()).toBe(lines[i]);
    });
  });
});
