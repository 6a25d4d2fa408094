/**
 * One generated installer module (a co-installer or class installer DLL): the entry point file
 * (a switch or an if-chain over the DIF code), UI, process, service, maintenance and state
 * helpers, filler files, a header, a .def and an .inf. Violations of the guidelines are planted
 * by chance, each recorded where the rule reports it (docs/installer-facts.md, docs/rules/):
 * calls at the callee's name, state at the written variable, DIF codes and return values at the
 * constant, the finish-install flag at the assignment, the INF at the section name and the value.
 */
import { fillerName, fillerPrototype, writeFiller, writeTable } from './filler.js';
import { Random } from './random.js';
import { SourceBuilder, type PlantedFinding } from './source-builder.js';

export interface GeneratedFile {
  /** Relative to the corpus root, forward slashes. */
  path: string;
  text: string;
}

export interface GeneratedModule {
  files: GeneratedFile[];
  findings: PlantedFinding[];
}

const VENDORS = ['Contoso', 'Fabrikam', 'Litware', 'Northwind', 'Tailspin', 'Wingtip', 'Adatum', 'Proseware', 'Woodgrove', 'Humongous'];
const DEVICES = ['Sensor', 'Camera', 'Dock', 'Reader', 'Tuner', 'Pad', 'Bridge', 'Hub', 'Scope', 'Meter'];

type Kind = 'co' | 'class';

interface Plan {
  kind: Kind;
  style: 'switch' | 'if';
  signature: 'sal' | 'inout' | 'plain';
  eol: '\n' | '\r\n';
  subfolder: boolean;
  pragma: boolean;
  state: boolean;
  load: boolean;
  process: boolean;
  ui: boolean;
  readme: boolean;
  service: boolean;
  windowstation: boolean;
  defaultHandler: boolean;
  queue: boolean;
  flag: boolean;
  reserved: boolean;
  unhandled: boolean;
}

function plan(rng: Random): Plan {
  const kind: Kind = rng.chance(0.8) ? 'co' : 'class';
  const co = kind === 'co';
  return {
    kind,
    style: rng.chance(0.6) ? 'switch' : 'if',
    signature: rng.pick(['sal', 'inout', 'plain'] as const),
    eol: rng.chance(0.3) ? '\r\n' : '\n',
    subfolder: rng.chance(0.3),
    pragma: rng.chance(0.3),
    state: rng.chance(0.5),
    load: rng.chance(0.4),
    process: rng.chance(0.4),
    ui: rng.chance(0.6),
    readme: rng.chance(0.4),
    service: rng.chance(0.4),
    windowstation: rng.chance(0.3),
    defaultHandler: co && rng.chance(0.4),
    queue: co && rng.chance(0.4),
    flag: co && rng.chance(0.3),
    reserved: rng.chance(0.3),
    unhandled: co && rng.chance(0.5),
  };
}

/** The seed of module `index` of the corpus of `seed`: a module does not depend on the others. */
export function moduleSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

export function generateModule(seed: number, index: number, approxBytes: number): GeneratedModule {
  const rng = new Random(moduleSeed(seed, index));
  const p = plan(rng);
  const vendor = rng.pick(VENDORS);
  const device = rng.pick(DEVICES);
  const base = `${vendor.toLowerCase()}${device.toLowerCase()}${index}`;
  const dir = `v${String(Math.floor(index / 50)).padStart(3, '0')}/${base}`;
  const src = p.subfolder ? `${dir}/src` : dir;
  const inc = p.subfolder ? `../${base}.h` : `${base}.h`;
  const entry = p.kind === 'co' ? `${vendor}${device}CoInstaller` : `${vendor}${device}ClassInstall`;
  const files: SourceBuilder[] = [];
  const file = (path: string) => {
    const b = new SourceBuilder(path);
    files.push(b);
    return b;
  };
  const prototypes: string[] = [];

  // ---- filler files: the bulk, with chains the entry point reaches
  const fillerFiles = rng.int(2, 5);
  const perFile = Math.max(3, Math.round(approxBytes / 800 / fillerFiles));
  let fillerIndex = 0;
  let firstFiller = '';
  for (let f = 0; f < fillerFiles; f++) {
    const name = rng.pick(['util', 'registry', 'config', 'strings', 'device', 'log', 'tables', 'policy']);
    const out = file(`${src}/${name}${f}.c`);
    out.add(`/* ${vendor} ${device} installer: ${name} helpers. */`, `#include "${inc}"`, '');
    const table = rng.chance(0.5) ? `k${name}Table${f}` : undefined;
    if (table) writeTable(out, rng, table);
    const names = Array.from({ length: perFile }, () => fillerName(rng, vendor, fillerIndex++));
    names.forEach((n, i) => {
      prototypes.push(fillerPrototype(n));
      writeFiller(out, rng, n, i + 1 < names.length && rng.chance(0.7) ? names[i + 1] : undefined, table);
    });
    if (f === 0) firstFiller = names[0];
  }

  // ---- UI helpers
  const ui = file(`${src}/ui.c`);
  ui.add(`/* User interface helpers of the ${vendor} ${device} installer. */`, `#include "${inc}"`, '', '/* Whoever calls it shows a message box. */', 'void ShowInstallNotice(void)', '{');
  ui.plant(`    MessageBoxW(NULL, L"The ${device} is being installed.", L"${vendor} Setup", MB_OK | MB_ICONINFORMATION);`, ...(p.ui ? [{ ruleId: 'no-ui-outside-finish-install', token: 'MessageBoxW' }] : []));
  ui.add('}', '', '/* Called from the finish-install action only: interactive, UI is fine. */', 'void ShowCompletion(void)', '{');
  ui.add(`    MessageBoxW(NULL, L"${vendor} ${device} software is ready.", L"${vendor} Setup", MB_OK);`, '}', '');
  prototypes.push('void ShowInstallNotice(void);', 'void ShowCompletion(void);');

  // ---- process helpers
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

  // ---- service and maintenance helpers
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
  if (p.flag) maint.plant('        params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;', { ruleId: 'finish-install-flag-placement', token: 'params.FlagsEx' });
  else maint.add('        params.Flags |= DI_NEEDREBOOT;');
  maint.add('        SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);', '    }', '    return NO_ERROR;', '}', '');
  prototypes.push('DWORD OnRemoveDevice(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData);');
  prototypes.push('DWORD OnRegisterCoInstallers(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, HSPFILEQ Queue);');

  // ---- state in the driver key (compliant)
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

  // ---- the entry point file
  const main = file(`${dir}/${base}.c`);
  main.add('/*', ` * ${vendor} ${device} ${p.kind === 'co' ? 'co-installer' : 'class installer'}: entry point.`, ' */', `#include "${base}.h"`, '');
  main.add('#pragma comment(lib, "setupapi.lib")');
  if (p.pragma) main.plant(`#pragma comment(lib, "${base}util.lib")`, { ruleId: 'no-dll-load', token: 'comment' });
  main.add('', 'static HMODULE g_Module;');
  if (p.state) main.add('static DWORD g_InstallCount;');
  main.add(
    '',
    'BOOL WINAPI DllMain(HINSTANCE Instance, DWORD Reason, LPVOID Reserved)',
    '{',
    '    UNREFERENCED_PARAMETER(Reserved);',
    '    if (Reason == DLL_PROCESS_ATTACH) {',
    '        g_Module = Instance;',
    '        DisableThreadLibraryCalls(Instance);',
    '    }',
    '    return TRUE;',
    '}',
    '',
    'static DWORD OnInstallDevice(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
    '{',
    '    DWORD status;',
  );
  if (p.load) main.add('    HMODULE helper;');
  main.add('');
  if (p.state) main.plant('    g_InstallCount++;', { ruleId: 'no-state-in-dll', token: 'g_InstallCount' });
  main.add(`    status = ${firstFiller}(DeviceInfoSet, DeviceInfoData);`, '    SaveInstallState(DeviceInfoSet, DeviceInfoData, status);');
  if (p.load) {
    main.plant(`    helper = LoadLibraryW(L"${base}ext.dll");`, { ruleId: 'no-dll-load', token: 'LoadLibraryW' });
    main.add('    if (helper != NULL) {', '        FreeLibrary(helper);', '    }');
  }
  if (p.process) main.add('    StartCompanion();');
  if (p.ui) main.add('    ShowInstallNotice();');
  main.add('    return status;', '}', '');
  main.add(
    'static DWORD RequestFinishInstallAction(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
    '{',
    '    SP_DEVINSTALL_PARAMS_W params;',
    '',
    '    params.cbSize = sizeof(params);',
    '    if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params)) {',
    '        params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;',
    '        SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  );
  const [dif, set, data, ctx] =
    p.signature === 'sal'
      ? ['_In_ DI_FUNCTION', '_In_ HDEVINFO', '_In_ PSP_DEVINFO_DATA', '_Inout_opt_ PCOINSTALLER_CONTEXT_DATA']
      : p.signature === 'inout'
        ? ['IN DI_FUNCTION', 'IN HDEVINFO', 'IN PSP_DEVINFO_DATA', 'IN OUT PCOINSTALLER_CONTEXT_DATA']
        : ['UINT', 'HDEVINFO', 'PSP_DEVINFO_DATA', 'PCOINSTALLER_CONTEXT_DATA'];
  main.add('DWORD CALLBACK', `${entry}(${dif} InstallFunction,`, `${' '.repeat(entry.length)} ${set} DeviceInfoSet,`);
  if (p.kind === 'co') main.add(`${' '.repeat(entry.length)} ${data} DeviceInfoData,`, `${' '.repeat(entry.length)} ${ctx} Context)`);
  else main.add(`${' '.repeat(entry.length)} ${data} DeviceInfoData)`);
  main.add('{');
  if (p.kind === 'co') main.add('    UNREFERENCED_PARAMETER(Context);', '');
  const handlers: [string, string[]][] = [
    ['DIF_INSTALLDEVICE', ['return OnInstallDevice(DeviceInfoSet, DeviceInfoData);']],
    ['DIF_NEWDEVICEWIZARD_FINISHINSTALL', ['return RequestFinishInstallAction(DeviceInfoSet, DeviceInfoData);']],
    ['DIF_FINISHINSTALL_ACTION', ['ShowCompletion();', ...(p.readme ? ['LaunchReadme();'] : []), 'return RunUpdater();']],
    ['DIF_REMOVE', ['return OnRemoveDevice(DeviceInfoSet, DeviceInfoData);']],
    ['DIF_PROPERTYCHANGE', ['return OnPropertyChange();']],
  ];
  if (p.kind === 'co') handlers.push(['DIF_REGISTER_COINSTALLERS', ['return OnRegisterCoInstallers(DeviceInfoSet, DeviceInfoData, NULL);']]);
  const unhandled = p.kind === 'class' || p.unhandled ? 'ERROR_DI_DO_DEFAULT' : 'NO_ERROR';
  const unhandledMarks = p.unhandled ? [{ ruleId: 'unhandled-dif-return-code', token: 'ERROR_DI_DO_DEFAULT' }] : [];
  const reservedCode = rng.pick(['DIF_ASSIGNRESOURCES', 'DIF_CALCDISKSPACE', 'DIF_DETECTVERIFY', 'DIF_ENABLECLASS']);
  if (p.style === 'switch') {
    main.add('    switch (InstallFunction) {');
    for (const [code, body] of handlers) main.add(`    case ${code}:`, ...body.map((b) => `        ${b}`), '');
    if (p.reserved) {
      main.plant(`    case ${reservedCode}:`, { ruleId: 'no-reserved-dif-code', token: reservedCode });
      main.add('        return NO_ERROR;', '');
    }
    main.add('    default:');
    main.plant(`        return ${unhandled};`, ...unhandledMarks);
    main.add('    }', '}');
  } else {
    handlers.forEach(([code, body], i) => {
      main.add(`    ${i === 0 ? 'if' : '} else if'} (InstallFunction == ${code}) {`, ...body.map((b) => `        ${b}`));
    });
    if (p.reserved) {
      main.plant(`    } else if (InstallFunction == ${reservedCode}) {`, { ruleId: 'no-reserved-dif-code', token: reservedCode });
      main.add('        return NO_ERROR;');
    }
    main.add('    }');
    main.plant(`    return ${unhandled};`, ...unhandledMarks);
    main.add('}');
  }

  // ---- header, .def, .inf
  const guard = `${base.toUpperCase()}_H`;
  const header = file(`${dir}/${base}.h`);
  header.add(`/* ${vendor} ${device} installer: shared declarations. */`, `#ifndef ${guard}`, `#define ${guard}`, '', '#include <windows.h>', '#include <setupapi.h>', '');
  header.add('#ifndef DIF_FINISHINSTALL_ACTION', '#define DIF_FINISHINSTALL_ACTION 0x0000002A', '#endif');
  header.add('#ifndef DI_FLAGSEX_FINISHINSTALL_ACTION', '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x00000008L', '#endif', '');
  header.add(...prototypes, '', '#endif');

  const def = file(`${dir}/${base}.def`);
  def.add(`; Exports of the ${vendor} ${device} installer.`, `LIBRARY ${base}`, 'EXPORTS', `    ${entry}`);

  const inf = file(`${dir}/${base}.inf`);
  inf.add(
    `; ${vendor} ${device} driver package (legacy: it still ships an installer DLL).`,
    '[Version]',
    'Signature   = "$WINDOWS NT$"',
    `Class       = ${device}`,
    `ClassGuid   = {5175D334-C371-4806-B3BA-${String(100000000000 + index).slice(-12)}}`,
    `Provider    = %${vendor}%`,
    'DriverVer   = 11/24/2026,1.0.0.0',
    `CatalogFile = ${base}.cat`,
    '',
    '[Manufacturer]',
    `%${vendor}% = ${vendor}, NTamd64`,
    '',
    `[${vendor}.NTamd64]`,
    `%Device.DeviceDesc% = Device_Install, USB\\VID_0000&PID_${String(index % 10000).padStart(4, '0')}`,
    '',
    '[Device_Install.NT]',
    'CopyFiles = Device_CopyFiles',
    '',
  );
  const dll = `${base}.dll`;
  if (p.kind === 'co') {
    inf.plant('[Device_Install.NT.CoInstallers]', { ruleId: 'inf-no-legacy-installer', token: 'Device_Install.NT.CoInstallers' });
    inf.add('AddReg    = Device_CoInstaller_AddReg', 'CopyFiles = Device_CoInstaller_CopyFiles', '', '[Device_CoInstaller_AddReg]');
    inf.plant(`HKR,,CoInstallers32,0x00010000,"${dll},${entry}"`, { ruleId: 'inf-no-legacy-installer', token: '"' });
  } else {
    inf.plant('[ClassInstall32]', { ruleId: 'inf-no-legacy-installer', token: 'ClassInstall32' });
    inf.add('AddReg    = Class_AddReg', 'CopyFiles = Device_CoInstaller_CopyFiles', '', '[Class_AddReg]', `HKR,,,,%${vendor}.ClassName%`);
    inf.plant(`HKR,,Installer32,,"${dll},${entry}"`, { ruleId: 'inf-no-legacy-installer', token: '"' });
  }
  inf.add(
    '',
    '[Device_CopyFiles]',
    `${base}.sys`,
    '',
    '[Device_CoInstaller_CopyFiles]',
    dll,
    '',
    '[DestinationDirs]',
    'DefaultDestDir = 12',
    'Device_CoInstaller_CopyFiles = 11',
    '',
    '[SourceDisksNames]',
    '1 = %Disk%',
    '',
    '[SourceDisksFiles]',
    `${base}.sys = 1`,
    `${dll} = 1`,
    '',
    '[Strings]',
    `${vendor} = "${vendor} Ltd."`,
    `${vendor}.ClassName = "${vendor} ${device}s"`,
    `Device.DeviceDesc = "${vendor} ${device}"`,
    'Disk = "Installation Disk"',
  );

  return {
    files: files.map((f) => ({ path: f.file, text: f.text(p.eol) })),
    findings: files.flatMap((f) => f.findings),
  };
}
