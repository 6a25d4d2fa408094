/**
 * Which arguments of the Windows APIs the rules meet a call writes through, as data: the SAL
 * annotations of the Windows SDK's prototypes (`_In_` read only; `_Out_`, `_Inout_` written) and
 * the C runtime's documented signatures. The state rule reads it (docs/rules/no-state-in-dll.md):
 * `&g_Mode` handed to RegSetValueExW's lpData is read, not written; `g_Buffer` handed to
 * lstrcpynW's destination is written. An API not listed here, or an argument past the end of its
 * list, has no known direction.
 *
 * One letter per parameter, in order: `i` the callee only reads what the argument points to (or
 * the argument is a plain value), `o` it may write there. A trailing `*i` or `*o` gives the
 * direction of the variable arguments (printf families read them, scanf families write them).
 */
import { FORMATTING_APIS } from './api-lists.js';

/** What a call does with the memory an argument points to. */
export type ArgumentDirection = 'in' | 'out';

const withAW = (names: readonly string[]): string[] => names.flatMap((n) => [n, `${n}A`, `${n}W`]);
const entries = (names: readonly string[], spec: string): [string, string][] => names.map((n) => [n, spec]);

const SPECS: ReadonlyMap<string, string> = new Map<string, string>([
  // winreg.h
  ...entries(withAW(['RegSetValueEx', 'RegSetKeyValue']), 'iiiiii'),
  ...entries(withAW(['RegQueryValueEx']), 'iiiooo'),
  ...entries(withAW(['RegGetValue']), 'iiiiooo'),
  ...entries(withAW(['RegOpenKeyEx']), 'iiiio'),
  ...entries(withAW(['RegOpenKey', 'RegCreateKey']), 'iio'),
  ...entries(withAW(['RegCreateKeyEx']), 'iiiiiiioo'),
  ...entries(withAW(['RegEnumValue', 'RegEnumKeyEx']), 'iiooiooo'),
  ...entries(withAW(['RegQueryInfoKey']), 'iooioooooooo'),
  ...entries(withAW(['RegDeleteValue', 'RegDeleteKey']), 'ii'),
  ['RegCloseKey', 'i'],
  // setupapi.h, cfgmgr32.h
  ...entries(withAW(['SetupDiGetDeviceRegistryProperty']), 'iiiooio'),
  ...entries(withAW(['SetupDiSetDeviceRegistryProperty']), 'ioiii'),
  ...entries(withAW(['SetupDiGetDeviceInstallParams', 'SetupDiGetSelectedDriver']), 'iio'),
  ...entries(withAW(['SetupDiSetDeviceInstallParams']), 'iii'),
  ...entries(withAW(['SetupDiGetClassInstallParams', 'SetupDiGetDeviceInstanceId']), 'iioio'),
  ...entries(withAW(['SetupDiSetClassInstallParams', 'SetupDiSetDriverInstallParams', 'SetupDiGetClassDevs']), 'iiii'),
  ...entries(withAW(['SetupDiGetDriverInfoDetail']), 'iiioio'),
  ...entries(withAW(['SetupDiGetDriverInstallParams']), 'iiio'),
  ['SetupDiEnumDeviceInfo', 'iio'],
  ['SetupDiOpenDevRegKey', 'iiiiii'],
  ...entries(withAW(['SetupDiCreateDevRegKey']), 'iiiiiii'),
  ['SetupDiCallClassInstaller', 'iii'],
  ...entries(withAW(['SetupDiOpenDeviceInfo']), 'iiiio'),
  ...entries(withAW(['SetupDiCreateDeviceInfo']), 'iiiiiio'),
  ...entries(withAW(['SetupFindFirstLine', 'SetupOpenInfFile']), 'iiio'),
  ['SetupFindNextLine', 'io'],
  ...entries(withAW(['SetupFindNextMatchLine']), 'iio'),
  ...entries(withAW(['SetupGetStringField']), 'iioio'),
  ['SetupGetIntField', 'iio'],
  ...entries(withAW(['SetupGetLineText']), 'iiiioio'),
  ...entries(withAW(['SetupInstallFromInfSection']), 'iiiiiiiiiii'),
  ['CM_Get_DevNode_Status', 'ooii'],
  ...entries(withAW(['CM_Get_Device_ID']), 'ioii'),
  ...entries(withAW(['CM_Locate_DevNode']), 'oii'),
  // strings (winbase.h, strsafe.h, the C runtime)
  ...entries([...withAW(['lstrcpy', 'lstrcat']), 'wcscpy', 'strcpy', '_tcscpy', 'wcscat', 'strcat', '_tcscat'], 'oi'),
  ...entries([...withAW(['lstrcpyn']), 'wcsncpy', 'strncpy', '_tcsncpy', 'wcsncat', 'strncat', '_tcsncat'], 'oii'),
  ...entries(['wcscpy_s', 'strcpy_s', '_tcscpy_s', 'wcscat_s', 'strcat_s', '_tcscat_s'], 'oii'),
  ...entries(['wcsncpy_s', 'strncpy_s', '_tcsncpy_s', 'wcsncat_s', 'strncat_s', '_tcsncat_s'], 'oiii'),
  ...entries(withAW(['StringCchCopy', 'StringCbCopy', 'StringCchCat', 'StringCbCat']), 'oii'),
  ...entries(withAW(['StringCchCopyN', 'StringCbCopyN', 'StringCchCatN', 'StringCbCatN']), 'oiii'),
  ...entries(withAW(['StringCchCopyEx', 'StringCbCopyEx', 'StringCchCatEx', 'StringCbCatEx']), 'oiiooi'),
  ...entries(withAW(['StringCchLength', 'StringCbLength']), 'iio'),
  ...entries([...withAW(['lstrlen']), 'wcslen', 'strlen', '_tcslen'], 'i'),
  ...entries([...withAW(['lstrcmp', 'lstrcmpi']), 'wcscmp', 'strcmp', '_tcscmp', '_wcsicmp', '_stricmp', '_tcsicmp'], 'ii'),
  ...entries([...FORMATTING_APIS], 'o*i'),
  ...entries(['sscanf', 'swscanf', '_stscanf', 'sscanf_s', 'swscanf_s', '_stscanf_s'], 'ii*o'),
  ...entries(['MultiByteToWideChar'], 'iiiioi'),
  ...entries(['WideCharToMultiByte'], 'iiiioiio'),
  ...entries(withAW(['LoadString']), 'iioi'),
  // memory
  ...entries(['memcpy', 'memmove', 'CopyMemory', 'MoveMemory', 'RtlCopyMemory', 'RtlMoveMemory', 'memset', 'FillMemory', 'RtlFillMemory'], 'oii'),
  ...entries(['memcpy_s', 'memmove_s'], 'oiii'),
  ...entries(['ZeroMemory', 'RtlZeroMemory', 'SecureZeroMemory', 'RtlSecureZeroMemory'], 'oi'),
  ['memcmp', 'iii'],
  ...entries(['InterlockedIncrement', 'InterlockedDecrement'], 'o'),
  ...entries(['InterlockedExchange', 'InterlockedExchangeAdd', 'InterlockedOr', 'InterlockedAnd', 'InterlockedExchangePointer'], 'oi'),
  ...entries(['InterlockedCompareExchange', 'InterlockedCompareExchangePointer'], 'oii'),
  // system information, files, processes (winbase.h, processthreadsapi.h, fileapi.h, ioapiset.h)
  ...entries(['GetSystemTime', 'GetLocalTime', 'GetSystemTimeAsFileTime', 'QueryPerformanceCounter', 'QueryPerformanceFrequency', 'GetSystemInfo', 'GetNativeSystemInfo'], 'o'),
  ...entries(withAW(['GetVersionEx', 'ShellExecuteEx']), 'o'),
  ...entries(withAW(['GetModuleFileName', 'ExpandEnvironmentStrings', 'GetEnvironmentVariable']), 'ioi'),
  ...entries(withAW(['GetModuleHandleEx', 'GetFileAttributesEx']), 'iio'),
  ...entries(withAW(['GetWindowsDirectory', 'GetSystemDirectory', 'GetSystemWindowsDirectory']), 'oi'),
  ...entries(withAW(['GetTempPath', 'FindFirstFile', 'FindNextFile']), 'io'),
  ...entries(withAW(['GetComputerName', 'GetUserName']), 'oo'),
  ...entries(withAW(['SetEnvironmentVariable']), 'ii'),
  ...entries(withAW(['CreateFile']), 'iiiiiii'),
  ['ReadFile', 'ioioo'],
  ['WriteFile', 'iiioo'],
  ['DeviceIoControl', 'iiiioioo'],
  ...entries(withAW(['CreateProcess']), 'ioiiiiiiio'),
  ...entries(withAW(['CreateEvent']), 'iiii'),
  ['WaitForSingleObject', 'ii'],
  ['WaitForMultipleObjects', 'iiii'],
  ...entries(withAW(['OutputDebugString']), 'i'),
  ...entries(withAW(['MessageBox']), 'iiii'),
  // COM and GUIDs (combaseapi.h, rpcdce.h)
  ['CoCreateInstance', 'iiiio'],
  ...entries(['CoCreateGuid', 'UuidCreate'], 'o'),
  ['StringFromGUID2', 'ioi'],
  ...entries(['CLSIDFromString', 'IIDFromString', ...withAW(['UuidToString', 'UuidFromString'])], 'io'),
  // providers registered from installers (bcrypt.h, ws2spi.h)
  ['BCryptRegisterProvider', 'iii'],
  ['BCryptUnregisterProvider', 'i'],
  ...entries(['WSCInstallProvider', 'WSCInstallProvider64_32'], 'iiiio'),
  ['WSCDeinstallProvider', 'io'],
  ...entries(withAW(['WSCInstallNameSpace']), 'iiiii'),
]);

/**
 * What `api` does with the memory its argument `index` (0-based) points to, when the table knows;
 * undefined for an API it does not list and for an argument past the parameters it lists.
 */
export function apiArgumentDirection(api: string, index: number): ArgumentDirection | undefined {
  const spec = SPECS.get(api);
  if (spec === undefined) return undefined;
  const star = spec.indexOf('*');
  const fixed = star < 0 ? spec : spec.slice(0, star);
  const letter = index < fixed.length ? fixed[index] : star < 0 ? undefined : spec[star + 1];
  return letter === 'o' ? 'out' : letter === 'i' ? 'in' : undefined;
}

/** Whether the table lists `api`. */
export function hasApiParameters(api: string): boolean {
  return SPECS.has(api);
}
