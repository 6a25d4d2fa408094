import { describe, expect, it } from 'vitest';
import { build, chainLabels, useParser } from './model-harness.js';

const parser = useParser();

describe('installer source as real projects write it', () => {
  it('the WDK toaster shape: IN/OUT/OPTIONAL after a comma, post-processing inside cases, DbgOut helpers', () => {
    const code = `#include <windows.h>
#include <setupapi.h>

#if DBG
#define DbgOut(Text) OutputDebugString(TEXT("CoInstaller: " Text "\\n"))
#else
#define DbgOut(Text)
#endif

DWORD CALLBACK
ToasterCoInstaller (
    IN     DI_FUNCTION               InstallFunction,
    IN     HDEVINFO                  DeviceInfoSet,
    IN     PSP_DEVINFO_DATA          DeviceInfoData,  OPTIONAL
    IN OUT PCOINSTALLER_CONTEXT_DATA Context
    )
{
    switch (InstallFunction)
    {
        case DIF_INSTALLDEVICE:
            if(!Context->PostProcessing)
            {
                DbgOut("DIF_INSTALLDEVICE");
                return ERROR_DI_POSTPROCESSING_REQUIRED;
            }
            ApplyFriendlyName(DeviceInfoSet, DeviceInfoData);
            break;
        case DIF_REMOVE:
            DbgOut("DIF_REMOVE");
            break;
        case DIF_NEWDEVICEWIZARD_FINISHINSTALL:
            DbgOut("DIF_NEWDEVICEWIZARD_FINISHINSTALL");
            break;
        default:
            break;
    }
    return NO_ERROR;
}
`;
    const b = build(parser(), { 'toaster.c': code, 'toaster.def': 'LIBRARY tostrco1\nEXPORTS\n    ToasterCoInstaller\n' });
    expect(b.model.entryPoints.map((e) => [e.name, e.kind, [...e.via].sort().join('+')])).toEqual([['ToasterCoInstaller', 'co-installer', 'def+signature']]);
    expect(b.model.entryPoints[0].params.deviceInfoData).toBe('DeviceInfoData');
    expect(b.codes('toaster.c', 'ApplyFriendlyName')).toEqual(['DIF_INSTALLDEVICE/post']);
    expect(b.codes('toaster.c', 'DbgOut("DIF_INSTALLDEVICE")')).toEqual(['DIF_INSTALLDEVICE/pre']);
    expect(b.codes('toaster.c', 'DbgOut("DIF_REMOVE")')).toEqual(['DIF_REMOVE']);
  });

  it('CRLF line ends and non-ASCII text: chain positions in UTF-16 columns', () => {
    const code = [
      '// Größe: ☃ 😀',
      'static void Helper(void) { /* é */ Site(); }',
      'DWORD CALLBACK E(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)',
      '{',
      '    if (f == DIF_INSTALLDEVICE) { /* 😀 */ Helper(); }',
      '    return 0;',
      '}',
      '',
    ].join('\r\n');
    const b = build(parser(), { 'a.c': code });
    const [c] = b.contexts('a.c', 'Site()');
    expect(c.difCode).toBe('DIF_INSTALLDEVICE');
    // line 5: "    if (f == DIF_INSTALLDEVICE) { /* 😀 */ Helper(); }": "f == DIF_INSTALLDEVICE" starts at column 9,
    // then ") { /* " (cols 31-37), the emoji (two UTF-16 units, 38-39), " */ " (40-43): Helper at column 44
    expect(c.chain.map((s) => [s.label, s.line, s.column, s.endLine, s.endColumn])).toEqual([
      ['E handles DIF_INSTALLDEVICE', 5, 9, 5, 31],
      ['calls Helper()', 5, 44, 5, 50],
    ]);
  });

  it('parse errors elsewhere in the file do not hide the calls', () => {
    const code = `BEGIN_MESSAGE_MAP(CPage, CPropertyPage)
    ON_BN_CLICKED(IDC_BUTTON, OnButton)
END_MESSAGE_MAP()
static void Worker(void) { Site(); }
DWORD CALLBACK E(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d)
{
    int x = @@;
    if (f == DIF_SELECTDEVICE) Worker();
    return ERROR_DI_DO_DEFAULT;
}`;
    const b = build(parser(), { 'a.cpp': code });
    expect(b.codes('a.cpp', 'Site()')).toEqual(['DIF_SELECTDEVICE/interactive']);
  });

  it('extern "C" __declspec(dllexport) and SEH blocks', () => {
    const code = `extern "C" __declspec(dllexport) DWORD CALLBACK E(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)
{
    __try {
        if (f == DIF_REMOVE) Guarded();
    } __finally {
        Cleanup();
    }
    return NO_ERROR;
}`;
    const b = build(parser(), { 'a.cpp': code });
    expect(b.model.entryPoints.map((e) => [...e.via].sort().join('+'))).toEqual(['dllexport+signature']);
    expect(b.codes('a.cpp', 'Guarded()')).toEqual(['DIF_REMOVE']);
    expect(b.codes('a.cpp', 'Cleanup()')).toEqual(['any DIF code']);
  });

  it('a C++ class installer dispatching to static handlers through a member table', () => {
    const code = `class CInstaller {
public:
    static DWORD OnSelect(HDEVINFO s, PSP_DEVINFO_DATA d) { ChooseUi(); return NO_ERROR; }
    static DWORD OnInstall(HDEVINFO s, PSP_DEVINFO_DATA d) { Copy(); return ERROR_DI_DO_DEFAULT; }
};
struct Entry { DI_FUNCTION code; DWORD (*handler)(HDEVINFO, PSP_DEVINFO_DATA); };
static const Entry kHandlers[] = {
    { DIF_SELECTDEVICE, &CInstaller::OnSelect },
    { DIF_INSTALLDEVICE, CInstaller::OnInstall },
};
extern "C" DWORD CALLBACK ClassInstall(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d)
{
    for (const Entry &e : kHandlers) {
        if (e.code == f) return e.handler(s, d);
    }
    return ERROR_DI_DO_DEFAULT;
}`;
    const b = build(parser(), { 'cls.cpp': code });
    expect(b.codes('cls.cpp', 'ChooseUi()')).toEqual(['DIF_SELECTDEVICE/interactive']);
    expect(b.codes('cls.cpp', 'Copy()')).toEqual(['DIF_INSTALLDEVICE']);
    expect(chainLabels(b.contexts('cls.cpp', 'Copy()'), 'DIF_INSTALLDEVICE')).toEqual([
      'ClassInstall handles DIF_INSTALLDEVICE',
      'dispatches DIF_INSTALLDEVICE to OnInstall() through kHandlers',
    ]);
  });
});
