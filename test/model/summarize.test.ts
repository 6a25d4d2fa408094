import { describe, expect, it } from 'vitest';
import { fileLanguage } from '../../engine/linter/linter.js';
import { summarizeFile } from '../../engine/model/index.js';
import { SourceCode } from '../../engine/linter/source-code.js';
import { useParser } from './model-harness.js';

const parser = useParser();

function summary(name: string, text: string) {
  const language = fileLanguage(name);
  const tree = language === 'cpp' ? parser().parse(text) : null;
  try {
    return summarizeFile({ filePath: '/m/' + name, language, sourceCode: new SourceCode(text, tree) });
  } finally {
    tree?.delete();
  }
}

describe('summarizeFile', () => {
  const code = `#include "local.h"
#include <windows.h>
#define SHOW(t) ShowIt(t)
static int g_count;
const char g_name[] = "x";
static DWORD WINAPI Worker(LPVOID p);
DWORD CALLBACK Entry(_In_ DI_FUNCTION Fn, _In_ HDEVINFO Set, _In_opt_ PSP_DEVINFO_DATA Dev, _Inout_ PCOINSTALLER_CONTEXT_DATA Ctx)
{
    static int s_seen;
    UINT copy = Fn;
    switch (copy) { case DIF_REMOVE: Helper(Set, copy, DIF_INSTALLDEVICE); break; }
    CreateThread(NULL, 0, Worker, NULL, 0, NULL);
    g_count = s_seen + 1;
    SHOW(g_name);
#if 0
    Dead();
#endif
    return NO_ERROR;
}`;

  it('functions with normalised parameter types and names', () => {
    const s = summary('a.c', code);
    expect(s.functions.map((f) => f.name)).toEqual(['Entry']);
    expect(s.functions[0].params).toEqual([
      { name: 'Fn', type: 'DI_FUNCTION' },
      { name: 'Set', type: 'HDEVINFO' },
      { name: 'Dev', type: 'PSP_DEVINFO_DATA' },
      { name: 'Ctx', type: 'PCOINSTALLER_CONTEXT_DATA' },
    ]);
  });

  it('calls, with the parameters and DIF_ constants they pass on; #if 0 calls left out', () => {
    const s = summary('a.c', code);
    const calls = s.functions[0].calls.map((c) => ({ name: c.name, paramArgs: c.paramArgs, constArgs: c.constArgs }));
    expect(calls).toEqual([
      // Set is parameter 1, copy holds parameter 0
      {
        name: 'Helper',
        paramArgs: [
          { arg: 0, param: 1 },
          { arg: 1, param: 0 },
        ],
        constArgs: [{ arg: 2, code: 'DIF_INSTALLDEVICE' }],
      },
      { name: 'CreateThread', paramArgs: undefined, constArgs: undefined },
      { name: 'SHOW', paramArgs: undefined, constArgs: undefined },
    ]);
    expect(s.deadRanges).toHaveLength(1);
    expect(code.slice(...s.deadRanges[0])).toContain('Dead();');
  });

  it('reads #if conditions as the rules do: 00, (0), false and FALSE drop the body; 1, (TRUE), true drop the #else', () => {
    const text = [
      'void f(void)',
      '{',
      '#if 00',
      '    A();',
      '#endif',
      '#if (0)',
      '    B();',
      '#endif',
      '#if false',
      '    C();',
      '#endif',
      '#if (TRUE)',
      '    Kept();',
      '#else',
      '    D();',
      '#endif',
      '#if 2',
      '    Live();',
      '#endif',
      '}',
      '',
    ].join('\n');
    const s = summary('b.c', text);
    expect(s.deadRanges.map(([a, b]) => text.slice(a, b).trim())).toEqual(['A();', 'B();', 'C();', '#else\n    D();']);
    expect(s.functions[0].calls.map((c) => c.name)).toEqual(['Kept', 'Live']);
  });

  it('names that are not locals: pointers taken, globals written and read', () => {
    const s = summary('a.c', code);
    // (NULL is a literal for tree-sitter-cpp, not a name)
    const refs = s.functions[0].refs.filter((r) => /^(Worker|g_count|g_name|NULL)$/.test(r.name));
    expect(refs.map((r) => `${r.name}:${r.access}:${r.pointer}${r.via ? `:${r.via}#${r.viaArg}` : ''}`)).toEqual([
      'Worker:read:thread:CreateThread#2',
      'g_count:write:pointer',
      'g_name:read:pointer:SHOW#0',
    ]);
    expect(s.functions[0].staticAccesses.map((a) => `${s.globals[a.global].name}:${a.access}`)).toEqual(['s_seen:read']);
    expect(s.globals.map((g) => `${g.name}:${g.scope}:${g.isStatic ? 'static' : ''}:${g.isConst ? 'const' : ''}`)).toEqual([
      'g_count:file:static:',
      'g_name:file::const',
      's_seen:static-local:static:',
    ]);
  });

  it('a guard region per case, on the parameter the local copies', () => {
    const s = summary('a.c', code);
    const regions = s.functions[0].regions;
    expect(regions).toHaveLength(1);
    expect(regions[0]).toMatchObject({ param: 0, named: true });
    expect([...regions[0].dif!.codes]).toEqual(['DIF_REMOVE']);
    expect(code.slice(regions[0].start, regions[0].end)).toBe('case DIF_REMOVE: Helper(Set, copy, DIF_INSTALLDEVICE); break;');
  });

  it('macros and "..." includes', () => {
    const s = summary('a.c', code);
    expect(s.macros.map((m) => [m.name, m.params, m.calls])).toEqual([['SHOW', ['t'], ['ShowIt']]]);
    expect(s.includes).toEqual(['local.h']);
  });

  it('holds plain data only: it survives its tree and serialises', () => {
    const s = summary('a.c', code);
    const copy = JSON.parse(JSON.stringify(s, (_k, v) => (v instanceof Set ? [...v] : v)));
    expect(copy.functions[0].name).toBe('Entry');
  });

  it('.def and INF files: exports and registered installers', () => {
    expect(summary('x.def', 'LIBRARY x\nEXPORTS\n  CoDeviceInstall = Impl @1\n  Other PRIVATE\n').defExports).toEqual([
      { name: 'CoDeviceInstall', internalName: 'Impl' },
      { name: 'Other' },
    ]);
    const inf = '[ClassInstall32]\nAddReg=R\n[R]\nHKR,,Installer32,,"x.dll,ClassEntry"\n';
    expect(summary('x.inf', inf).infReferences).toEqual([{ kind: 'Installer32', entryPoint: 'ClassEntry' }]);
  });
});
