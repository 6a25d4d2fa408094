/**
 * Field names the summary reads only where a test looks at them: assignments, member and subscript
 * writes, addresses, designated initializers and the types procedures are stored in, local copies
 * of the DIF code, qualified declarations; and dead #if branches.
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
