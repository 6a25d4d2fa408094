/**
 * The installers an INF registers, with exact positions:
 * - device co-installers: `CoInstallers32` values written by the AddReg sections that a
 *   `[DDInstall.CoInstallers]` section (any section whose name ends in ".CoInstallers", decorated
 *   or not) lists in its AddReg directives: `HKR,,CoInstallers32,0x00010000,"file.dll,EntryPoint"`
 *   (a REG_MULTI_SZ: every string from the fifth field on is one co-installer);
 * - class installers: `Installer32` values written by the AddReg sections of `[ClassInstall32]`
 *   (and its decorated forms `[ClassInstall32.NT]`, `[ClassInstall32.ntamd64]`, ...):
 *   `HKR,,Installer32,,"file.dll,EntryPoint"`;
 * - class co-installers: values under HKLM\System\CurrentControlSet\Control\CoDeviceInstallers
 *   written by any AddReg section the INF references (kind 'CoInstallers32', classCoInstaller set).
 *
 * Each "file.dll,EntryPoint" string gives the DLL and, when written, the entry point; without one
 * Windows calls the default export (CoDeviceInstall for co-installers, ClassInstall for class
 * installers): see `defaultEntryPoint`.
 */
import { directiveSections, parseInf, valueSourceRange, type InfDocument, type InfLine, type InfSection, type InfValue } from './inf-parser.js';

export interface InfInstallerReference {
  kind: 'CoInstallers32' | 'Installer32';
  /** The DLL as written (trimmed), e.g. "contoso.dll". */
  dll: string;
  /** The entry point when the value names one. */
  entryPoint?: string;
  /** Offsets of the whole value in the INF (quotes included). */
  range: [number, number];
  /** Offsets of the entry point name (inside the [Strings] token when the value came from one). */
  entryPointRange?: [number, number];
  /** The AddReg section that writes the value, as written. */
  section: string;
  /** The install section that lists that AddReg section ([X.CoInstallers], [ClassInstall32], ...). */
  installSection?: string;
  /** True for a class co-installer registered under ...\Control\CoDeviceInstallers. */
  classCoInstaller?: boolean;
}

export function defaultEntryPoint(kind: InfInstallerReference['kind']): string {
  return kind === 'CoInstallers32' ? 'CoDeviceInstall' : 'ClassInstall';
}

/** True for `[X.CoInstallers]` sections (the DDInstall.CoInstallers form, decorated or not). */
export function isCoInstallersSection(name: string): boolean {
  return /\.coinstallers$/i.test(name.trim());
}

/** True for `[ClassInstall32]` and its decorated forms. */
export function isClassInstall32Section(name: string): boolean {
  return /^classinstall32(\.[^.]*)?$/i.test(name.trim());
}

/**
 * The `[X.CoInstallers]` sections (first of each name; same-named sections merged, as Windows
 * merges them) whose AddReg sections write no CoInstallers32 string: an empty section, one with
 * other directives only, one whose AddReg sections are missing or write an empty value. For
 * these the section itself is the registration; the others are known by their values.
 */
export function coInstallersSectionsWithoutValues(doc: InfDocument): InfSection[] {
  const out: InfSection[] = [];
  const seen = new Set<string>();
  for (const section of doc.sections) {
    const key = section.name.toLowerCase();
    if (!isCoInstallersSection(section.name) || seen.has(key)) continue;
    seen.add(key);
    const writesValue = directiveSections(doc.linesOf(section.name), 'AddReg').some((reg) =>
      doc
        .linesOf(reg.text)
        .some((line) => line.values[2]?.text.toLowerCase() === 'coinstallers32' && line.values.slice(4).some((v) => v.text.trim() !== '')),
    );
    if (!writesValue) out.push(section);
  }
  return out;
}

const CLASS_COINSTALLERS_KEY = /(^|\\)system\\currentcontrolset\\control\\codeviceinstallers\\?$/i;

export function infInstallerReferences(text: string): InfInstallerReference[] {
  return installerReferencesOf(parseInf(text));
}

export interface ReferenceOptions {
  /**
   * Also take CoInstallers32 and Installer32 values written by AddReg sections that other install
   * sections list (for example `[DDInstall]` writing CoInstallers32 into the driver key, which
   * registers a co-installer all the same). Off by default: the installer model wants only the
   * documented registrations.
   */
  anyAddReg?: boolean;
}

export function installerReferencesOf(doc: InfDocument, options: ReferenceOptions = {}): InfInstallerReference[] {
  const out: InfInstallerReference[] = [];
  const seen = new Set<string>();
  const add = (ref: InfInstallerReference) => {
    const id = `${ref.kind}:${ref.range[0]}:${ref.range[1]}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(ref);
  };

  for (const section of doc.sections) {
    const coInstallers = isCoInstallersSection(section.name);
    const classInstall = isClassInstall32Section(section.name);
    if (!coInstallers && !classInstall) continue;
    for (const regSection of directiveSections(section.lines, 'AddReg')) {
      for (const line of doc.linesOf(regSection.text)) {
        const name = line.values[2]?.text.toLowerCase();
        if (coInstallers && name === 'coinstallers32') {
          for (const v of line.values.slice(4)) addValue(add, v, 'CoInstallers32', line, regSection.text, section.name);
        } else if (classInstall && name === 'installer32') {
          const v = line.values[4];
          if (v) addValue(add, v, 'Installer32', line, regSection.text, section.name);
        }
      }
    }
  }

  // Class co-installers: any AddReg section of the INF writing under ...\CoDeviceInstallers.
  const regSections = new Map<string, string>();
  for (const section of doc.sections) {
    for (const reg of directiveSections(section.lines, 'AddReg')) {
      const key = reg.text.toLowerCase();
      if (!regSections.has(key)) regSections.set(key, section.name);
    }
  }
  for (const [reg, installSection] of regSections) {
    for (const line of doc.linesOf(reg)) {
      if (options.anyAddReg) {
        const regName = doc.sectionsNamed(reg)[0]?.name ?? reg;
        const name = line.values[2]?.text.toLowerCase();
        if (name === 'coinstallers32') {
          for (const v of line.values.slice(4)) addValue(add, v, 'CoInstallers32', line, regName, installSection);
        } else if (name === 'installer32' && line.values[4]) {
          addValue(add, line.values[4], 'Installer32', line, regName, installSection);
        }
      }
      const root = line.values[0]?.text.toUpperCase();
      const subkey = line.values[1]?.text ?? '';
      if ((root === 'HKLM' || root === 'HKEY_LOCAL_MACHINE') && CLASS_COINSTALLERS_KEY.test(subkey)) {
        const regName = doc.sectionsNamed(reg)[0]?.name ?? reg;
        for (const v of line.values.slice(4)) {
          addValue(add, v, 'CoInstallers32', line, regName, installSection, true);
        }
      }
    }
  }
  return out;
}

function addValue(
  add: (ref: InfInstallerReference) => void,
  value: InfValue,
  kind: InfInstallerReference['kind'],
  line: InfLine,
  regSection: string,
  installSection: string,
  classCoInstaller = false,
): void {
  const text = value.text;
  if (text.trim() === '') return;
  const comma = text.indexOf(',');
  const dllPart = comma >= 0 ? text.slice(0, comma) : text;
  const ref: InfInstallerReference = {
    kind,
    dll: dllPart.trim(),
    range: value.range,
    section: line.section ?? regSection,
    installSection,
  };
  if (classCoInstaller) ref.classCoInstaller = true;
  if (comma >= 0) {
    let a = comma + 1;
    let b = text.length;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a) {
      ref.entryPoint = text.slice(a, b);
      ref.entryPointRange = valueSourceRange(value, a, b);
    }
  }
  add(ref);
}
