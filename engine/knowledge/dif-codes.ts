/**
 * Device installation function (DIF) codes: every code setupapi.h defines, with its value, what it
 * asks for, and whether an installer may interact with the user while handling it, each with the
 * row of docs/installer-facts.md#dif-codes-and-interactivity (or #reserved-dif-codes) it comes
 * from. The one home of interactivity per code: the installer model (engine/model/dif-facts.ts,
 * propagation.ts) and the rules read it from here, the hovers show it.
 */

/**
 * - `yes`: runs in an interactive context (UI, processes and threads allowed).
 * - `class-installer`: interactive in a class installer's handler; co-installers must not show UI.
 * - `pages`: the handler itself must not show UI, but the wizard or property pages it adds are interactive.
 * - `conditional`: UI only on a path where DI_QUIETINSTALL was tested clear (or
 *   SetupGetNonInteractiveMode returned FALSE); never processes.
 * - `no`: core installation or not guaranteed interactive: no UI, no processes.
 * - `reserved`: reserved for the system: vendor installers must not handle it at all.
 */
export type DifInteractivity = 'yes' | 'class-installer' | 'pages' | 'conditional' | 'no' | 'reserved';

export interface DifCodeInfo {
  name: string;
  value: number;
  meaning: string;
  interactivity: DifInteractivity;
  /** Where the interactivity comes from: a row or section of docs/installer-facts.md. */
  source: string;
  /** A note on who receives it or what to do under it. */
  note?: string;
}

const FACTS = 'docs/installer-facts.md#dif-codes-and-interactivity';
/** The row of the interactivity table that names the code. */
const row = (code: string) => `${FACTS}, row ${code}`;
const CORE = `${row('DIF_INSTALLDEVICE')} (the core installation codes)`;
const WIZARD = `${row('DIF_NEWDEVICEWIZARD_PRESELECT')} (with _SELECT, _PREANALYZE, _POSTANALYZE)`;
const UNLISTED = `${FACTS}, "any other code" (no row of its own)`;
const RESERVED = 'docs/installer-facts.md#reserved-dif-codes';
const UNDOCUMENTED = 'Not in the interactivity table of docs/installer-facts.md: treated as any other code.';

/** Every DIF code of setupapi.h, by value (`case 0x2A:` is named from here). */
const table: DifCodeInfo[] = [
  { name: 'DIF_SELECTDEVICE', value: 0x01, interactivity: 'class-installer', source: row('DIF_SELECTDEVICE'), meaning: 'The user chooses a driver manually (the "Select Device" dialog).', note: 'Class installers may show UI; co-installers must not.' },
  { name: 'DIF_INSTALLDEVICE', value: 0x02, interactivity: 'no', source: CORE, meaning: 'Install the selected driver on the device.' },
  { name: 'DIF_ASSIGNRESOURCES', value: 0x03, interactivity: 'reserved', source: RESERVED, meaning: 'Reserved for the system.' },
  { name: 'DIF_PROPERTIES', value: 0x04, interactivity: 'no', source: UNLISTED, meaning: 'Obsolete (property pages are added under DIF_ADDPROPERTYPAGE_ADVANCED).' },
  { name: 'DIF_REMOVE', value: 0x05, interactivity: 'conditional', source: row('DIF_REMOVE'), meaning: 'Remove the device.', note: 'May be quiet: UI only when DI_QUIETINSTALL is clear.' },
  { name: 'DIF_FIRSTTIMESETUP', value: 0x06, interactivity: 'no', source: CORE, meaning: 'Detect devices during the first setup of the system.' },
  { name: 'DIF_FOUNDDEVICE', value: 0x07, interactivity: 'reserved', source: RESERVED, meaning: 'Reserved for the system.' },
  { name: 'DIF_SELECTCLASSDRIVERS', value: 0x08, interactivity: 'no', source: UNLISTED, meaning: 'Select drivers for the devices of a class.', note: UNDOCUMENTED },
  { name: 'DIF_VALIDATECLASSDRIVERS', value: 0x09, interactivity: 'no', source: UNLISTED, meaning: 'Check the drivers selected for the devices of a class.', note: UNDOCUMENTED },
  { name: 'DIF_INSTALLCLASSDRIVERS', value: 0x0a, interactivity: 'reserved', source: RESERVED, meaning: 'Reserved for the system.' },
  { name: 'DIF_CALCDISKSPACE', value: 0x0b, interactivity: 'reserved', source: RESERVED, meaning: 'Reserved for the system.' },
  { name: 'DIF_DESTROYPRIVATEDATA', value: 0x0c, interactivity: 'no', source: CORE, meaning: 'Free private data (ClassInstallReserved) kept for the device information set.' },
  { name: 'DIF_VALIDATEDRIVER', value: 0x0d, interactivity: 'no', source: UNLISTED, meaning: 'Check the selected driver.', note: UNDOCUMENTED },
  { name: 'DIF_MOVEDEVICE', value: 0x0e, interactivity: 'no', source: UNLISTED, meaning: 'Obsolete (setupapi.h keeps the value).' },
  { name: 'DIF_DETECT', value: 0x0f, interactivity: 'no', source: CORE, meaning: 'Detect non-PnP devices of the class.' },
  { name: 'DIF_INSTALLWIZARD', value: 0x10, interactivity: 'no', source: UNLISTED, meaning: 'Obsolete (wizard pages are added under the DIF_NEWDEVICEWIZARD_* codes).', note: UNDOCUMENTED },
  { name: 'DIF_DESTROYWIZARDDATA', value: 0x11, interactivity: 'no', source: UNLISTED, meaning: 'Obsolete (frees what DIF_INSTALLWIZARD allocated).', note: UNDOCUMENTED },
  { name: 'DIF_PROPERTYCHANGE', value: 0x12, interactivity: 'no', source: CORE, meaning: 'The device is enabled, disabled, started, stopped or its properties changed.' },
  { name: 'DIF_ENABLECLASS', value: 0x13, interactivity: 'reserved', source: RESERVED, meaning: 'Reserved for the system.' },
  { name: 'DIF_DETECTVERIFY', value: 0x14, interactivity: 'reserved', source: RESERVED, meaning: 'Reserved for the system.' },
  { name: 'DIF_INSTALLDEVICEFILES', value: 0x15, interactivity: 'no', source: CORE, meaning: 'Copy (or queue) the driver files for the device.' },
  { name: 'DIF_UNREMOVE', value: 0x16, interactivity: 'no', source: CORE, meaning: 'Restore a device that was removed from a hardware profile.' },
  { name: 'DIF_SELECTBESTCOMPATDRV', value: 0x17, interactivity: 'no', source: CORE, meaning: 'Select the best compatible driver for the device.' },
  { name: 'DIF_ALLOW_INSTALL', value: 0x18, interactivity: 'conditional', source: row('DIF_ALLOW_INSTALL'), meaning: 'Ask whether the selected driver may be installed.', note: 'May be quiet: UI only when DI_QUIETINSTALL is clear. Device co-installers never receive it.' },
  { name: 'DIF_REGISTERDEVICE', value: 0x19, interactivity: 'no', source: CORE, meaning: 'Register a newly detected non-PnP device.' },
  { name: 'DIF_NEWDEVICEWIZARD_PRESELECT', value: 0x1a, interactivity: 'pages', source: WIZARD, meaning: 'Add wizard pages shown before the select-driver page of a manual install.', note: 'Class co-installers only; UI only inside the pages added.' },
  { name: 'DIF_NEWDEVICEWIZARD_SELECT', value: 0x1b, interactivity: 'pages', source: WIZARD, meaning: 'Add wizard pages replacing the select-driver page of a manual install.', note: 'Class co-installers only; UI only inside the pages added.' },
  { name: 'DIF_NEWDEVICEWIZARD_PREANALYZE', value: 0x1c, interactivity: 'pages', source: WIZARD, meaning: 'Add wizard pages shown before the analyze page of a manual install.', note: 'Class co-installers only; UI only inside the pages added.' },
  { name: 'DIF_NEWDEVICEWIZARD_POSTANALYZE', value: 0x1d, interactivity: 'pages', source: WIZARD, meaning: 'Add wizard pages shown after the analyze page of a manual install.', note: 'Class co-installers only; UI only inside the pages added.' },
  { name: 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', value: 0x1e, interactivity: 'pages', source: row('DIF_NEWDEVICEWIZARD_FINISHINSTALL'), meaning: 'Installation is done: request a finish-install action (DI_FLAGSEX_FINISHINSTALL_ACTION) or add finish-install wizard pages.', note: 'May run non-interactively: the handler must not show UI itself; the pages it creates run later in the wizard.' },
  { name: 'DIF_UNUSED1', value: 0x1f, interactivity: 'no', source: UNLISTED, meaning: 'Unused (a placeholder value in setupapi.h).' },
  { name: 'DIF_INSTALLINTERFACES', value: 0x20, interactivity: 'no', source: CORE, meaning: 'Register the device interfaces the INF lists.' },
  { name: 'DIF_DETECTCANCEL', value: 0x21, interactivity: 'reserved', source: RESERVED, meaning: 'Reserved for the system.' },
  { name: 'DIF_REGISTER_COINSTALLERS', value: 0x22, interactivity: 'no', source: CORE, meaning: 'Register the device co-installers the INF lists.' },
  { name: 'DIF_ADDPROPERTYPAGE_ADVANCED', value: 0x23, interactivity: 'pages', source: row('DIF_ADDPROPERTYPAGE_ADVANCED'), meaning: 'The user opened the device\'s Properties in Device Manager: add property pages.', note: 'The handler adds pages; the page procedures are interactive.' },
  { name: 'DIF_ADDPROPERTYPAGE_BASIC', value: 0x24, interactivity: 'reserved', source: RESERVED, meaning: 'Reserved for the system.' },
  { name: 'DIF_RESERVED1', value: 0x25, interactivity: 'no', source: UNLISTED, meaning: 'Unused (a placeholder value in setupapi.h).' },
  { name: 'DIF_TROUBLESHOOTER', value: 0x26, interactivity: 'yes', source: row('DIF_TROUBLESHOOTER'), meaning: 'The user asked for the device\'s troubleshooter in Device Manager (Windows 2000 to Server 2003).', note: 'Interactive: the handler may start a troubleshooter.' },
  { name: 'DIF_POWERMESSAGEWAKE', value: 0x27, interactivity: 'no', source: CORE, meaning: 'Supply the text of the power-management "wake" page.' },
  { name: 'DIF_ADDREMOTEPROPERTYPAGE_ADVANCED', value: 0x28, interactivity: 'pages', source: row('DIF_ADDREMOTEPROPERTYPAGE_ADVANCED'), meaning: 'The user opened the Properties of a device of a remote computer: add property pages.', note: 'As DIF_ADDPROPERTYPAGE_ADVANCED: the handler adds pages; the page procedures are interactive.' },
  { name: 'DIF_UPDATEDRIVER_UI', value: 0x29, interactivity: 'reserved', source: RESERVED, meaning: 'Reserved for the system.' },
  { name: 'DIF_FINISHINSTALL_ACTION', value: 0x2a, interactivity: 'yes', source: row('DIF_FINISHINSTALL_ACTION'), meaning: 'Run the finish-install action requested under DIF_NEWDEVICEWIZARD_FINISHINSTALL (Windows Vista and later).', note: 'Interactive, as an administrator, after all other installation work: UI and processes are allowed; wait for what you start.' },
  { name: 'DIF_RESERVED2', value: 0x30, interactivity: 'no', source: UNLISTED, meaning: 'Unused (a placeholder value in setupapi.h).' },
];

export const DIF_CODES: ReadonlyMap<string, DifCodeInfo> = new Map(table.map((c) => [c.name, c]));

const NAMES_BY_VALUE: ReadonlyMap<number, string> = new Map(table.map((c) => [c.value, c.name]));

/** The name of the DIF code with this value, if setupapi.h defines one. */
export function difCodeName(value: number): string | undefined {
  return NAMES_BY_VALUE.get(value);
}

export function difCodeInfo(name: string): DifCodeInfo | undefined {
  return DIF_CODES.get(name);
}

/** A code's interactivity; a name setupapi.h does not define is "any other code": `no`. */
export function difInteractivity(code: string): DifInteractivity {
  return DIF_CODES.get(code)?.interactivity ?? 'no';
}

/** The codes whose handlers add wizard or property pages: the pages' procedures run interactively. */
export const PAGE_DIF_CODES: ReadonlySet<string> = new Set(table.filter((c) => c.interactivity === 'pages').map((c) => c.name));

export function describeInteractivity(i: DifInteractivity): string {
  switch (i) {
    case 'yes':
      return 'Interactive: user interface and processes are allowed.';
    case 'class-installer':
      return 'Interactive for a class installer; a co-installer must not show user interface.';
    case 'pages':
      return 'Not interactive in the handler itself; only the pages it adds run interactively.';
    case 'conditional':
      return 'May be quiet: user interface only after testing that DI_QUIETINSTALL is clear (or that SetupGetNonInteractiveMode returns FALSE); no processes.';
    case 'no':
      return 'Not interactive: core installation (or not guaranteed interactive); no user interface, no processes.';
    case 'reserved':
      return 'Reserved for the system: vendor installers must not handle it.';
  }
}
