/**
 * What makes an entry point (docs/installer-facts.md#entry-points): the installer's result (a
 * 32-bit status, not BOOL, void, a pointer or a handle) and parameters, read through the module's
 * macros; never a function named as SetupAPI's own (a SetupAPI implementation); the .def only
 * confirms that shape, an INF or settings.entryPoints name any function, and settings.entryPoints
 * of the configuration of the function's own file when the host gives one per file. In C and
 * C++, with LF and CRLF line ends. Expectations written from the guideline, by hand.
 */
import { describe, expect, it } from 'vitest';
import { fileLanguage, type ParsedFile } from '../../engine/linter/linter.js';
import { SourceCode } from '../../engine/linter/source-code.js';
import { isInstallerResult, isSetupApiName } from '../../engine/model/entry-points.js';
import { modelOfFiles } from '../../engine/model/index.js';
import { build, ROOT, useParser } from './model-harness.js';

const parser = useParser();
const names = (files: Record<string, string>, settings = {}) =>
  build(parser(), files, settings).model.entryPoints.map((e) => `${e.name}:${e.kind}:${[...e.via].sort().join('+')}`);

const SETUPAPI_LOOKALIKE = `static HMODULE g_Cab;
BOOL WINAPI SetupDiCallClassInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev)
{
    g_Cab = LoadLibraryW(L"cabinet.dll");
    if (Fn == DIF_INSTALLDEVICE)
        return SetupDiInstallDevice(Set, Dev);
    return SetupQueueCopyW(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0);
}
`;

const CONTOSO = `#define CONTOSO_DIF  DI_FUNCTION
#define CONTOSO_DEV  PSP_DEVINFO_DATA
DWORD CALLBACK ContosoClassInstaller(CONTOSO_DIF Fn, HDEVINFO Set, CONTOSO_DEV Dev)
{
    if (Fn == DIF_INSTALLDEVICE) MessageBoxW(NULL, L"x", L"y", MB_OK);
    return ERROR_DI_DO_DEFAULT;
}
HRESULT LegacyCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)
{
    return NO_ERROR;
}
`;
const CONTOSO_DEF = 'LIBRARY contoso\nEXPORTS\n    ContosoClassInstaller\n    LegacyCoInstaller\n';

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

for (const [eol, convert] of [
  ['LF', (s: string) => s],
  ['CRLF', crlf],
] as const) {
  for (const ext of ['c', 'cpp']) {
    describe(`${eol}, ${ext === 'c' ? 'C' : 'C++'}`, () => {
      const src = `sapi.${ext}`;

      it('a SetupAPI look-alike (BOOL result, SetupAPI\'s name) is no entry point, and nothing in it runs under a DIF code', () => {
        const m = build(parser(), { [src]: convert(SETUPAPI_LOOKALIKE) });
        expect(m.model.entryPoints).toEqual([]);
        expect(m.contexts(src, 'LoadLibraryW')).toEqual([]);
        expect(m.contexts(src, 'SetupQueueCopyW')).toEqual([]);
        expect(m.contexts(src, 'g_Cab = ')).toEqual([]);
      });

      it('the .def confirms neither a SetupAPI name nor a BOOL result', () => {
        const def = 'LIBRARY setupapi\nEXPORTS\n    SetupDiCallClassInstaller\n';
        expect(names({ [src]: convert(SETUPAPI_LOOKALIKE), 'setupapi.def': convert(def) })).toEqual([]);
        const renamed = SETUPAPI_LOOKALIKE.replace('SetupDiCallClassInstaller', 'ContosoCallInstaller');
        expect(names({ [src]: convert(renamed), 'c.def': convert('EXPORTS\n    ContosoCallInstaller\n') })).toEqual([]);
        // the same body with an installer's result: the name alone still says SetupAPI
        const dword = SETUPAPI_LOOKALIKE.replace('BOOL WINAPI', 'DWORD WINAPI');
        expect(names({ [src]: convert(dword) })).toEqual([]);
        expect(names({ [src]: convert(dword.replace('SetupDiCallClassInstaller', 'ContosoCallInstaller')) })).toEqual(['ContosoCallInstaller:class-installer:signature']);
      });

      it('parameters spelled through macros and a .def export make an entry point; an HRESULT result stays one', () => {
        const m = build(parser(), { [`contoso.${ext}`]: convert(CONTOSO), 'contoso.def': convert(CONTOSO_DEF) });
        expect(m.model.entryPoints.map((e) => `${e.name}:${e.kind}:${[...e.via].sort().join('+')}`)).toEqual([
          'ContosoClassInstaller:class-installer:def+signature',
          'LegacyCoInstaller:co-installer:def+signature',
        ]);
        expect(m.model.entryPoints[0].params).toEqual({ dif: 'Fn', deviceInfoSet: 'Set', deviceInfoData: 'Dev', context: undefined });
        expect(m.codes(`contoso.${ext}`, 'MessageBoxW')).toEqual(['DIF_INSTALLDEVICE']);
      });
    });
  }
}

describe('results', () => {
  const withResult = (result: string) => `${result} CALLBACK Entry(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) { return 0; }`;

  it('a 32-bit status is an installer\'s: DWORD, HRESULT, UINT, ULONG, LONG, unsigned long, a vendor\'s own type', () => {
    for (const result of ['DWORD', 'HRESULT', 'UINT', 'ULONG', 'LONG', 'unsigned long', 'unsigned', 'CONTOSO_STATUS', 'const DWORD']) {
      expect(names({ 'a.c': withResult(result) }), result).toEqual(['Entry:co-installer:signature']);
    }
  });

  it('no result, a truth value, a pointer, a handle or a pointer-sized integer is another function\'s', () => {
    for (const result of ['void', 'VOID', 'BOOL', 'BOOLEAN', 'bool', 'DWORD *', 'LPVOID', 'PVOID', 'LPWSTR', 'HANDLE', 'HMODULE', 'ULONG_PTR', 'LRESULT', 'ULONGLONG', 'WORD']) {
      expect(names({ 'a.cpp': withResult(result) }), result).toEqual([]);
    }
    expect(names({ 'a.cpp': 'DWORD &Entry(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d) { static DWORD r; return r; }' })).toEqual([]);
  });

  it('a result spelled through a macro is read through it', () => {
    const header = '#define CONTOSO_RESULT DWORD\n#define CONTOSO_FLAG BOOL\n#define CONTOSO_FLAG2 CONTOSO_FLAG\n';
    const code = `#include "r.h"
CONTOSO_RESULT CALLBACK A(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d) { return 0; }
CONTOSO_FLAG CALLBACK B(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d) { return 0; }
CONTOSO_FLAG2 CALLBACK C(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d) { return 0; }`;
    expect(names({ 'r.h': header, 'a.c': code })).toEqual(['A:class-installer:signature']);
  });

  it('a K&R-style definition without a result type is given the benefit of the doubt', () => {
    expect(isInstallerResult(undefined)).toBe(true);
    expect(isInstallerResult('HRESULT')).toBe(true);
    expect(isInstallerResult('HKEY')).toBe(false);
    expect(isInstallerResult('char*')).toBe(false);
  });

  it('an INF registration and settings.entryPoints name a function whatever its result', () => {
    const code = 'BOOL WINAPI Entry(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d) { return TRUE; }\nBOOL WINAPI Other(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d) { return TRUE; }';
    const inf = '[ClassInstall32]\nAddReg=R\n[R]\nHKR,,Installer32,,"x.dll,Entry"\n';
    expect(names({ 'a.c': code, 'x.inf': inf }, { entryPoints: ['Other'] })).toEqual(['Entry:class-installer:inf', 'Other:class-installer:config']);
  });
});

describe('SetupAPI\'s own names', () => {
  it('are the SetupDi functions', () => {
    expect(isSetupApiName('SetupDiCallClassInstaller')).toBe(true);
    expect(isSetupApiName('SetupDiInstallDevice')).toBe(true);
    expect(isSetupApiName('SetupDiskInstaller')).toBe(false);
    expect(isSetupApiName('ContosoSetupDiHelper')).toBe(false);
  });
});

describe('parameters spelled through macros', () => {
  it('a macro of a macro, a macro in a pointer type, macros from a header of the module', () => {
    const header = '#define CONTOSO_FN DI_FUNCTION\n#define MY_FN CONTOSO_FN\n#define CONTOSO_DEVDATA SP_DEVINFO_DATA\n#define CONTOSO_CTX PCOINSTALLER_CONTEXT_DATA\n';
    const code = `#include "m.h"
DWORD CALLBACK Co(MY_FN f, HDEVINFO s, CONTOSO_DEVDATA *d, CONTOSO_CTX c) { return NO_ERROR; }`;
    expect(names({ 'm.h': header, 'a.cpp': code })).toEqual(['Co:co-installer:signature']);
  });

  it('a macro that stands for another type, or for more than a name, does not', () => {
    const header = '#define CONTOSO_FN int\n#define CONTOSO_SET HKEY\n#define CONTOSO_DEV(x) PSP_DEVINFO_DATA\n';
    const code = `#include "m.h"
DWORD CALLBACK A(CONTOSO_FN f, HDEVINFO s, PSP_DEVINFO_DATA d) { return 0; }
DWORD CALLBACK B(DI_FUNCTION f, CONTOSO_SET s, PSP_DEVINFO_DATA d) { return 0; }
DWORD CALLBACK C(DI_FUNCTION f, HDEVINFO s, CONTOSO_DEV d) { return 0; }`;
    expect(names({ 'm.h': header, 'a.c': code })).toEqual([]);
  });
});

describe('settings.entryPoints per file', () => {
  /** The model with each file's own settings.entryPoints (as the linter gives them, from each file's nearest configuration). */
  function perFile(files: Record<string, string>, lists: Record<string, string[]>, moduleWide: string[] = []) {
    const parsed: ParsedFile[] = [];
    try {
      for (const [name, text] of Object.entries(files)) {
        const filePath = ROOT + name;
        const language = fileLanguage(filePath);
        parsed.push({ filePath, language, sourceCode: new SourceCode(text, language === 'cpp' ? parser().parse(text) : null) });
      }
      const model = modelOfFiles(parsed, { entryPoints: moduleWide }, undefined, (filePath) => ({ entryPoints: lists[filePath.slice(ROOT.length)] ?? [] }));
      return model.entryPoints.map((e) => `${e.name}:${e.filePath.slice(ROOT.length)}:${e.via.join('+')}`);
    } finally {
      for (const p of parsed) p.sourceCode.tree?.delete();
    }
  }
  const entry = (name: string) => `DWORD ${name}(UINT f, PVOID s, PVOID d, PVOID c) { return 0; }\n`;

  it('a name applies to the functions of the files whose configuration lists it', () => {
    const files = { 'a.c': entry('RootEntry') + entry('SubEntry'), 'sub/b.c': entry('SubEntry') + entry('RootEntry') };
    expect(perFile(files, { 'sub/b.c': ['SubEntry'] })).toEqual(['SubEntry:sub/b.c:config']);
    expect(perFile(files, { 'a.c': ['RootEntry'], 'sub/b.c': ['SubEntry'] })).toEqual(['RootEntry:a.c:config', 'SubEntry:sub/b.c:config']);
  });

  it('the settings of the module\'s first file are then not applied to every file', () => {
    const files = { 'a.c': entry('Elsewhere'), 'sub/b.c': entry('Vendor') };
    expect(perFile(files, {}, ['Vendor', 'Elsewhere'])).toEqual([]);
    expect(names(files, { entryPoints: ['Vendor'] })).toEqual(['Vendor:co-installer:config']);
  });
});
