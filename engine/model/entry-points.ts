/**
 * Installer entry points (docs/installer-facts.md#entry-points): functions of installer shape, a
 * 32-bit status result and the parameters (DI_FUNCTION or UINT, HDEVINFO, PSP_DEVINFO_DATA
 * [, PCOINSTALLER_CONTEXT_DATA]), that are not SetupAPI's own functions; and functions the DLL
 * exports under a name an INF, the .def file, __declspec(dllexport) or the configuration names.
 */
import type { ParamSummary } from './summary-types.js';

const DIF_TYPES = /^(DI_FUNCTION|UINT|DWORD|ULONG|unsigned( int)?|unsigned long)$/;
const DEVINFO_SET_TYPES = /^HDEVINFO$/;
const DEVINFO_DATA_TYPES = /^(PSP_DEVINFO_DATA|_?SP_DEVINFO_DATA\*)$/;
const CONTEXT_TYPES = /^(PCOINSTALLER_CONTEXT_DATA|_?COINSTALLER_CONTEXT_DATA\*)$/;

/**
 * Results that are not an installer's: SetupAPI reads the result as a Win32 error code (a DWORD;
 * an HRESULT, UINT or LONG is the same 32 bits), so nothing, a truth value, a pointer, a handle, an
 * 8-, 16- or 64-bit or pointer-sized integer, or a floating-point number is another function's.
 */
const NOT_A_STATUS = new Set([
  'void', 'VOID', 'BOOL', 'BOOLEAN', 'bool', 'WINBOOL', 'char', 'signed char', 'unsigned char', 'CHAR', 'UCHAR', 'BYTE',
  'wchar_t', 'WCHAR', 'TCHAR', 'short', 'unsigned short', 'SHORT', 'USHORT', 'WORD', 'float', 'double', 'long double',
  'FLOAT', 'DOUBLE', 'long long', 'unsigned long long', '__int64', 'unsigned __int64', 'LONGLONG', 'ULONGLONG', 'DWORDLONG',
  'DWORD64', 'ULONG64', 'LONG64', 'UINT64', 'INT64', 'uint64_t', 'int64_t', 'size_t', 'SIZE_T', 'SSIZE_T', 'ptrdiff_t',
  'intptr_t', 'uintptr_t', 'ULONG_PTR', 'LONG_PTR', 'DWORD_PTR', 'UINT_PTR', 'INT_PTR', 'LRESULT', 'LPARAM', 'WPARAM',
  'HANDLE', 'PVOID', 'LPVOID', 'LPCVOID',
]);
/** Windows' handle types (`HMODULE`, `HKEY`, `HDEVINFO`; not `HRESULT`) and `LP...` pointer types. */
const HANDLE_OR_POINTER = /^(H(?!RESULT$)[A-Z0-9]+|LP[A-Z][A-Z0-9_]*)$/;

/**
 * Whether a result type can be an installer's: not one of NOT_A_STATUS, no pointer or reference,
 * not a handle. A type the tool cannot place (a vendor typedef) and no type at all (K&R's implicit
 * int, a result macro blanked before the parse) are given the benefit of the doubt.
 */
export function isInstallerResult(returnType: string | undefined): boolean {
  if (returnType === undefined) return true;
  if (/[*&]/.test(returnType)) return false;
  return !NOT_A_STATUS.has(returnType) && !HANDLE_OR_POINTER.test(returnType);
}

/**
 * SetupAPI's own functions (`SetupDiCallClassInstaller(DI_FUNCTION, HDEVINFO, PSP_DEVINFO_DATA)`
 * has the class installer's parameters): a module that defines one implements SetupAPI, it is
 * not an installer. Every `SetupDi` function is exported by setupapi.dll.
 */
export function isSetupApiName(name: string): boolean {
  return /^SetupDi[A-Z]/.test(name);
}

/**
 * The installer kind a parameter list has, or undefined when it is not an installer's. `resolve`
 * reads a type name through the module's macros (`#define CONTOSO_DIF DI_FUNCTION`).
 */
export function signatureKind(params: readonly ParamSummary[], resolve: (type: string) => string = (t) => t): 'co-installer' | 'class-installer' | undefined {
  if (params.length !== 3 && params.length !== 4) return undefined;
  const type = (i: number) => resolve(params[i].type);
  if (!DIF_TYPES.test(type(0)) || !DEVINFO_SET_TYPES.test(type(1)) || !DEVINFO_DATA_TYPES.test(type(2))) return undefined;
  if (params.length === 3) return 'class-installer';
  return CONTEXT_TYPES.test(type(3)) ? 'co-installer' : undefined;
}

/** Kind from the number of parameters, for entry points found by export only. */
export function kindOfParamCount(params: readonly ParamSummary[]): 'co-installer' | 'class-installer' | undefined {
  if (params.length === 4) return 'co-installer';
  if (params.length === 3) return 'class-installer';
  return undefined;
}

/** `_CoDeviceInstall@16` -> `CoDeviceInstall` (stdcall decoration in .def files). */
export function undecorate(name: string): string {
  const m = /^_?([A-Za-z_]\w*?)@\d+$/.exec(name);
  return m ? m[1] : name;
}
