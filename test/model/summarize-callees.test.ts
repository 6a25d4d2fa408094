/**
 * The summary's callees are named from the walk, as the guidelines ask the model to see calls:
 * plain, qualified, member, parenthesised and template callees, at the name; callees that name
 * nothing dropped, with the calls nested in them kept and in order; constant DIF arguments and
 * handlers passed to a call.
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
