/**
 * The DIF facts the model needs (installer-guidelines.md, sections 1 and 2): numeric values of
 * the codes (for `case 0x2A:`), which codes are interactive, and under which codes wizard or
 * property pages are shown.
 */

/** Values from setupapi.h, for guards written with numbers instead of names. */
const DIF_VALUES: Readonly<Record<number, string>> = {
  0x01: 'DIF_SELECTDEVICE',
  0x02: 'DIF_INSTALLDEVICE',
  0x03: 'DIF_ASSIGNRESOURCES',
  0x04: 'DIF_PROPERTIES',
  0x05: 'DIF_REMOVE',
  0x06: 'DIF_FIRSTTIMESETUP',
  0x07: 'DIF_FOUNDDEVICE',
  0x08: 'DIF_SELECTCLASSDRIVERS',
  0x09: 'DIF_VALIDATECLASSDRIVERS',
  0x0a: 'DIF_INSTALLCLASSDRIVERS',
  0x0b: 'DIF_CALCDISKSPACE',
  0x0c: 'DIF_DESTROYPRIVATEDATA',
  0x0d: 'DIF_VALIDATEDRIVER',
  0x0f: 'DIF_DETECT',
  0x10: 'DIF_INSTALLWIZARD',
  0x11: 'DIF_DESTROYWIZARDDATA',
  0x12: 'DIF_PROPERTYCHANGE',
  0x13: 'DIF_ENABLECLASS',
  0x14: 'DIF_DETECTVERIFY',
  0x15: 'DIF_INSTALLDEVICEFILES',
  0x16: 'DIF_UNREMOVE',
  0x17: 'DIF_SELECTBESTCOMPATDRV',
  0x18: 'DIF_ALLOW_INSTALL',
  0x19: 'DIF_REGISTERDEVICE',
  0x1a: 'DIF_NEWDEVICEWIZARD_PRESELECT',
  0x1b: 'DIF_NEWDEVICEWIZARD_SELECT',
  0x1c: 'DIF_NEWDEVICEWIZARD_PREANALYZE',
  0x1d: 'DIF_NEWDEVICEWIZARD_POSTANALYZE',
  0x1e: 'DIF_NEWDEVICEWIZARD_FINISHINSTALL',
  0x20: 'DIF_INSTALLINTERFACES',
  0x21: 'DIF_DETECTCANCEL',
  0x22: 'DIF_REGISTER_COINSTALLERS',
  0x23: 'DIF_ADDPROPERTYPAGE_ADVANCED',
  0x24: 'DIF_ADDPROPERTYPAGE_BASIC',
  0x26: 'DIF_TROUBLESHOOTER',
  0x27: 'DIF_POWERMESSAGEWAKE',
  0x28: 'DIF_ADDREMOTEPROPERTYPAGE_ADVANCED',
  0x29: 'DIF_UPDATEDRIVER_UI',
  0x2a: 'DIF_FINISHINSTALL_ACTION',
};

/** The DIF code a case label or comparison operand names: `DIF_X` itself, or a number with a known value. */
export function difCodeOfLabel(text: string): string | undefined {
  const t = text.trim().replace(/^\(+|\)+$/g, '').trim();
  if (/^DIF_\w+$/.test(t)) return t;
  const m = /^(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$/.exec(t);
  if (!m) return undefined;
  const value = Number(m[1]);
  return DIF_VALUES[value];
}

/** A numeric label the model could not name is still a DIF code the guard selects ("0x99"). */
export function isNumericLabel(text: string): boolean {
  return /^\(*\s*(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\s*\)*$/.test(text.trim());
}

export const FINISH_INSTALL_ACTION = 'DIF_FINISHINSTALL_ACTION';

/** Codes whose handlers add wizard or property pages: the pages' procedures run in an interactive wizard. */
export const PAGE_DIF_CODES: ReadonlySet<string> = new Set([
  'DIF_NEWDEVICEWIZARD_FINISHINSTALL',
  'DIF_ADDPROPERTYPAGE_ADVANCED',
  'DIF_ADDREMOTEPROPERTYPAGE_ADVANCED',
  'DIF_NEWDEVICEWIZARD_PRESELECT',
  'DIF_NEWDEVICEWIZARD_SELECT',
  'DIF_NEWDEVICEWIZARD_PREANALYZE',
  'DIF_NEWDEVICEWIZARD_POSTANALYZE',
]);

/** Whether a handler of `code` may show UI itself (section 2): the finish-install action; DIF_SELECTDEVICE for class installers. */
export function isInteractiveDifCode(code: string, kind: 'co-installer' | 'class-installer'): boolean {
  if (code === FINISH_INSTALL_ACTION) return true;
  return code === 'DIF_SELECTDEVICE' && kind === 'class-installer';
}
