/**
 * Device installation function (DIF) codes: value, what the code asks for, and whether an
 * installer may interact with the user while handling it. From the domain notes
 * (installer-guidelines.md, section 2) and setupapi.h. Used by hovers and explanations; the
 * rules' own notion of interactivity lives in the installer model.
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

const table: DifCodeInfo[] = [
  { name: 'DIF_SELECTDEVICE', value: 0x01, interactivity: 'pages', meaning: 'The user chooses a driver manually (the "Select Device" dialog).', note: 'Class installers only; co-installers must not show UI.' },
  { name: 'DIF_INSTALLDEVICE', value: 0x02, interactivity: 'no', meaning: 'Install the selected driver on the device.' },
  { name: 'DIF_ASSIGNRESOURCES', value: 0x03, interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_PROPERTIES', value: 0x04, interactivity: 'no', meaning: 'Obsolete (property pages are added under DIF_ADDPROPERTYPAGE_ADVANCED).' },
  { name: 'DIF_REMOVE', value: 0x05, interactivity: 'conditional', meaning: 'Remove the device.', note: 'May be quiet: UI only when DI_QUIETINSTALL is clear.' },
  { name: 'DIF_FIRSTTIMESETUP', value: 0x06, interactivity: 'no', meaning: 'Detect devices during the first setup of the system.' },
  { name: 'DIF_FOUNDDEVICE', value: 0x07, interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_INSTALLCLASSDRIVERS', value: 0x0a, interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_CALCDISKSPACE', value: 0x0b, interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_DESTROYPRIVATEDATA', value: 0x0c, interactivity: 'no', meaning: 'Free private data (ClassInstallReserved) kept for the device information set.' },
  { name: 'DIF_DETECT', value: 0x0f, interactivity: 'no', meaning: 'Detect non-PnP devices of the class.' },
  { name: 'DIF_PROPERTYCHANGE', value: 0x12, interactivity: 'no', meaning: 'The device is enabled, disabled, started, stopped or its properties changed.' },
  { name: 'DIF_ENABLECLASS', value: 0x13, interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_DETECTVERIFY', value: 0x14, interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_INSTALLDEVICEFILES', value: 0x15, interactivity: 'no', meaning: 'Copy (or queue) the driver files for the device.' },
  { name: 'DIF_UNREMOVE', value: 0x16, interactivity: 'no', meaning: 'Restore a device that was removed from a hardware profile.' },
  { name: 'DIF_SELECTBESTCOMPATDRV', value: 0x17, interactivity: 'no', meaning: 'Select the best compatible driver for the device.' },
  { name: 'DIF_ALLOW_INSTALL', value: 0x18, interactivity: 'conditional', meaning: 'Ask whether the selected driver may be installed.', note: 'May be quiet: UI only when DI_QUIETINSTALL is clear. Device co-installers never receive it.' },
  { name: 'DIF_REGISTERDEVICE', value: 0x19, interactivity: 'no', meaning: 'Register a newly detected non-PnP device.' },
  { name: 'DIF_NEWDEVICEWIZARD_PRESELECT', value: 0x1a, interactivity: 'pages', meaning: 'Add wizard pages shown before the select-driver page of a manual install.', note: 'Class co-installers only; UI only inside the pages added.' },
  { name: 'DIF_NEWDEVICEWIZARD_SELECT', value: 0x1b, interactivity: 'pages', meaning: 'Add wizard pages replacing the select-driver page of a manual install.', note: 'Class co-installers only; UI only inside the pages added.' },
  { name: 'DIF_NEWDEVICEWIZARD_PREANALYZE', value: 0x1c, interactivity: 'pages', meaning: 'Add wizard pages shown before the analyze page of a manual install.', note: 'Class co-installers only; UI only inside the pages added.' },
  { name: 'DIF_NEWDEVICEWIZARD_POSTANALYZE', value: 0x1d, interactivity: 'pages', meaning: 'Add wizard pages shown after the analyze page of a manual install.', note: 'Class co-installers only; UI only inside the pages added.' },
  { name: 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', value: 0x1e, interactivity: 'pages', meaning: 'Installation is done: request a finish-install action (DI_FLAGSEX_FINISHINSTALL_ACTION) or add finish-install wizard pages.', note: 'May run non-interactively: the handler must not show UI itself; the pages it creates run later in the wizard.' },
  { name: 'DIF_INSTALLINTERFACES', value: 0x20, interactivity: 'no', meaning: 'Register the device interfaces the INF lists.' },
  { name: 'DIF_DETECTCANCEL', value: 0x21, interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_REGISTER_COINSTALLERS', value: 0x22, interactivity: 'no', meaning: 'Register the device co-installers the INF lists.' },
  { name: 'DIF_ADDPROPERTYPAGE_ADVANCED', value: 0x23, interactivity: 'pages', meaning: 'The user opened the device\'s Properties in Device Manager: add property pages.', note: 'The handler adds pages; the page procedures are interactive.' },
  { name: 'DIF_ADDPROPERTYPAGE_BASIC', value: 0x24, interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_POWERMESSAGEWAKE', value: 0x27, interactivity: 'no', meaning: 'Supply the text of the power-management "wake" page.' },
  { name: 'DIF_UPDATEDRIVER_UI', value: 0x29, interactivity: 'reserved', meaning: 'Reserved for the system.' },
  { name: 'DIF_FINISHINSTALL_ACTION', value: 0x2a, interactivity: 'yes', meaning: 'Run the finish-install action requested under DIF_NEWDEVICEWIZARD_FINISHINSTALL (Windows Vista and later).', note: 'Interactive, as an administrator, after all other installation work: UI and processes are allowed; wait for what you start.' },
];

export const DIF_CODES: ReadonlyMap<string, DifCodeInfo> = new Map(table.map((c) => [c.name, c]));

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
