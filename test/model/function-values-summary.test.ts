/**
 * What the summary walk records of function values (engine/model/summarize-values.ts): where a
 * name kept in a local, a parameter that may hold a procedure, or a lambda goes; the lambdas as
 * functions of their own. Expected values are written from the source text; every summary is
 * also taken with the raw cursor and must equal the public cursor's (summary-cursors.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import type { ValueFlow } from '../../engine/model/summary-types.js';
import { checkedSummary } from './summary-cursors.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

const summary = (name: string, text: string) => checkedSummary(parser, name, text);

/** A flow without its offsets, with the text at its site. */
function shown(text: string, f: ValueFlow): string {
  const what = f.name ?? (f.lambda !== undefined ? `lambda@${f.lambda}` : `param${f.param}${f.field ? `.${f.field}` : ''}`);
  const to = f.call !== undefined ? `${f.call}#${f.arg}${f.argField ? `.${f.argField}` : ''}` : `${f.kind}${f.via ? `(${f.via})` : ''}`;
  return `${what} -> ${to}${f.holder ? ` held in ${f.holder}` : ''} at "${text.slice(f.start, f.end)}"`;
}

describe.each([
  ['C, LF', 'a.c', (t: string) => t],
  ['C++, CRLF', 'a.cpp', (t: string) => t.replace(/\n/g, '\r\n')],
])('%s', (_variant, file, eol) => {
  it('names held in locals and fields: the stores are no pointer uses, the uses of the locals are flows', () => {
    const text = eol(`void Entry(int code)
{
    DLGPROC p = PageProc;
    CONTOSO_PAGE ctx;
    ctx.proc = OtherProc;
    AddPage(p);
    AddPageFrom(&ctx);
    psp.pfnDlgProc = p;
    p(0, 0, 0, 0);
    g_saved = p;
}`);
    const fn = summary(file, text).functions[0];
    expect(fn.refs.filter((r) => r.name.endsWith('Proc')).map((r) => `${r.name}:${r.held ? 'held' : r.pointer}`)).toEqual(['PageProc:held', 'OtherProc:held']);
    expect((fn.flows ?? []).map((f) => shown(text, f))).toEqual([
      'PageProc -> AddPage#0 held in p at "p"',
      'OtherProc -> AddPageFrom#0.proc held in ctx.proc at "ctx"',
      'PageProc -> page(pfnDlgProc) held in p at "p"',
      'PageProc -> call held in p at "p"',
      'PageProc -> pointer held in p at "p"',
    ]);
  });

  it('parameters: stored as a procedure, called, read through a field, held in a local structure', () => {
    const text = eol(`void Helper(DLGPROC proc, CONTOSO_PAGE *c, HWND h)
{
    PROPSHEETPAGEW psp = { sizeof(psp), 0, NULL, NULL, NULL, NULL, proc };
    CONTOSO_PAGE local;
    DLGPROC copy = proc;
    psp.pfnCallback = c->callback;
    local.proc = copy;
    Next(&local);
    Show(c->proc);
    copy(h, 0, 0, 0);
    Other(proc, h);
}`);
    const fn = summary(file, text).functions[0];
    expect((fn.flows ?? []).map((f) => shown(text, f))).toEqual([
      'param0 -> page at "proc"',
      'param1.callback -> page(pfnCallback) at "c"',
      'param0 -> Next#0.proc held in local.proc at "local"',
      'param1.proc -> Show#0 at "c"',
      'param0 -> call at "copy"',
    ]);
    // passed whole, a parameter is the call's paramArgs
    expect(fn.calls.find((c) => c.name === 'Other')?.paramArgs).toEqual([
      { arg: 0, param: 0 },
      { arg: 1, param: 2 },
    ]);
  });
});

describe('C++ lambdas', () => {
  it('a lambda in a local is a function of its own; one called where it is written is not', () => {
    const text = `DWORD Entry(DI_FUNCTION Fn)
{
    auto show = [&](LPCWSTR text, int n) { MessageBoxW(nullptr, text, nullptr, n); if (Fn == DIF_REMOVE) Removed(); };
    [&] { InPlace(); }();
    CreateThread(nullptr, 0, [](LPVOID) -> DWORD { Work(); return 0; }, nullptr, 0, nullptr);
    show(L"x", 1);
    return 0;
}`;
    const s = summary('a.cpp', text);
    expect(s.functions.map((f) => [f.name, f.qualifiedName, f.lambda, f.params.map((p) => p.name), f.calls.map((c) => c.name)])).toEqual([
      ['Entry', 'Entry', undefined, ['Fn'], ['InPlace', 'CreateThread', 'show']],
      ['<lambda show>', 'Entry::<lambda show>', 'show', ['text', 'n'], ['MessageBoxW', 'Removed']],
      ['<lambda>', 'Entry::<lambda>', '', [], ['Work']],
    ]);
    const [entry, show, work] = s.functions;
    expect([show.start, show.end]).toEqual([text.indexOf('[&](LPCWSTR'), text.indexOf('); };') + 4]);
    // the lambda's own parameter is passed on; the captured DIF code guards by its DIF_ name only
    expect(show.calls[0].paramArgs).toEqual([{ arg: 1, param: 0 }, { arg: 3, param: 1 }]);
    expect(show.regions.map((r) => [r.named, r.param])).toEqual([[true, undefined]]);
    expect((entry.flows ?? []).map((f) => shown(text, f))).toEqual([
      `lambda@${work.start} -> CreateThread#2 at "${text.slice(work.start, work.end)}"`,
      `lambda@${show.start} -> call held in show at "show"`,
    ]);
  });
});
