/**
 * The Windows API names the guidelines are about (docs/installer-facts.md#the-four-guidelines and
 * the sections after it). Names are matched exactly; families are listed with their A/W/Ex spellings.
 * The config can add names (settings.uiApis, .processApis, .libraryLoadApis).
 */
import { COM_DIALOG_MACROS } from './com-classes.js';
import { DIF_CODES } from './dif-codes.js';
import { WINDOWS_IMPORT_LIBRARIES, WINDOWS_SDK_STATIC_LIBRARIES } from './windows-import-libraries.js';

function withAW(names: readonly string[]): string[] {
  return names.flatMap((n) => [n, `${n}A`, `${n}W`]);
}

/** Guideline 3: explicit loads of code. */
export const LIBRARY_LOAD_APIS: ReadonlySet<string> = new Set([
  ...withAW(['LoadLibrary', 'LoadLibraryEx']),
  'LoadPackagedLibrary',
  'CoLoadLibrary',
  'LdrLoadDll',
  'AfxLoadLibrary',
]);

/** Guideline 1: user interface. */
export const UI_APIS: ReadonlySet<string> = new Set([
  ...withAW(['MessageBox', 'MessageBoxEx', 'MessageBoxIndirect', 'ShellMessageBox']),
  ...withAW(['DialogBox', 'DialogBoxParam', 'DialogBoxIndirect', 'DialogBoxIndirectParam']),
  ...withAW(['CreateDialog', 'CreateDialogParam', 'CreateDialogIndirect', 'CreateDialogIndirectParam']),
  ...withAW(['CreateWindow', 'CreateWindowEx']),
  'ShowWindow',
  ...withAW(['PropertySheet']),
  'TaskDialog',
  'TaskDialogIndirect',
  ...withAW(['GetOpenFileName', 'GetSaveFileName', 'ChooseColor', 'ChooseFont', 'PrintDlg', 'PrintDlgEx', 'PageSetupDlg', 'FindText', 'ReplaceText']),
  ...withAW(['SHBrowseForFolder']),
  ...withAW(['SetupPromptForDisk', 'SetupCopyError', 'SetupDeleteError', 'SetupRenameError', 'SetupBackupError']),
  ...withAW(['SetupDefaultQueueCallback']),
  'SetupInitDefaultQueueCallback',
  'SetupInitDefaultQueueCallbackEx',
  'SetupPromptReboot',
  ...withAW(['WTSSendMessage']),
  'AfxMessageBox',
  'DoModal',
  // COM dialogs through their C macros (`IFileDialog_Show(pfd, hwnd)`); the method calls: rules/support/com-dialog-calls.ts
  ...COM_DIALOG_MACROS,
]);

/** Guideline 4: processes. */
export const PROCESS_APIS: ReadonlySet<string> = new Set([
  ...withAW(['CreateProcess', 'CreateProcessAsUser', 'CreateProcessWithLogon', 'CreateProcessWithToken']),
  ...withAW(['ShellExecute', 'ShellExecuteEx']),
  'WinExec',
  'system',
  '_wsystem',
  ...['_spawn', '_exec'].flatMap((p) => ['l', 'le', 'lp', 'lpe', 'v', 've', 'vp', 'vpe'].flatMap((s) => [`${p}${s}`, `_w${p.slice(1)}${s}`])),
  '_popen',
  '_wpopen',
]);

/**
 * Guideline 4: the calls that wait for a process handle (docs/installer-facts.md#finish-install-actions:
 * the installer waits for what it starts), with the argument that holds the handle (or the array
 * of handles): the wait functions, with or without a timeout, and the C run-time's `_cwait` for a
 * `_spawn*` handle.
 */
export const WAIT_HANDLE_ARGUMENT: ReadonlyMap<string, number> = new Map([
  ['WaitForSingleObject', 0],
  ['WaitForSingleObjectEx', 0],
  ['WaitForMultipleObjects', 1],
  ['WaitForMultipleObjectsEx', 1],
  ['MsgWaitForMultipleObjects', 1],
  ['MsgWaitForMultipleObjectsEx', 1],
  ['_cwait', 1],
  ['cwait', 1],
]);

/** The names of WAIT_HANDLE_ARGUMENT. */
export const WAIT_APIS: ReadonlySet<string> = new Set(WAIT_HANDLE_ARGUMENT.keys());

/** Calls that use a process handle without waiting for it or keeping it: handing the handle to them hands nothing on. */
export const PROCESS_HANDLE_USES: ReadonlySet<string> = new Set([
  'CloseHandle',
  'WaitForInputIdle',
  'GetExitCodeProcess',
  'GetProcessId',
  'TerminateProcess',
  'ResumeThread',
  'SetPriorityClass',
]);

/**
 * Guideline 4: services belong in the INF (AddService). SetupInstallServicesFromInfSection[Ex]
 * installs and deletes the services an INF section lists: creating services from code all the same
 * (docs/installer-facts.md#services).
 */
export const SERVICE_CONTROL_APIS: ReadonlySet<string> = new Set(
  withAW([
    'StartService',
    'CreateService',
    'ChangeServiceConfig',
    'ChangeServiceConfig2',
    'ControlService',
    'ControlServiceEx',
    'SetupInstallServicesFromInfSection',
    'SetupInstallServicesFromInfSectionEx',
  ]),
);

/** Default DIF handlers a co-installer must not call. */
export const DEFAULT_DIF_HANDLERS: ReadonlySet<string> = new Set([
  'SetupDiInstallDevice',
  'SetupDiRemoveDevice',
  'SetupDiChangeState',
  'SetupDiSelectDevice',
  'SetupDiRegisterCoDeviceInstallers',
  'SetupDiInstallDriverFiles',
  'SetupDiInstallDeviceInterfaces',
  'SetupDiRegisterDeviceInfo',
  'SetupDiSelectBestCompatDrv',
  'SetupDiUnremoveDevice',
  'SetupDiFinishInstallAction',
]);

/** File-queue functions installers must not call. */
export function isFileQueueApi(name: string): boolean {
  return /^SetupQueue(Copy|Delete|Rename)\w*$/.test(name) || /^SetupQueueDefaultCopy[AW]?$/.test(name);
}

/**
 * Static libraries of Visual C++ that load no DLL: the static C and C++ run times and their debug
 * forms (libucrt, libvcruntime, libcmt, libcpmt; the single-threaded libc and libcp of older
 * versions), the CRT startup of /clr and /clr:pure, static MFC (nafxcw, uafxcw), static ATL
 * (atls) and the compiler's COM support (comsupp, comsuppw)
 * (docs/installer-facts.md#dll-loading-and-link-dependencies).
 */
export const STATIC_RUNTIME_LIBRARIES: ReadonlySet<string> = new Set([
  'libucrt', 'libucrtd', 'libvcruntime', 'libvcruntimed', 'libcmt', 'libcmtd', 'libcpmt', 'libcpmtd',
  'libc', 'libcd', 'libcp', 'libcpd', 'msvcmrt', 'msvcmrtd', 'msvcurt', 'msvcurtd',
  'nafxcw', 'nafxcwd', 'uafxcw', 'uafxcwd', 'atls', 'atlsd', 'comsupp', 'comsuppd', 'comsuppw', 'comsuppwd',
]);

/**
 * Libraries a `#pragma comment(lib, ...)` may name without a link dependency on code outside
 * Windows: the import libraries of Windows' own DLLs and the static libraries of the Windows SDK
 * (engine/knowledge/windows-import-libraries.ts, generated), and the static run times above. The
 * import libraries of the Visual C++ run-time DLLs (vcruntime, msvcprt, mfc140, the debug forms)
 * are not among them: those DLLs do not ship with Windows.
 */
export const SYSTEM_LIBRARIES: ReadonlySet<string> = new Set([...WINDOWS_IMPORT_LIBRARIES, ...WINDOWS_SDK_STATIC_LIBRARIES, ...STATIC_RUNTIME_LIBRARIES]);

const WINDOWS_IMPORT_LIBRARIES_SET: ReadonlySet<string> = new Set(WINDOWS_IMPORT_LIBRARIES);

/**
 * Whether a DLL named in `/DELAYLOAD` ships with Windows: an API set (`api-ms-win-*`,
 * `ext-ms-win-*`), or a DLL whose base name is that of a Windows import library.
 */
export function isWindowsDll(name: string): boolean {
  const base = libraryBaseName(name).replace(/\.(dll|drv|ocx|cpl)$/i, '');
  return /^(api|ext)-ms-win-/.test(base) || WINDOWS_IMPORT_LIBRARIES_SET.has(base);
}

/** The library name of a `#pragma comment(lib, "...")` argument, without folders or `.lib`. */
export function libraryBaseName(name: string): string {
  const base = name.replace(/\\\\/g, '\\').split(/[\\/]/).pop() ?? name;
  return base.replace(/\.lib$/i, '').toLowerCase();
}

/** The DIF code each default DIF handler implements (for messages). */
export const DEFAULT_DIF_HANDLER_CODES: ReadonlyMap<string, string> = new Map([
  ['SetupDiInstallDevice', 'DIF_INSTALLDEVICE'],
  ['SetupDiRemoveDevice', 'DIF_REMOVE'],
  ['SetupDiChangeState', 'DIF_PROPERTYCHANGE'],
  ['SetupDiSelectDevice', 'DIF_SELECTDEVICE'],
  ['SetupDiRegisterCoDeviceInstallers', 'DIF_REGISTER_COINSTALLERS'],
  ['SetupDiInstallDriverFiles', 'DIF_INSTALLDEVICEFILES'],
  ['SetupDiInstallDeviceInterfaces', 'DIF_INSTALLINTERFACES'],
  ['SetupDiRegisterDeviceInfo', 'DIF_REGISTERDEVICE'],
  ['SetupDiSelectBestCompatDrv', 'DIF_SELECTBESTCOMPATDRV'],
  ['SetupDiUnremoveDevice', 'DIF_UNREMOVE'],
  ['SetupDiFinishInstallAction', 'DIF_FINISHINSTALL_ACTION'],
]);

/**
 * DIF codes reserved for the system: vendor installers must not handle them
 * (docs/installer-facts.md#reserved-dif-codes; Microsoft's "Private DIF Codes" page). DIF_FIRSTTIMESETUP is private too, but
 * installers of non-PnP devices that must be detected may handle it, so it is not listed.
 * The codes the DIF table (dif-codes.ts) marks `reserved`.
 */
export const RESERVED_DIF_CODES: ReadonlySet<string> = new Set(
  [...DIF_CODES.values()].filter((c) => c.interactivity === 'reserved').map((c) => c.name),
);

/**
 * Calls that only trace: debugger output, the printf families that print, and the tracing macros
 * of the C runtime, ATL, MFC and WPP. A case that calls nothing else does not handle its DIF code
 * (docs/installer-facts.md#what-is-not-a-violation).
 */
export const TRACING_APIS: ReadonlySet<string> = new Set([
  ...withAW(['OutputDebugString']),
  'DbgPrint', 'DbgPrintEx', 'vDbgPrintEx', 'vDbgPrintExWithPrefix', 'KdPrint', 'KdPrintEx',
  ...['printf', 'vprintf', 'fprintf', 'vfprintf'].flatMap((f) => [f, `${f}_s`]),
  ...['wprintf', 'vwprintf', 'fwprintf', 'vfwprintf'].flatMap((f) => [f, `${f}_s`]),
  ...['_tprintf', '_vtprintf', '_ftprintf', '_vftprintf'].flatMap((f) => [f, `${f}_s`]),
  'puts', '_putws', '_putts', 'fputs', 'fputws', '_fputts', '_cprintf', '_cwprintf', '_tcprintf',
  ...['_RPT', '_RPTF', '_RPTW', '_RPTFW'].flatMap((p) => ['0', '1', '2', '3', '4', '5', 'N'].map((n) => `${p}${n}`)),
  'ATLTRACE', 'ATLTRACE2', 'TRACE', 'TRACE0', 'TRACE1', 'TRACE2', 'TRACE3', 'DoTraceMessage',
]);

/**
 * The printf family members that format into a buffer, their first argument, and print nothing:
 * tracing when that buffer is a local of the code that calls them.
 */
export const FORMATTING_APIS: ReadonlySet<string> = new Set([
  ...['sprintf', 'swprintf', '_stprintf', 'vsprintf', 'vswprintf', '_vstprintf'].flatMap((f) => [f, `${f}_s`]),
  ...['_snprintf', '_snwprintf', '_sntprintf', '_vsnprintf', '_vsnwprintf', '_vsntprintf'].flatMap((f) => [f, `${f}_s`]),
  'snprintf', 'vsnprintf',
  ...withAW(['wsprintf', 'wvsprintf']),
  ...withAW(['StringCchPrintf', 'StringCbPrintf', 'StringCchPrintfEx', 'StringCbPrintfEx']),
  ...withAW(['StringCchVPrintf', 'StringCbVPrintf', 'StringCchVPrintfEx', 'StringCbVPrintfEx']),
]);

/**
 * Macros of the Windows and C headers that do nothing at run time but shape a trace's text or
 * arguments: TCHAR literals, variable argument lists, unused-parameter markers.
 */
export const NO_EFFECT_MACROS: ReadonlySet<string> = new Set([
  'TEXT', '__TEXT', '_T', '__T', '_TEXT',
  'va_start', 'va_end', 'va_arg', 'va_copy', '__va_start',
  'UNREFERENCED_PARAMETER', 'DBG_UNREFERENCED_PARAMETER', 'DBG_UNREFERENCED_LOCAL_VARIABLE', 'UNREFERENCED_LOCAL_VARIABLE',
]);

/** A call that only traces or does nothing at run time (TRACING_APIS, NO_EFFECT_MACROS). */
export function isTracingApi(name: string): boolean {
  return TRACING_APIS.has(name) || NO_EFFECT_MACROS.has(name);
}
