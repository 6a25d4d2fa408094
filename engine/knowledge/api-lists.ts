/**
 * The Windows API names the guidelines are about (docs/installer-facts.md#the-four-guidelines and
 * the sections after it). Names are matched exactly; families are listed with their A/W/Ex spellings.
 * The config can add names (settings.uiApis, .processApis, .libraryLoadApis).
 */
import { DIF_CODES } from './dif-codes.js';

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
 * the installer waits for what it starts): the wait functions, with or without a timeout, and the
 * C run-time's `_cwait` for a `_spawn*` handle.
 */
export const WAIT_APIS: ReadonlySet<string> = new Set([
  'WaitForSingleObject',
  'WaitForSingleObjectEx',
  'WaitForMultipleObjects',
  'WaitForMultipleObjectsEx',
  'MsgWaitForMultipleObjects',
  'MsgWaitForMultipleObjectsEx',
  '_cwait',
  'cwait',
]);

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
 * Libraries that ship with Windows: a `#pragma comment(lib, ...)` naming one of them is a
 * system dependency, not the kind of link dependency guideline 3 is about.
 */
export const SYSTEM_LIBRARIES: ReadonlySet<string> = new Set([
  'kernel32', 'user32', 'gdi32', 'advapi32', 'shell32', 'shlwapi', 'ole32', 'oleaut32', 'uuid', 'comctl32',
  'comdlg32', 'setupapi', 'cfgmgr32', 'newdev', 'version', 'ntdll', 'rpcrt4', 'wintrust', 'crypt32', 'secur32',
  'ws2_32', 'winspool', 'propsys', 'powrprof', 'hid', 'winmm', 'imm32', 'userenv', 'wtsapi32', 'netapi32',
  'iphlpapi', 'psapi', 'dbghelp', 'msi', 'mpr', 'shcore', 'dwmapi', 'uxtheme', 'bcrypt', 'ncrypt', 'wevtapi',
  'tdh', 'pdh', 'wininet', 'winhttp', 'urlmon', 'mincore', 'onecore', 'onecoreuap', 'ntoskrnl', 'hal',
  'wdfldr', 'devobj', 'swdevice', 'cabinet', 'msvcrt', 'ucrt', 'vcruntime', 'libcmt', 'libcmtd', 'msvcrtd',
  'ucrtd', 'vcruntimed', 'libucrt', 'libvcruntime', 'comsuppw', 'comsupp', 'delayimp', 'wbemuuid', 'strmiids',
  'dxguid', 'credui', 'taskschd', 'virtdisk', 'fltlib', 'sfc', 'wldap32', 'dnsapi', 'mswsock', 'authz',
]);

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
