/**
 * The helper files of a generated installer module (bench/installer-module.ts): UI, processes,
 * service, maintenance and state, each with its violations planted as the plan says.
 */
import type { ModuleContext } from './module-plan.js';

/** Writes ui.c, process.c, service.c, maintenance.c and state.c, in that order. */
export function writeHelperFiles(c: ModuleContext): void {
  writeUi(c);
  writeProcesses(c);
  writeService(c);
  writeMaintenance(c);
  writeState(c);
}

function writeUi({ p, vendor, device, src, inc, file, prototypes }: ModuleContext): void {
  const ui = file(`${src}/ui.c`);
  ui.add(`/* User interface helpers of the ${vendor} ${device} installer. */`, `#include "${inc}"`, '', '/* Whoever calls it shows a message box. */', 'void ShowInstallNotice(void)', '{');
  ui.plant(`    MessageBoxW(NULL, L"The ${device} is being installed.", L"${vendor} Setup", MB_OK | MB_ICONINFORMATION);`, ...(p.ui ? [{ ruleId: 'no-ui-outside-finish-install', token: 'MessageBoxW' }] : []));
  ui.add('}', '', '/* Called from the finish-install action only: interactive, UI is fine. */', 'void ShowCompletion(void)', '{');
  ui.add(`    MessageBoxW(NULL, L"${vendor} ${device} software is ready.", L"${vendor} Setup", MB_OK);`, '}', '');
  prototypes.push('void ShowInstallNotice(void);', 'void ShowCompletion(void);');
}

function writeProcesses({ p, vendor, device, src, inc, file, prototypes }: ModuleContext): void {
  const proc = file(`${src}/process.c`);
  const procHead = (name: string) =>
    proc.add(`DWORD ${name}(void)`, '{', '    STARTUPINFOW si;', '    PROCESS_INFORMATION pi;', `    WCHAR commandLine[] = L"${vendor}${name}.exe /quiet";`, '', '    ZeroMemory(&si, sizeof(si));', '    si.cb = sizeof(si);');
  proc.add(`/* Processes of the ${vendor} ${device} installer. */`, `#include "${inc}"`, '');
  proc.add('/* Waits for the updater: fine in the finish-install action. */');
  procHead('RunUpdater');
  proc.add(
    '    if (!CreateProcessW(NULL, commandLine, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {',
    '        return GetLastError();',
    '    }',
    '    WaitForSingleObject(pi.hProcess, INFINITE);',
    '    CloseHandle(pi.hThread);',
    '    CloseHandle(pi.hProcess);',
    '    return NO_ERROR;',
    '}',
    '',
  );
  proc.add('/* Starts a companion application and does not wait for it. */');
  procHead('StartCompanion');
  proc.plant('    if (CreateProcessW(NULL, commandLine, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {', ...(p.process ? [{ ruleId: 'no-process-outside-finish-install', token: 'CreateProcessW' }] : []));
  proc.add('        CloseHandle(pi.hThread);', '        CloseHandle(pi.hProcess);', '    }', '    return NO_ERROR;', '}', '');
  proc.add('/* Opens the release notes and does not wait. */');
  procHead('LaunchReadme');
  proc.plant('    if (!CreateProcessW(NULL, commandLine, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {', ...(p.readme ? [{ ruleId: 'wait-for-finish-install-process', token: 'CreateProcessW' }] : []));
  proc.add('        return GetLastError();', '    }', '    CloseHandle(pi.hThread);', '    CloseHandle(pi.hProcess);', '    return NO_ERROR;', '}', '');
  prototypes.push('DWORD RunUpdater(void);', 'DWORD StartCompanion(void);', 'DWORD LaunchReadme(void);');
}

function writeService({ p, vendor, device, src, inc, file, prototypes }: ModuleContext): void {
  const svc = file(`${src}/service.c`);
  svc.add(`/* Service handling of the ${vendor} ${device} installer. */`, `#include "${inc}"`, '', 'DWORD OnPropertyChange(void)', '{');
  svc.add('    SC_HANDLE manager = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);', '    SC_HANDLE service;', '    DWORD status = NO_ERROR;', '', '    if (manager == NULL) {');
  if (p.windowstation) svc.plant('        return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;', { ruleId: 'no-interactive-windowstation-error', token: 'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION' });
  else svc.add('        return GetLastError();');
  svc.add('    }', `    service = OpenServiceW(manager, L"${vendor}${device}Svc", SERVICE_START | SERVICE_QUERY_STATUS);`, '    if (service != NULL) {');
  if (p.service) {
    svc.plant('        if (!StartServiceW(service, 0, NULL)) {', { ruleId: 'no-service-control', token: 'StartServiceW' });
    svc.add('            status = GetLastError();', '        }');
  } else {
    svc.add('        SERVICE_STATUS current;', '        if (!QueryServiceStatus(service, &current)) {', '            status = GetLastError();', '        }');
  }
  svc.add('        CloseServiceHandle(service);', '    }', '    CloseServiceHandle(manager);', '    return status;', '}', '');
  prototypes.push('DWORD OnPropertyChange(void);');
}

function writeMaintenance({ p, vendor, device, base, src, inc, file, prototypes }: ModuleContext): void {
  const maint = file(`${src}/maintenance.c`);
  maint.add(`/* Removal and re-registration work of the ${vendor} ${device} installer. */`, `#include "${inc}"`, '');
  maint.add('DWORD OnRemoveDevice(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)', '{');
  if (p.defaultHandler) {
    maint.plant('    if (!SetupDiRemoveDevice(DeviceInfoSet, DeviceInfoData)) {', { ruleId: 'no-default-dif-handler-call', token: 'SetupDiRemoveDevice' });
    maint.add('        return GetLastError();', '    }');
  } else {
    maint.add('    if (!SetupDiDeleteDevRegKey(DeviceInfoSet, DeviceInfoData, DICS_FLAG_GLOBAL, 0, DIREG_DRV)) {', '        return GetLastError();', '    }');
  }
  maint.add('    return NO_ERROR;', '}', '');
  maint.add('DWORD OnRegisterCoInstallers(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, HSPFILEQ Queue)', '{', '    SP_DEVINSTALL_PARAMS_W params;', '');
  if (p.queue) {
    maint.plant(`    SetupQueueCopyW(Queue, L"C:\\\\${vendor}", NULL, L"${base}.ini", NULL, NULL,`, { ruleId: 'no-file-queue-call', token: 'SetupQueueCopyW' });
    maint.add('                    L"C:\\\\Windows\\\\INF", NULL, SP_COPY_NEWER);');
  } else {
    maint.add('    UNREFERENCED_PARAMETER(Queue);');
  }
  maint.add('    params.cbSize = sizeof(params);', '    if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params)) {');
  if (p.flag) maint.plant('        params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;', { ruleId: 'finish-install-flag-placement', token: 'FlagsEx' });
  else maint.add('        params.Flags |= DI_NEEDREBOOT;');
  maint.add('        SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);', '    }', '    return NO_ERROR;', '}', '');
  prototypes.push('DWORD OnRemoveDevice(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData);');
  prototypes.push('DWORD OnRegisterCoInstallers(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, HSPFILEQ Queue);');
}

function writeState({ src, inc, file, prototypes }: ModuleContext): void {
  const state = file(`${src}/state.c`);
  state.add('/* Installation state kept as a value in the driver key (DIREG_DRV): compliant. */', `#include "${inc}"`, '');
  state.add(
    'BOOL SaveInstallState(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, DWORD Value)',
    '{',
    '    HKEY key = SetupDiOpenDevRegKey(DeviceInfoSet, DeviceInfoData, DICS_FLAG_GLOBAL, 0, DIREG_DRV, KEY_SET_VALUE);',
    '    LONG status;',
    '',
    '    if (key == INVALID_HANDLE_VALUE) {',
    '        return FALSE;',
    '    }',
    '    status = RegSetValueExW(key, L"InstallState", 0, REG_DWORD, (const BYTE *)&Value, sizeof(Value));',
    '    RegCloseKey(key);',
    '    return status == ERROR_SUCCESS;',
    '}',
    '',
  );
  prototypes.push('BOOL SaveInstallState(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, DWORD Value);');
}
