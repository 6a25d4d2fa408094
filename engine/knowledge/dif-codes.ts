/**
 * Device installation function (DIF) codes: value, what the code asks for, and whether an
 * installer may interact with the user while handling it. From
 * docs/installer-facts.md#dif-codes-and-interactivity and setupapi.h. Used by hovers and explanations; the
 * rules' own notion of interactivity lives in the installer model, which reads numeric guards
 * (`case 0x2A:`) with difCodeName.
 */

/**
 * - `yes`: runs in an interactive context (UI, processes and threads allowed).
 * - `pages`: the handler itself must not show UI, but the wizard or property pages it adds are interactive.
 * - `conditional`: UI only when DI_QUIETINSTALL is clear (the older, weaker guard).
 * - `no`: core installation or not guaranteed interactive: no UI, no processes.
 * - `reserved`: reserved for the system: vendor installers must not handle it at all.
 */
export type DifInteractivity = 'yes' | 'pages' | 'conditional' | 'no' | 'reserved';

export interface DifCodeInfo {
  name: string;
  value: number;
  meaning: string;
  interactivity: DifInteractivity;
  /** A note on who receives it or what to do under it. */
  note?: string;
}

/**
 * The DIF codes setupapi.h defines, with their values (for guards written with numbers: `case 0x2A:`);
 * left out: DIF_MOVEDEVICE (0x0E, obsolete), DIF_UNUSED1 (0x1F) and DIF_RESERVED1 (0x25).
 */
const DIF_VALUES: ReadonlyMap<string, number> = new Map([
  ['DIF_SELECTDEVICE', 0x01],
  ['DIF_INSTALLDEVICE', 0x02],
  ['DIF_ASSIGNRESOURCES', 0x03],
  ['DIF_PROPERTIES', 0x04],
  ['DIF_REMOVE', 0x05],
  ['DIF_FIRSTTIMESETUP', 0x06],
  ['DIF_FOUNDDEVICE', 0x07],
  ['DIF_SELECTCLASSDRIVERS', 0x08],
  ['DIF_VALIDATECLASSDRIVERS', 0x09],
  ['DIF_INSTALLCLASSDRIVERS', 0x0a],
  ['DIF_CALCDISKSPACE', 0x0b],
  ['DIF_DESTROYPRIVATEDATA', 0x0c],
  ['DIF_VALIDATEDRIVER', 0x0d],
  ['DIF_DETECT', 0x0f],
  ['DIF_INSTALLWIZARD', 0x10],
  ['DIF_DESTROYWIZARDDATA', 0x11],
  ['DIF_PROPERTYCHANGE', 0x12],
  ['DIF_ENABLECLASS', 0x13],
  ['DIF_DETECTVERIFY', 0x14],
  ['DIF_INSTALLDEVICEFILES', 0x15],
  ['DIF_UNREMOVE', 0x16],
  ['DIF_SELECTBESTCOMPATDRV', 0x17],
  ['DIF_ALLOW_INSTALL', 0x18],
  ['DIF_REGISTERDEVICE', 0x19],
  ['DIF_NEWDEVICEWIZARD_PRESELECT', 0x1a],
  ['DIF_NEWDEVICEWIZARD_SELECT', 0x1b],
  ['DIF_NEWDEVICEWIZARD_PREANALYZE', 0x1c],
  ['DIF_NEWDEVICEWIZARD_POSTANALYZE', 0x1d],
  ['DIF_NEWDEVICEWIZARD_FINISHINSTALL', 0x1e],
  ['DIF_INSTALLINTERFACES', 0x20],
  ['DIF_DETECTCANCEL', 0x21],
  ['DIF_REGISTER_COINSTALLERS', 0x22],
  ['DIF_ADDPROPERTYPAGE_ADVANCED', 0x23],
  ['DIF_ADDPROPERTYPAGE_BASIC', 0x24],
  ['DIF_TROUBLESHOOTER', 0x26],
  ['DIF_POWERMESSAGEWAKE', 0x27],
  ['DIF_ADDREMOTEPROPERTYPAGE_ADVANCED', 0x28],
  ['DIF_UPDATEDRIVER_UI', 0x29],
  ['DIF_FINISHINSTALL_ACTION', 0x2a],
]);

const NAMES_BY_VALUE: ReadonlyMap<number, string> = new Map([...DIF_VALUES].map(([name, value]) => [value, name]));

/** The name of the DIF code with this value, if setupapi.h defines one. */
export function difCodeName(value: number): string | undefined {
  return NAMES_BY_VALUE.get(value);
}

/** Value filled in from DIF_VALUES. */
const table: Omit<DifCodeInfo, 'value'>[] = [
  { name: 'DIF_SELECTDEVICE', interactivity: 'pages', meaning: 'The user chooses a driver manually (the "Select Device" dialog).', note: 'Class installers only; co-installers must not show UI.' },
  { name: 'DIF_INSTALLDEVICE', interactivity: 'no', meaning: 'Install the selected driver on the device.' },
  { name: 'DIF_ASSIGNRESOURCES', interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_PROPERTIES', interactivity: 'no', meaning: 'Obsolete (property pages are added under DIF_ADDPROPERTYPAGE_ADVANCED).' },
  { name: 'DIF_REMOVE', interactivity: 'conditional', meaning: 'Remove the device.', note: 'May be quiet: UI only when DI_QUIETINSTALL is clear.' },
  { name: 'DIF_FIRSTTIMESETUP', interactivity: 'no', meaning: 'Detect devices during the first setup of the system.' },
  { name: 'DIF_FOUNDDEVICE', interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_INSTALLCLASSDRIVERS', interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_CALCDISKSPACE', interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_DESTROYPRIVATEDATA', interactivity: 'no', meaning: 'Free private data (ClassInstallReserved) kept for the device information set.' },
  { name: 'DIF_DETECT', interactivity: 'no', meaning: 'Detect non-PnP devices of the class.' },
  { name: 'DIF_PROPERTYCHANGE', interactivity: 'no', meaning: 'The device is enabled, disabled, started, stopped or its properties changed.' },
  { name: 'DIF_ENABLECLASS', interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_DETECTVERIFY', interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_INSTALLDEVICEFILES', interactivity: 'no', meaning: 'Copy (or queue) the driver files for the device.' },
  { name: 'DIF_UNREMOVE', interactivity: 'no', meaning: 'Restore a device that was removed from a hardware profile.' },
  { name: 'DIF_SELECTBESTCOMPATDRV', interactivity: 'no', meaning: 'Select the best compatible driver for the device.' },
  { name: 'DIF_ALLOW_INSTALL', interactivity: 'conditional', meaning: 'Ask whether the selected driver may be installed.', note: 'May be quiet: UI only when DI_QUIETINSTALL is clear. Device co-installers never receive it.' },
  { name: 'DIF_REGISTERDEVICE', interactivity: 'no', meaning: 'Register a newly detected non-PnP device.' },
  { name: 'DIF_NEWDEVICEWIZARD_PRESELECT', interactivity: 'pages', meaning: 'Add wizard pages shown before the select-driver page of a manual install.', note: 'Class co-installers only; UI only inside the pages added.' },
  { name: 'DIF_NEWDEVICEWIZARD_SELECT', interactivity: 'pages', meaning: 'Add wizard pages replacing the select-driver page of a manual install.', note: 'Class co-installers only; UI only inside the pages added.' },
  { name: 'DIF_NEWDEVICEWIZARD_PREANALYZE', interactivity: 'pages', meaning: 'Add wizard pages shown before the analyze page of a manual install.', note: 'Class co-installers only; UI only inside the pages added.' },
  { name: 'DIF_NEWDEVICEWIZARD_POSTANALYZE', interactivity: 'pages', meaning: 'Add wizard pages shown after the analyze page of a manual install.', note: 'Class co-installers only; UI only inside the pages added.' },
  { name: 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', interactivity: 'pages', meaning: 'Installation is done: request a finish-install action (DI_FLAGSEX_FINISHINSTALL_ACTION) or add finish-install wizard pages.', note: 'May run non-interactively: the handler must not show UI itself; the pages it creates run later in the wizard.' },
  { name: 'DIF_INSTALLINTERFACES', interactivity: 'no', meaning: 'Register the device interfaces the INF lists.' },
  { name: 'DIF_DETECTCANCEL', interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_REGISTER_COINSTALLERS', interactivity: 'no', meaning: 'Register the device co-installers the INF lists.' },
  { name: 'DIF_ADDPROPERTYPAGE_ADVANCED', interactivity: 'pages', meaning: 'The user opened the device\'s Properties in Device Manager: add property pages.', note: 'The handler adds pages; the page procedures are interactive.' },
  { name: 'DIF_ADDPROPERTYPAGE_BASIC', interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_POWERMESSAGEWAKE', interactivity: 'no', meaning: 'Supply the text of the power-management "wake" page.' },
  { name: 'DIF_UPDATEDRIVER_UI', interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_FINISHINSTALL_ACTION', interactivity: 'yes', meaning: 'Run the finish-install action requested under DIF_NEWDEVICEWIZARD_FINISHINSTALL (Windows Vista and later).', note: 'Interactive, as an administrator, after all other installation work: UI and processes are allowed; wait for what you start.' },
];

export const DIF_CODES: ReadonlyMap<string, DifCodeInfo> = new Map(table.map((c) => [c.name, { ...c, value: DIF_VALUES.get(c.name)! }]));

export function difCodeInfo(name: string): DifCodeInfo | undefined {
  return DIF_CODES.get(name);
}

export function describeInteractivity(i: DifInteractivity): string {
  switch (i) {
    case 'yes':
      return 'Interactive: user interface and processes are allowed.';
    case 'pages':
      return 'Not interactive in the handler itself; only the pages it adds run interactively.';
    case 'conditional':
      return 'May be quiet: user interface only when DI_QUIETINSTALL is clear (core installation is still non-interactive).';
    case 'no':
      return 'Not interactive: core installation (or not guaranteed interactive); no user interface, no processes.';
    case 'reserved':
      return 'Reserved for the system: vendor installers must not handle it.';
  }
}
