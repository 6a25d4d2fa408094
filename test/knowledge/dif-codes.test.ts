import { describe, expect, it } from 'vitest';
import { RESERVED_DIF_CODES } from '../../engine/knowledge/api-lists.js';
import { DIF_CODES, difCodeInfo, difCodeName } from '../../engine/knowledge/dif-codes.js';

// Values from setupapi.h (DIF_FINISHINSTALL_ACTION from the Vista SDK), written by hand.
describe('DIF code values', () => {
  it('names a value setupapi.h defines', () => {
    expect(difCodeName(0x01)).toBe('DIF_SELECTDEVICE');
    expect(difCodeName(0x02)).toBe('DIF_INSTALLDEVICE');
    expect(difCodeName(0x1e)).toBe('DIF_NEWDEVICEWIZARD_FINISHINSTALL');
    expect(difCodeName(0x28)).toBe('DIF_ADDREMOTEPROPERTYPAGE_ADVANCED');
    expect(difCodeName(42)).toBe('DIF_FINISHINSTALL_ACTION');
  });

  it('names nothing for the obsolete and placeholder values (0x0E DIF_MOVEDEVICE, 0x1F DIF_UNUSED1, 0x25 DIF_RESERVED1) or past the last code', () => {
    for (const v of [0, 0x0e, 0x1f, 0x25, 0x2b, 0x99]) expect(difCodeName(v), String(v)).toBeUndefined();
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
