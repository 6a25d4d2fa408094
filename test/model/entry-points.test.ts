import { describe, expect, it } from 'vitest';
import { build, useParser } from './model-harness.js';

const parser = useParser();
const names = (files: Record<string, string>, settings = {}) =>
  build(parser(), files, settings).model.entryPoints.map((e) => `${e.name}:${e.kind}:${[...e.via].sort().join('+')}`);

describe('entry points by signature', () => {
  it('finds a co-installer with SAL annotations and CALLBACK', () => {
    const code = `DWORD CALLBACK CoInst(_In_ DI_FUNCTION InstallFunction, _In_ HDEVINFO DeviceInfoSet,
    _In_opt_ PSP_DEVINFO_DATA DeviceInfoData, _Inout_ PCOINSTALLER_CONTEXT_DATA Context) { return NO_ERROR; }`;
    const m = build(parser(), { 'a.c': code }).model;
    expect(m.entryPoints).toHaveLength(1);
    const e = m.entryPoints[0];
    expect(e.name).toBe('CoInst');
    expect(e.kind).toBe('co-installer');
    expect(e.params).toEqual({ dif: 'InstallFunction', deviceInfoSet: 'DeviceInfoSet', deviceInfoData: 'DeviceInfoData', context: 'Context' });
    expect(e.nameRange).toEqual([code.indexOf('CoInst'), code.indexOf('CoInst') + 'CoInst'.length]);
    expect(e.range).toEqual([0, code.length]);
  });

  it('finds a class installer (three parameters) written with IN/OUT/OPTIONAL, WINAPI and UINT', () => {
    const code = `DWORD WINAPI MyClassInstaller(IN UINT Fn, IN HDEVINFO Set, IN OPTIONAL PSP_DEVINFO_DATA Dev) { return ERROR_DI_DO_DEFAULT; }`;
    expect(names({ 'a.c': code })).toEqual(['MyClassInstaller:class-installer:signature']);
  });

  it('accepts SP_DEVINFO_DATA * and COINSTALLER_CONTEXT_DATA *, __stdcall, odd parameter names', () => {
    const code = `unsigned long __stdcall X(DI_FUNCTION a, HDEVINFO b, SP_DEVINFO_DATA *c, COINSTALLER_CONTEXT_DATA *d) { return 0; }
DWORD __stdcall Y(DI_FUNCTION, HDEVINFO, struct _SP_DEVINFO_DATA * const, PCOINSTALLER_CONTEXT_DATA) { return 0; }`;
    expect(names({ 'a.c': code })).toEqual(['X:co-installer:signature', 'Y:co-installer:signature']);
  });

  it('finds static member functions of a C++ class, defined inside or outside the class', () => {
    const code = `class Installer {
public:
    static DWORD CALLBACK Inline(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) { return NO_ERROR; }
    static DWORD CALLBACK OutOfLine(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d);
};
DWORD CALLBACK Installer::OutOfLine(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d) { return ERROR_DI_DO_DEFAULT; }`;
    expect(names({ 'a.cpp': code })).toEqual(['Inline:co-installer:signature', 'OutOfLine:class-installer:signature']);
  });

  it('ignores functions of other shapes and prototypes', () => {
    const code = `DWORD CALLBACK CoInst(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c);
DWORD Other(DI_FUNCTION f, HDEVINFO s) { return 0; }
DWORD Another(int f, HDEVINFO s, PSP_DEVINFO_DATA d) { return 0; }
BOOL WINAPI DllMain(HINSTANCE i, DWORD r, LPVOID p) { return TRUE; }`;
    expect(names({ 'a.c': code })).toEqual([]);
  });

  it('records .def, dllexport and INF as ways it was found', () => {
    const code = `__declspec(dllexport) DWORD CALLBACK A(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) { return 0; }
DWORD CALLBACK B(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) { return 0; }`;
    const def = 'LIBRARY x\nEXPORTS\n    B @1 PRIVATE\n';
    const inf = '[Version]\nSignature="$WINDOWS NT$"\n[X.NT.CoInstallers]\nAddReg=X_AddReg\n[X_AddReg]\nHKR,,CoInstallers32,0x00010000,"x.dll,B"\n';
    expect(names({ 'a.c': code, 'x.def': def, 'x.inf': inf })).toEqual(['A:co-installer:dllexport+signature', 'B:co-installer:def+inf+signature']);
  });
});

describe('exports spelled through the module\'s own macros', () => {
  it('reads __declspec(dllexport) through an alias defined in a header of the module, and through an alias of that alias', () => {
    const header = '#define COINST_API __declspec(dllexport)\n#define CONTOSO_EXPORT COINST_API\n';
    const code = `#include "contoso.h"
COINST_API DWORD CALLBACK A(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) { return 0; }
DWORD CONTOSO_EXPORT
B(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d) { return ERROR_DI_DO_DEFAULT; }
DWORD CALLBACK C(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) { return 0; }`;
    expect(names({ 'contoso.h': header, 'a.c': code })).toEqual(['A:co-installer:dllexport+signature', 'B:class-installer:dllexport+signature', 'C:co-installer:signature']);
  });

  it('does not take a macro that is empty, function-like or another attribute for an export', () => {
    const header = '#define EMPTY_API\n#define IMPORT_API __declspec(dllimport)\n#define LIKE_EXPORT(x) __declspec(dllexport) x\n';
    const code = `#include "c.h"
EMPTY_API DWORD CALLBACK A(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) { return 0; }
IMPORT_API DWORD CALLBACK B(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) { return 0; }`;
    expect(names({ 'c.h': header, 'a.c': code })).toEqual(['A:co-installer:signature', 'B:co-installer:signature']);
  });
});

describe('entry points by export only', () => {
  it('an INF value without an entry point names CoDeviceInstall', () => {
    const code = `DWORD CoDeviceInstall(UINT f, PVOID s, PVOID d, PVOID c) { return 0; }`;
    const inf = '[X.NT.CoInstallers]\nAddReg=R\n[R]\nHKR,,CoInstallers32,0x00010000,"x.dll"\n';
    expect(names({ 'a.c': code, 'x.inf': inf })).toEqual(['CoDeviceInstall:co-installer:inf']);
  });

  it('Installer32 makes a class installer', () => {
    const code = `DWORD Entry(UINT f, PVOID s, PVOID d) { return 0; }`;
    const inf = '[ClassInstall32]\nAddReg=R\n[R]\nHKR,,Installer32,,"x.dll,Entry"\n';
    expect(names({ 'a.c': code, 'x.inf': inf })).toEqual(['Entry:class-installer:inf']);
  });

  it('settings.entryPoints names one', () => {
    const code = `DWORD VendorEntry(UINT f, PVOID s, PVOID d, PVOID c) { return 0; }`;
    expect(names({ 'a.c': code }, { entryPoints: ['VendorEntry'] })).toEqual(['VendorEntry:co-installer:config']);
  });

  it('a .def export of another shape is not an installer entry point (DllRegisterServer)', () => {
    const code = `STDAPI DllRegisterServer(void) { return S_OK; }`;
    expect(names({ 'a.c': code, 'x.def': 'EXPORTS\n DllRegisterServer PRIVATE\n' })).toEqual([]);
  });

  it('an INF naming an export that the .def aliases to the C function', () => {
    const code = `\nDWORD Impl(UINT f, PVOID s, PVOID d, PVOID c) { return 0; }`;
    const inf = '[X.NT.CoInstallers]\nAddReg=R\n[R]\nHKR,,CoInstallers32,0x00010000,"x.dll"\n';
    const m = build(parser(), { 'a.c': code, 'x.inf': inf, 'x.def': 'EXPORTS\n  CoDeviceInstall = Impl @1\n' }).model;
    expect(m.entryPoints.map((e) => `${e.name}:${e.kind}:${[...e.via].sort().join('+')}`)).toEqual(['Impl:co-installer:def+inf']);
    expect(m.entryPoints[0].exportNames).toEqual(['CoDeviceInstall']);
    expect(m.entryPoints[0].nameLoc).toEqual({ line: 2, column: 7, endLine: 2, endColumn: 11 });
  });

  it('a .def alias exports the internal name', () => {
    const code = `DWORD CALLBACK Internal(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) { return 0; }`;
    expect(names({ 'a.c': code, 'x.def': 'EXPORTS\n CoDeviceInstall=Internal @2\n' })).toEqual(['Internal:co-installer:def+signature']);
  });

  it('defExports lists the names of every .def file of the module, aliases with their function, as written', () => {
    const m = build(parser(), {
      'a.c': 'int x;',
      'a.def': 'LIBRARY A\nEXPORTS\n  _CoDeviceInstall@16 = Impl @1\n  DllRegisterServer PRIVATE\n',
      'b.def': 'EXPORTS\n  Other\n',
    }).model;
    expect(m.defExports()).toEqual([
      { name: '_CoDeviceInstall@16', internalName: 'Impl' },
      { name: 'DllRegisterServer' },
      { name: 'Other' },
    ]);
    expect(build(parser(), { 'a.c': 'int x;' }).model.defExports()).toEqual([]);
  });
});

describe('helpers of installer shape', () => {
  it('a static helper with the same parameters that the exported entry point calls is not an entry point', () => {
    const code = `static DWORD Helper(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) { return 0; }
DWORD CALLBACK Entry(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) { return Helper(f, s, d, c); }`;
    expect(names({ 'a.c': code, 'x.def': 'EXPORTS\n Entry\n' })).toEqual(['Entry:co-installer:def+signature']);
  });
});

describe('handled DIF codes', () => {
  it('lists case labels and comparisons in source order', () => {
    const code = `DWORD CALLBACK E(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) {
  if (f == DIF_REMOVE) return 0;
  switch (f) { case DIF_INSTALLDEVICE: case 0x2A: break; default: break; }
  return 0;
}`;
    expect(build(parser(), { 'a.c': code }).model.entryPoints[0].handledDifCodes).toEqual(['DIF_REMOVE', 'DIF_INSTALLDEVICE', 'DIF_FINISHINSTALL_ACTION']);
  });
  it('includes the codes of a helper the DIF code is handed to, after the entry point\'s own', () => {
    const code = `static DWORD Handle(HDEVINFO s, DI_FUNCTION what) {
  if (what == DIF_NEWDEVICEWIZARD_FINISHINSTALL) return 0;
  switch (what) { case DIF_FINISHINSTALL_ACTION: return 1; }
  Unrelated(DIF_DETECT);
  return 0;
}
static void Unrelated(UINT x) { if (x == DIF_ASSIGNRESOURCES) return; }
DWORD CALLBACK E(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) {
  if (f == DIF_REMOVE) return 0;
  return Handle(s, f);
}`;
    expect(build(parser(), { 'a.c': code }).model.entryPoints[0].handledDifCodes).toEqual([
      'DIF_REMOVE',
      'DIF_NEWDEVICEWIZARD_FINISHINSTALL',
      'DIF_FINISHINSTALL_ACTION',
    ]);
  });
});
