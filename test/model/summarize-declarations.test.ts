/**
 * Declarations the summary reads with the cursor: function headers (qualified and class names,
 * parameters through pointer, reference, array and function-pointer declarators, static,
 * dllexport, where the body starts), prototypes outside functions, and #defines.
 * Every summary is also taken with the raw cursor and must equal the public cursor's
 * (test/model/summary-cursors.ts). Expected values are written from the source text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { checkedSummary } from './summary-cursors.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

/** The summary of a text, after checking that the raw cursor gives the same one. */
const summary = (name: string, text: string) => checkedSummary(parser, name, text);

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
