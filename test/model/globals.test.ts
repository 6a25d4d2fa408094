import { describe, expect, it } from 'vitest';
import { build, ROOT, useParser } from './model-harness.js';

const parser = useParser();
const CO = 'DWORD CALLBACK CoInst(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';

const files = {
  'state.h': 'extern DWORD g_Shared;\n',
  'a.c': `#include "state.h"
static HMODULE g_Module;
static DWORD g_Count = 0;
static const WCHAR g_Name[] = L"x";
int g_Table[4];
struct S { int a; } g_S;

BOOL WINAPI DllMain(HINSTANCE i, DWORD r, LPVOID p) { g_Module = i; return TRUE; }

static void Helper(int g_Count)
{
    g_Count++;
    {
        DWORD g_Shared = 1;
        g_Shared += 2;
    }
    g_Shared = g_Count;
}

${CO}
{
    static int s_Calls;
    int local = 0;
    s_Calls++;
    g_Count += 1;
    g_Table[1] = 2;
    g_S.a = 3;
    Ctx->PrivateData = &local;
    Helper(g_Count);
    Use(&g_S, g_Name, local);
    return NO_ERROR;
}`,
  'b.c': `#include "state.h"
DWORD g_Shared;
void Other(void) { int s_Calls = 0; s_Calls++; g_Shared++; }`,
};

describe('globals and their accesses', () => {
  it('finds file-scope variables and function statics, const marked', () => {
    const b = build(parser(), files);
    const g = (file: string, needle: string, nth = 0) => b.model.globalAt(ROOT + file, b.at(file, needle, nth));
    expect(g('a.c', 'g_Module;')).toMatchObject({ name: 'g_Module', scope: 'file', isConst: false, filePath: ROOT + 'a.c' });
    expect(g('a.c', 'g_Name[]')).toMatchObject({ name: 'g_Name', isConst: true });
    expect(g('a.c', 's_Calls;')).toMatchObject({ name: 's_Calls', scope: 'static-local', functionName: 'CoInst', isConst: false });
    expect(g('a.c', 'g_S;')).toMatchObject({ name: 'g_S', scope: 'file' });
  });

  it('reads and writes, with the declaration as the key', () => {
    const b = build(parser(), files);
    const count = b.model.globalAt(ROOT + 'a.c', b.at('a.c', 'g_Count = 0'))!;
    const accesses = b.model.accessesOf(count).map((a) => `${a.kind}@${a.range[0]}`);
    // the parameter named g_Count in Helper shadows the global: only CoInst's two uses count
    expect(accesses).toEqual([`write@${b.at('a.c', 'g_Count += 1')}`, `read@${b.at('a.c', 'Helper(g_Count)') + 7}`]);
  });

  it('array elements, members and addresses taken are writes', () => {
    const b = build(parser(), files);
    const kinds = (needle: string) => b.model.accessesOf(b.model.globalAt(ROOT + 'a.c', b.at('a.c', needle))!).map((a) => a.kind);
    expect(kinds('g_Table[4]')).toEqual(['write']);
    expect(kinds('g_S;')).toEqual(['write', 'write']);
    expect(kinds('g_Name[]')).toEqual(['read']);
    expect(kinds('g_Module;')).toEqual(['write']);
  });

  it('locals shadow globals in nested blocks; an extern declaration and its definition are one global', () => {
    const b = build(parser(), files);
    const shared = b.model.globalAt(ROOT + 'b.c', b.at('b.c', 'g_Shared;'))!;
    expect(shared).toMatchObject({ name: 'g_Shared', filePath: ROOT + 'b.c' });
    expect(b.model.globalAt(ROOT + 'state.h', b.at('state.h', 'g_Shared'))).toBe(shared);
    const uses = b.model.accessesOf(shared).map((a) => `${a.filePath.slice(ROOT.length)}:${a.kind}`);
    expect(uses).toEqual(['a.c:write', 'b.c:write']);
    expect(b.model.globalAt(ROOT + 'a.c', b.at('a.c', 'g_Shared += 2'))).toBeUndefined();
  });

  it('a local with the name of another function\'s static is not that static', () => {
    const b = build(parser(), files);
    expect(b.model.globalAt(ROOT + 'b.c', b.at('b.c', 's_Calls++'))).toBeUndefined();
    const statics = b.model.accessesOf(b.model.globalAt(ROOT + 'a.c', b.at('a.c', 's_Calls;'))!);
    expect(statics.map((a) => a.kind)).toEqual(['write']);
  });

  it('Context->PrivateData and locals are not globals', () => {
    const b = build(parser(), files);
    expect(b.model.globalAt(ROOT + 'a.c', b.at('a.c', 'PrivateData'))).toBeUndefined();
    expect(b.model.globalAt(ROOT + 'a.c', b.at('a.c', 'Ctx->'))).toBeUndefined();
    expect(b.model.globalAt(ROOT + 'a.c', b.at('a.c', 'local = 0'))).toBeUndefined();
  });

  it('accesses carry the contexts of their sites through contextsAt', () => {
    const b = build(parser(), files);
    const mod = b.model.globalAt(ROOT + 'a.c', b.at('a.c', 'g_Module;'))!;
    const [write] = b.model.accessesOf(mod);
    expect(b.model.contextsAt(write.filePath, write.range[0])).toEqual([]);
    expect(b.model.onlyFromDllMain(write.filePath, write.range[0])).toBe(true);
  });
});

describe('statics in headers', () => {
  it('a static defined in a header is the global its includers use', () => {
    const b = build(parser(), {
      'state.h': 'static int s_Pending;\nstatic const int s_Max = 4;\n',
      'a.c': '#include "state.h"\nvoid A(void) { s_Pending++; }',
      'b.c': '#include "state.h"\nstatic int s_Pending;\nvoid B(void) { s_Pending = s_Max; }',
    });
    const inHeader = b.model.globalAt(ROOT + 'state.h', b.at('state.h', 's_Pending'))!;
    expect(b.model.accessesOf(inHeader).map((a) => a.filePath.slice(ROOT.length))).toEqual(['a.c']);
    // b.c declares its own static of that name: its write is to that one
    const own = b.model.globalAt(ROOT + 'b.c', b.at('b.c', 's_Pending;'))!;
    expect(own).not.toBe(inHeader);
    expect(b.model.accessesOf(own).map((a) => a.kind)).toEqual(['write']);
    expect(b.model.globalAt(ROOT + 'b.c', b.at('b.c', 's_Max;'))).toMatchObject({ name: 's_Max', isConst: true, filePath: ROOT + 'state.h' });
  });
});
