/**
 * One generated installer module (a co-installer or class installer DLL): the entry point file
 * (a switch or an if-chain over the DIF code), UI, process, service, maintenance and state
 * helpers, filler files, a header, a .def and an .inf. Violations of the guidelines are planted
 * by chance, each recorded where the rule reports it (docs/installer-facts.md, docs/rules/):
 * calls at the callee's name, state at the written variable, DIF codes and return values at the
 * constant, the finish-install flag at the assignment, the INF at the section name and the value.
 */
import { fillerName, fillerPrototype, writeFiller, writeTable } from './filler.js';
import { writeHelperFiles } from './installer-helpers.js';
import { plan, type ModuleContext } from './module-plan.js';
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
  const files: SourceBuilder[] = [];
  const c: ModuleContext = {
    rng,
    p,
    vendor,
    device,
    base,
    dir,
    src: p.subfolder ? `${dir}/src` : dir,
    inc: p.subfolder ? `../${base}.h` : `${base}.h`,
    entry: p.kind === 'co' ? `${vendor}${device}CoInstaller` : `${vendor}${device}ClassInstall`,
    file: (path: string) => {
      const b = new SourceBuilder(path);
      files.push(b);
      return b;
    },
    prototypes: [],
  };
  const firstFiller = writeFillerFiles(c, approxBytes);
  writeHelperFiles(c);
  writeDispatch(c, writeEntryFile(c, firstFiller));
  writeHeaderAndDef(c);
  writeInf(c, index);
  return {
    files: files.map((f) => ({ path: f.file, text: f.text(p.eol) })),
    findings: files.flatMap((f) => f.findings),
  };
}

/** The filler files: the bulk, with chains the entry point reaches. Returns the first filler function. */
function writeFillerFiles({ rng, vendor, device, src, inc, file, prototypes }: ModuleContext, approxBytes: number): string {
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
  return firstFiller;
}

/** The entry point file up to the entry point: DllMain and the handlers it calls. */
function writeEntryFile({ p, base, dir, vendor, device, file }: ModuleContext, firstFiller: string): SourceBuilder {
  const main = file(`${dir}/${base}.c`);
  main.add('/*', ` * ${vendor} ${device} ${p.kind === 'co' ? 'co-installer' : 'class installer'}: entry point.`, ' */', `#include "${base}.h"`, '');
  main.add('#pragma comment(lib, "setupapi.lib")');
  if (p.pragma) main.plant(`#pragma comment(lib, "${base}util.lib")`, { ruleId: 'no-dll-load', token: '#' });
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
  return main;
}

/** The entry point, a switch or an if-chain over the DIF code, at the end of the entry point file. */
function writeDispatch({ rng, p, entry }: ModuleContext, main: SourceBuilder): void {
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
      // an answer other than the pass-through: handling the code (a case that only passes it on is not)
      main.plant(`    case ${reservedCode}:`, { ruleId: 'no-reserved-dif-code', token: reservedCode });
      main.add('        return ERROR_NOT_SUPPORTED;', '');
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
      main.add('        return ERROR_NOT_SUPPORTED;');
    }
    main.add('    }');
    main.plant(`    return ${unhandled};`, ...unhandledMarks);
    main.add('}');
  }
}

function writeHeaderAndDef({ vendor, device, base, dir, entry, file, prototypes }: ModuleContext): void {
  const guard = `${base.toUpperCase()}_H`;
  const header = file(`${dir}/${base}.h`);
  header.add(`/* ${vendor} ${device} installer: shared declarations. */`, `#ifndef ${guard}`, `#define ${guard}`, '', '#include <windows.h>', '#include <setupapi.h>', '');
  header.add('#ifndef DIF_FINISHINSTALL_ACTION', '#define DIF_FINISHINSTALL_ACTION 0x0000002A', '#endif');
  header.add('#ifndef DI_FLAGSEX_FINISHINSTALL_ACTION', '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x00000008L', '#endif', '');
  header.add(...prototypes, '', '#endif');

  const def = file(`${dir}/${base}.def`);
  def.add(`; Exports of the ${vendor} ${device} installer.`, `LIBRARY ${base}`, 'EXPORTS', `    ${entry}`);
}

function writeInf({ p, vendor, device, base, dir, entry, file }: ModuleContext, index: number): void {
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
    // one finding per registration, at its value, not at the section too (docs/rules/inf-no-legacy-installer.md)
    inf.add('[Device_Install.NT.CoInstallers]');
    inf.add('AddReg    = Device_CoInstaller_AddReg', 'CopyFiles = Device_CoInstaller_CopyFiles', '', '[Device_CoInstaller_AddReg]');
    inf.plant(`HKR,,CoInstallers32,0x00010000,"${dll},${entry}"`, { ruleId: 'inf-no-legacy-installer', token: '"' });
  } else {
    inf.add('[ClassInstall32]');
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
}
