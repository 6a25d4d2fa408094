/**
 * rules/support/line-wrap.ts wrapLine: a line a fix made too long is broken after commas of the
 * fix's calls; a comment that ends the line stays with the code when it fits, else goes above it.
 */
import { describe, expect, it } from 'vitest';
import { wrapLine } from '../../../rules/support/line-wrap.js';

const CALLEES = ['WriteState', 'ReadState'];

describe('wrapLine', () => {
  it('leaves a line that fits alone, comment and all', () => {
    const line = '    WriteState(Set, Data, L"Count", 1); /* guideline 2 */';
    expect(wrapLine(line, 80, CALLEES)).toEqual([line]);
  });

  it('breaks after the last comma that fits and aligns the rest under the first argument', () => {
    const line = '    WriteState(DeviceInfoSet, DeviceInfoData, L"DevicesInstalled", Count + 1);';
    expect(wrapLine(line, 60, CALLEES)).toEqual(['    WriteState(DeviceInfoSet, DeviceInfoData,', '               L"DevicesInstalled", Count + 1);']);
  });

  it('keeps a trailing comment one space after the wrapped code when that fits', () => {
    // the comment's padding goes: 15 + 30 + 1 + 7 = 53 columns
    const line = '    WriteState(DeviceInfoSet, DeviceInfoData, L"DevicesInstalled", Count + 1);            /* g2 */';
    expect(wrapLine(line, 60, CALLEES)).toEqual(['    WriteState(DeviceInfoSet, DeviceInfoData,', '               L"DevicesInstalled", Count + 1); /* g2 */']);
  });

  it('puts a trailing comment above the code when it would pass the limit after it', () => {
    const line = '    WriteState(DeviceInfoSet, DeviceInfoData, L"DevicesInstalled", Count + 1); // the device count, kept in the driver key';
    expect(wrapLine(line, 60, CALLEES)).toEqual([
      '    // the device count, kept in the driver key',
      '    WriteState(DeviceInfoSet, DeviceInfoData,',
      '               L"DevicesInstalled", Count + 1);',
    ]);
  });

  it('does not take a comment marker inside a string, or a comment followed by code, for a trailing comment', () => {
    const inString = '    WriteState(DeviceInfoSet, DeviceInfoData, L"Devices/*Installed*/", Count + 1);';
    expect(wrapLine(inString, 60, CALLEES)).toEqual(['    WriteState(DeviceInfoSet, DeviceInfoData,', '               L"Devices/*Installed*/", Count + 1);']);
    const middle = '    WriteState(DeviceInfoSet, /* set */ DeviceInfoData, L"DevicesInstalled", 1);';
    expect(wrapLine(middle, 60, CALLEES)).toEqual(['    WriteState(DeviceInfoSet, /* set */ DeviceInfoData,', '               L"DevicesInstalled", 1);']);
  });
});
