import { describe, expect, it } from 'vitest';
import {
  coInstallersSectionsWithoutValues,
  defaultEntryPoint,
  infInstallerReferences,
  installerReferencesOf,
  isClassInstall32Section,
  isCoInstallersSection,
} from '../../engine/readers/installer-references.js';
import { parseInf } from '../../engine/readers/inf-parser.js';

function at(text: string, needle: string, n = 0): [number, number] {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" #${n} not in text`);
  }
  return [i, i + needle.length];
}

describe('infInstallerReferences', () => {
  it('finds a device co-installer through [DDInstall.CoInstallers] AddReg', () => {
    const text = [
      '[Contoso_Install.NT.CoInstallers]',
      'AddReg = Contoso_CoInstaller_AddReg',
      'CopyFiles = Contoso_CoInstaller_CopyFiles',
      '',
      '[Contoso_CoInstaller_AddReg]',
      'HKR,,CoInstallers32,0x00010000,"ContosoCoInst.dll,ContosoCoInstaller"',
      '',
    ].join('\r\n');
    expect(infInstallerReferences(text)).toEqual([
      {
        kind: 'CoInstallers32',
        dll: 'ContosoCoInst.dll',
        entryPoint: 'ContosoCoInstaller',
        range: at(text, '"ContosoCoInst.dll,ContosoCoInstaller"'),
        entryPointRange: at(text, 'ContosoCoInstaller'),
        section: 'Contoso_CoInstaller_AddReg',
        installSection: 'Contoso_Install.NT.CoInstallers',
      },
    ]);
  });

  it('gives every string of a multi-string value, and no entry point when none is written', () => {
    const text = [
      '[X.CoInstallers]',
      'AddReg=A',
      '[A]',
      'HKR, , CoInstallers32, 0x00010000, "first.dll,First", "second.dll"',
    ].join('\n');
    const refs = infInstallerReferences(text);
    expect(refs.map((r) => [r.dll, r.entryPoint])).toEqual([
      ['first.dll', 'First'],
      ['second.dll', undefined],
    ]);
    expect(refs[1].range).toEqual(at(text, '"second.dll"'));
    expect(refs[1].entryPointRange).toBeUndefined();
    expect(defaultEntryPoint('CoInstallers32')).toBe('CoDeviceInstall');
    expect(defaultEntryPoint('Installer32')).toBe('ClassInstall');
  });

  it('finds a class installer in [ClassInstall32] (decorated too), case-insensitively', () => {
    const text = [
      '[classinstall32.NTamd64]',
      'addreg = ClassReg',
      '[CLASSREG]',
      'HKR,,Icon,,"-5"',
      'HKR,,installer32,,"ContosoCls.dll, ClassInstall "',
    ].join('\n');
    const [ref] = infInstallerReferences(text);
    expect(ref).toMatchObject({ kind: 'Installer32', dll: 'ContosoCls.dll', entryPoint: 'ClassInstall', section: 'CLASSREG' });
    expect(ref.entryPointRange).toEqual(at(text, 'ClassInstall'));
  });

  it('resolves %strkey% values and points the entry point at the token it came from', () => {
    const text = [
      '[Dev.NT.CoInstallers]',
      'AddReg = CoInst_AddReg',
      '[CoInst_AddReg]',
      'HKR,,CoInstallers32,0x00010000,"%CoInstDll%,%CoInstEntry%"',
      '[Strings]',
      'CoInstDll = contoso.dll',
      'CoInstEntry = "ContosoEntry"',
    ].join('\n');
    const [ref] = infInstallerReferences(text);
    expect(ref.dll).toBe('contoso.dll');
    expect(ref.entryPoint).toBe('ContosoEntry');
    expect(ref.entryPointRange).toEqual(at(text, '%CoInstEntry%'));
  });

  it('finds class co-installers under ...\\Control\\CoDeviceInstallers', () => {
    const text = [
      '[DefaultInstall]',
      'AddReg = ClassCoInst_AddReg',
      '[ClassCoInst_AddReg]',
      'HKLM,System\\CurrentControlSet\\Control\\CoDeviceInstallers,{4d36e972-e325-11ce-bfc1-08002be10318},0x00010008,"netco.dll,NetCoInstaller"',
    ].join('\n');
    const refs = infInstallerReferences(text);
    expect(refs).toHaveLength(1);
    expect(refs[0]).toMatchObject({
      kind: 'CoInstallers32',
      dll: 'netco.dll',
      entryPoint: 'NetCoInstaller',
      classCoInstaller: true,
      section: 'ClassCoInst_AddReg',
      installSection: 'DefaultInstall',
    });
  });

  it('reports a value once even when two install sections share its AddReg section', () => {
    const text = [
      '[D.NTx86.CoInstallers]',
      'AddReg = Shared',
      '[D.NTamd64.CoInstallers]',
      'AddReg = Shared',
      '[Shared]',
      'HKR,,CoInstallers32,0x00010000,"c.dll,Entry"',
    ].join('\n');
    expect(infInstallerReferences(text)).toHaveLength(1);
  });

  it('ignores look-alikes: other value names, unreferenced sections, comments, plain AddReg', () => {
    const text = [
      '[Install.NT]',
      'AddReg = DevReg',
      '[DevReg]',
      'HKR,,CoInstallers32,0x00010000,"not-from-coinstallers.dll,X"',
      '[Install.NT.CoInstallers]',
      '; AddReg = Commented',
      'AddReg = Reg2',
      '[Reg2]',
      'HKR,,EnumPropPages32,,"pages.dll,PropPageProvider"',
      '[Commented]',
      'HKR,,CoInstallers32,0x00010000,"commented.dll,Y"',
      '[Unreferenced]',
      'HKR,,Installer32,,"cls.dll,ClassInstall"',
    ].join('\n');
    expect(infInstallerReferences(text)).toEqual([]);
  });

  it('with anyAddReg, also takes the values other install sections write', () => {
    const text = [
      '[Install.NT]',
      'AddReg = DevReg',
      '[Install.NT.CoInstallers]',
      'AddReg = DevReg',
      '[DevReg]',
      'HKR,,CoInstallers32,0x00010000,"both.dll,Both"',
      '[Other.NT]',
      'AddReg = OtherReg',
      '[OtherReg]',
      'HKR,,CoInstallers32,0x00010000,"hidden.dll,Hidden"',
      'HKR,,Installer32,,"odd.dll,Odd"',
    ].join('\n');
    expect(infInstallerReferences(text).map((r) => r.dll)).toEqual(['both.dll']);
    const loose = installerReferencesOf(parseInf(text), { anyAddReg: true });
    expect(loose.map((r) => [r.kind, r.dll, r.installSection])).toEqual([
      ['CoInstallers32', 'both.dll', 'Install.NT.CoInstallers'],
      ['CoInstallers32', 'hidden.dll', 'Other.NT'],
      ['Installer32', 'odd.dll', 'Other.NT'],
    ]);
  });

  it('names the sections it recognises', () => {
    expect(isCoInstallersSection('Contoso.NTamd64.CoInstallers')).toBe(true);
    expect(isCoInstallersSection('CoInstallers')).toBe(false);
    expect(isCoInstallersSection('X.CoInstallers.Extra')).toBe(false);
    expect(isClassInstall32Section('ClassInstall32')).toBe(true);
    expect(isClassInstall32Section('ClassInstall32.NT')).toBe(true);
    expect(isClassInstall32Section('ClassInstall32_AddReg')).toBe(false);
  });

  it('finds the CoInstallers sections that have no value to point at', () => {
    const text = [
      '[Full.NT.CoInstallers]', // a value: not listed
      'AddReg = Full.Reg',
      '[Full.Reg]',
      'HKR,,CoInstallers32,0x00010000,"full.dll,Co"',
      '[Empty.NT.CoInstallers]', // nothing at all
      '[Dangling.NT.CoInstallers]', // an AddReg section that does not exist
      'AddReg = Nowhere',
      '[Blank.NT.CoInstallers]', // a CoInstallers32 value with an empty string only
      'AddReg = Blank.Reg',
      '[Blank.Reg]',
      'HKR,,CoInstallers32,0x00010000,""',
      '[Other.NT.CoInstallers]', // AddReg writes something else
      'AddReg = Other.Reg',
      '[Other.Reg]',
      'HKR,,CoInstallersCount,0x00010001,0',
      '[empty.nt.coinstallers]', // same name again: listed once
      '[Split.CoInstallers]', // merged with its second part below, which has the value
      '[Split.CoInstallers]',
      'AddReg = Full.Reg',
      '[ClassInstall32]', // not a CoInstallers section
      '',
    ].join('\r\n');
    const sections = coInstallersSectionsWithoutValues(parseInf(text));
    expect(sections.map((s) => s.name)).toEqual(['Empty.NT.CoInstallers', 'Dangling.NT.CoInstallers', 'Blank.NT.CoInstallers', 'Other.NT.CoInstallers']);
    expect(sections[0].nameRange).toEqual(at(text, 'Empty.NT.CoInstallers'));
  });

  it('never throws on a truncated or broken INF', () => {
    const full = '[X.CoInstallers]\nAddReg=A,\\\n B\n[A]\nHKR,,CoInstallers32,0x00010000,"a.dll,E"\n[B]\nHKR,,CoInstallers32,,"%S%"\n[Strings]\nS="b.dll,F"\n';
    for (let cut = 0; cut <= full.length; cut++) expect(() => infInstallerReferences(full.slice(0, cut))).not.toThrow();
    expect(infInstallerReferences(full).map((r) => r.entryPoint)).toEqual(['E', 'F']);
  });
});
