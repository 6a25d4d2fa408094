import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESERVED_DIF_CODES } from '../../engine/knowledge/api-lists.js';
import { DIF_CODES, difCodeInfo, difCodeName, difInteractivity, PAGE_DIF_CODES } from '../../engine/knowledge/dif-codes.js';

// Values from setupapi.h (DIF_FINISHINSTALL_ACTION from the Vista SDK), written by hand.
describe('DIF code values', () => {
  it('names a value setupapi.h defines', () => {
    expect(difCodeName(0x01)).toBe('DIF_SELECTDEVICE');
    expect(difCodeName(0x02)).toBe('DIF_INSTALLDEVICE');
    expect(difCodeName(0x1e)).toBe('DIF_NEWDEVICEWIZARD_FINISHINSTALL');
    expect(difCodeName(0x28)).toBe('DIF_ADDREMOTEPROPERTYPAGE_ADVANCED');
    expect(difCodeName(42)).toBe('DIF_FINISHINSTALL_ACTION');
  });

  it('names the obsolete and placeholder values too (setupapi.h defines them), nothing else', () => {
    expect(difCodeName(0x0e)).toBe('DIF_MOVEDEVICE');
    expect(difCodeName(0x1f)).toBe('DIF_UNUSED1');
    expect(difCodeName(0x25)).toBe('DIF_RESERVED1');
    expect(difCodeName(0x30)).toBe('DIF_RESERVED2');
    for (const v of [0, 0x2b, 0x2f, 0x31, 0x99]) expect(difCodeName(v), String(v)).toBeUndefined();
  });

  it('gives every described code its value', () => {
    expect(difCodeInfo('DIF_REMOVE')?.value).toBe(0x05);
    expect(difCodeInfo('DIF_ADDPROPERTYPAGE_ADVANCED')?.value).toBe(0x23);
    expect(difCodeInfo('DIF_FINISHINSTALL_ACTION')?.value).toBe(0x2a);
    for (const [name, info] of DIF_CODES) expect(difCodeName(info.value), name).toBe(name);
  });
});

describe('reserved DIF codes', () => {
  // docs/installer-facts.md#reserved-dif-codes and Microsoft's "Private DIF Codes" page; DIF_FIRSTTIMESETUP stays handleable.
  it('are the nine private codes the table marks reserved', () => {
    expect([...RESERVED_DIF_CODES].sort()).toEqual([
      'DIF_ADDPROPERTYPAGE_BASIC',
      'DIF_ASSIGNRESOURCES',
      'DIF_CALCDISKSPACE',
      'DIF_DETECTCANCEL',
      'DIF_DETECTVERIFY',
      'DIF_ENABLECLASS',
      'DIF_FOUNDDEVICE',
      'DIF_INSTALLCLASSDRIVERS',
      'DIF_UPDATEDRIVER_UI',
    ]);
  });
});

// Every #define DIF_ of setupapi.h (mingw-w64's and the WDK's agree on these values), written by hand.
const SETUPAPI_H: [string, number][] = [
  ['DIF_SELECTDEVICE', 0x01], ['DIF_INSTALLDEVICE', 0x02], ['DIF_ASSIGNRESOURCES', 0x03], ['DIF_PROPERTIES', 0x04],
  ['DIF_REMOVE', 0x05], ['DIF_FIRSTTIMESETUP', 0x06], ['DIF_FOUNDDEVICE', 0x07], ['DIF_SELECTCLASSDRIVERS', 0x08],
  ['DIF_VALIDATECLASSDRIVERS', 0x09], ['DIF_INSTALLCLASSDRIVERS', 0x0a], ['DIF_CALCDISKSPACE', 0x0b], ['DIF_DESTROYPRIVATEDATA', 0x0c],
  ['DIF_VALIDATEDRIVER', 0x0d], ['DIF_MOVEDEVICE', 0x0e], ['DIF_DETECT', 0x0f], ['DIF_INSTALLWIZARD', 0x10],
  ['DIF_DESTROYWIZARDDATA', 0x11], ['DIF_PROPERTYCHANGE', 0x12], ['DIF_ENABLECLASS', 0x13], ['DIF_DETECTVERIFY', 0x14],
  ['DIF_INSTALLDEVICEFILES', 0x15], ['DIF_UNREMOVE', 0x16], ['DIF_SELECTBESTCOMPATDRV', 0x17], ['DIF_ALLOW_INSTALL', 0x18],
  ['DIF_REGISTERDEVICE', 0x19], ['DIF_NEWDEVICEWIZARD_PRESELECT', 0x1a], ['DIF_NEWDEVICEWIZARD_SELECT', 0x1b],
  ['DIF_NEWDEVICEWIZARD_PREANALYZE', 0x1c], ['DIF_NEWDEVICEWIZARD_POSTANALYZE', 0x1d], ['DIF_NEWDEVICEWIZARD_FINISHINSTALL', 0x1e],
  ['DIF_UNUSED1', 0x1f], ['DIF_INSTALLINTERFACES', 0x20], ['DIF_DETECTCANCEL', 0x21], ['DIF_REGISTER_COINSTALLERS', 0x22],
  ['DIF_ADDPROPERTYPAGE_ADVANCED', 0x23], ['DIF_ADDPROPERTYPAGE_BASIC', 0x24], ['DIF_RESERVED1', 0x25], ['DIF_TROUBLESHOOTER', 0x26],
  ['DIF_POWERMESSAGEWAKE', 0x27], ['DIF_ADDREMOTEPROPERTYPAGE_ADVANCED', 0x28], ['DIF_UPDATEDRIVER_UI', 0x29],
  ['DIF_FINISHINSTALL_ACTION', 0x2a], ['DIF_RESERVED2', 0x30],
];

describe('interactivity: one entry per setupapi.h code, with its source', () => {
  const facts = readFileSync(join(__dirname, '../../docs/installer-facts.md'), 'utf8');
  it('every code of setupapi.h, and no other, with its value', () => {
    expect([...DIF_CODES.values()].map((c) => [c.name, c.value])).toEqual(SETUPAPI_H);
  });
  it('every source is a section of docs/installer-facts.md; a row source names a row of its table', () => {
    for (const c of DIF_CODES.values()) {
      const m = /^docs\/installer-facts\.md#([a-z-]+)(?:, row (DIF_\w+))?/.exec(c.source);
      expect(m, `${c.name}: ${c.source}`).not.toBeNull();
      expect(facts, `${c.name}: section ${m![1]}`).toContain(`## ${m![1] === 'dif-codes-and-interactivity' ? 'DIF codes and interactivity' : 'Reserved DIF codes'}`);
      if (m![2]) expect(facts, `${c.name}: row`).toMatch(new RegExp(`^\\| \`${m![2]}\``, 'm'));
    }
  });
  it('the table of docs/installer-facts.md, code by code', () => {
    const by = (i: string) => [...DIF_CODES.values()].filter((c) => c.interactivity === i).map((c) => c.name).sort();
    expect(by('yes')).toEqual(['DIF_FINISHINSTALL_ACTION', 'DIF_TROUBLESHOOTER']);
    expect(by('class-installer')).toEqual(['DIF_SELECTDEVICE']);
    expect(by('conditional')).toEqual(['DIF_ALLOW_INSTALL', 'DIF_REMOVE']);
    expect(by('pages')).toEqual([
      'DIF_ADDPROPERTYPAGE_ADVANCED',
      'DIF_ADDREMOTEPROPERTYPAGE_ADVANCED',
      'DIF_NEWDEVICEWIZARD_FINISHINSTALL',
      'DIF_NEWDEVICEWIZARD_POSTANALYZE',
      'DIF_NEWDEVICEWIZARD_PREANALYZE',
      'DIF_NEWDEVICEWIZARD_PRESELECT',
      'DIF_NEWDEVICEWIZARD_SELECT',
    ]);
    expect([...PAGE_DIF_CODES].sort()).toEqual(by('pages'));
    for (const core of ['DIF_INSTALLDEVICE', 'DIF_INSTALLDEVICEFILES', 'DIF_INSTALLINTERFACES', 'DIF_REGISTER_COINSTALLERS', 'DIF_SELECTBESTCOMPATDRV', 'DIF_DESTROYPRIVATEDATA', 'DIF_PROPERTYCHANGE', 'DIF_UNREMOVE', 'DIF_REGISTERDEVICE', 'DIF_FIRSTTIMESETUP', 'DIF_DETECT', 'DIF_POWERMESSAGEWAKE']) {
      expect(difInteractivity(core), core).toBe('no');
    }
  });
  it('a code setupapi.h does not define is "any other code": not interactive', () => {
    expect(difInteractivity('DIF_CONTOSO_PRIVATE')).toBe('no');
    expect(difInteractivity('0x99')).toBe('no');
  });
});
