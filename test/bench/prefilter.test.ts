import { describe, expect, it } from 'vitest';
import { codeOnly, fileSignal, hasInstallerShapedDefinition, moduleHasSignal } from '../../engine/batch/prefilter.js';

const CO = 'DWORD CALLBACK CoInstall(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c)';

describe('installer-shaped definitions', () => {
  it('finds a definition, with SAL, comments and line breaks in the parameter list', () => {
    expect(hasInstallerShapedDefinition(`${CO}\n{\n    return NO_ERROR;\n}\n`)).toBe(true);
    expect(hasInstallerShapedDefinition('DWORD CALLBACK\nX(_In_ DI_FUNCTION f, /* set; { */ _In_ HDEVINFO s,\n  _In_opt_ PSP_DEVINFO_DATA d) { return 0; }')).toBe(true);
    expect(hasInstallerShapedDefinition('DWORD X(UINT f, HDEVINFO s, SP_DEVINFO_DATA *d)\n// body next\n{ return 0; }')).toBe(true);
  });

  it('counts what it cannot tell apart from a definition as one', () => {
    // a C++ member function with a trailing qualifier, a K&R-ish macro before the body
    expect(hasInstallerShapedDefinition('DWORD C::X(UINT f, HDEVINFO s, PSP_DEVINFO_DATA d) const { return 0; }')).toBe(true);
    expect(hasInstallerShapedDefinition('DWORD X(UINT f, HDEVINFO s, PSP_DEVINFO_DATA d) NOEXCEPT_MACRO { return 0; }')).toBe(true);
    // a list never closed
    expect(hasInstallerShapedDefinition('DWORD X(UINT f, HDEVINFO s, PSP_DEVINFO_DATA d')).toBe(true);
  });

  it('ignores declarations, function-pointer types, casts, locals and comments', () => {
    expect(hasInstallerShapedDefinition(`${CO};\n`)).toBe(false);
    expect(hasInstallerShapedDefinition('WINBOOL WINAPI SetupDiCallClassInstaller(DI_FUNCTION InstallFunction,HDEVINFO DeviceInfoSet,PSP_DEVINFO_DATA DeviceInfoData);')).toBe(false);
    expect(hasInstallerShapedDefinition('typedef DWORD (CALLBACK *PFN)(DI_FUNCTION, HDEVINFO, PSP_DEVINFO_DATA);')).toBe(false);
    expect(hasInstallerShapedDefinition('void f(void) { HDEVINFO set = (HDEVINFO)g; SP_DEVINFO_DATA data; use(set, &data); }')).toBe(false);
    expect(hasInstallerShapedDefinition('/* DWORD X(UINT f, HDEVINFO s, PSP_DEVINFO_DATA d) { } */\nint x;')).toBe(false);
    expect(hasInstallerShapedDefinition('const char *s = "X(UINT f, HDEVINFO s, PSP_DEVINFO_DATA d) {";')).toBe(false);
    // a parameter list with only one of the two types
    expect(hasInstallerShapedDefinition('DWORD X(HDEVINFO s) { SP_DEVINFO_DATA d; return 0; }')).toBe(false);
  });

  it('blanks comments and literals without moving anything', () => {
    const text = 'a /* b\n c */ d // e\r\nf "g;h" \'i\'';
    const code = codeOnly(text);
    expect(code.length).toBe(text.length);
    // 'a ' + 4 blanks | 5 blanks + ' d ' + 4 blanks | 'f ' + 5 blanks + ' ' + 3 blanks
    expect(code).toBe(`a ${' '.repeat(4)}\n${' '.repeat(5)} d ${' '.repeat(4)}\r\nf ${' '.repeat(5)} ${' '.repeat(3)}`);
  });
});

describe('file and module signal', () => {
  it('an INF that registers an installer, by any of its spellings', () => {
    expect(fileSignal('a.inf', '[X.NT.CoInstallers]\nAddReg = R\n')).toBe('inf-registration');
    expect(fileSignal('a.INX', 'HKR,,Installer32,,"a.dll,Install"')).toBe('inf-registration');
    expect(fileSignal('a.inf', 'HKLM,System\\CurrentControlSet\\Control\\CoDeviceInstallers,{guid},0x00010008,"a.dll,Co"')).toBe('inf-registration');
    expect(fileSignal('a.inf', '[Version]\nSignature = "$WINDOWS NT$"\n[DDInstall.Services]\nAddService = x,2,s\n')).toBeUndefined();
  });

  it('directives, configured entry point names (whole words), installer signatures', () => {
    expect(fileSignal('a.c', 'int x; // coinstaller-lint-disable-line')).toBe('directive');
    expect(fileSignal('a.def', 'EXPORTS\n  coinstaller-lint-enable')).toBe('directive');
    expect(fileSignal('a.c', 'DWORD VendorEntry(int a) { return 0; }', { entryPoints: ['VendorEntry'] })).toBe('configured-entry-point');
    expect(fileSignal('a.c', 'DWORD VendorEntry2(int a) { return 0; }', { entryPoints: ['VendorEntry'] })).toBeUndefined();
    expect(fileSignal('a.cpp', `${CO} { return 0; }`)).toBe('installer-signature');
    expect(fileSignal('a.def', 'LIBRARY a\nEXPORTS\n  CoInstall\n')).toBeUndefined();
    expect(fileSignal('a.h', '#define CONTOSO_DIF  DI_FUNCTION\r\n')).toBe('installer-type-macro');
    expect(fileSignal('a.h', '  # define CONTOSO_DEV PSP_DEVINFO_DATA // the device\n')).toBe('installer-type-macro');
    expect(fileSignal('a.h', '#define CONTOSO_DEV(x) PSP_DEVINFO_DATA\n#define CALL_IT DI_FUNCTION(x)\n')).toBeUndefined();
  });

  it('a module has signal when any one of its files has', () => {
    const helper = { filePath: 'ui.c', text: 'void Show(void) { MessageBoxW(0, 0, 0, 0); }' };
    expect(moduleHasSignal([helper])).toBe(false);
    expect(moduleHasSignal([helper, { filePath: 'entry.c', text: `${CO} { Show(); return 0; }` }])).toBe(true);
  });
});
