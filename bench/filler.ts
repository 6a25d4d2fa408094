/**
 * Compliant helper functions that give a generated installer module its bulk: registry reads in
 * the driver key, string work on instance ids, lookups in constant tables, logging. They call one
 * another in chains (so the installer model has call graphs to walk) and never break a guideline.
 */
import type { Random } from './random.js';
import type { SourceBuilder } from './source-builder.js';

const VALUE_NAMES = ['Calibration', 'FirmwareLevel', 'PowerPolicy', 'SensorMode', 'LedColor', 'Threshold', 'SampleRate', 'PortMap', 'Gain', 'Offset'];
const WORDS = ['Read', 'Check', 'Compute', 'Validate', 'Query', 'Scan', 'Format', 'Lookup', 'Merge', 'Count'];
const NOUNS = ['Settings', 'Mode', 'Revision', 'Policy', 'Table', 'Ports', 'Channels', 'Limits', 'Profile', 'Identity'];

export interface FillerFunction {
  name: string;
  /** Prototype for the module header. */
  prototype: string;
}

export function fillerName(rng: Random, prefix: string, index: number): string {
  return `${prefix}${rng.pick(WORDS)}${rng.pick(NOUNS)}${index}`;
}

const SIGNATURE = (name: string) => `DWORD ${name}(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)`;

export function fillerPrototype(name: string): string {
  return `${SIGNATURE(name)};`;
}

/**
 * Writes one filler function. `next` is the function it calls on (a chain), or undefined.
 */
export function writeFiller(out: SourceBuilder, rng: Random, name: string, next: string | undefined, tableName: string | undefined): void {
  const tail = next ? `${next}(DeviceInfoSet, DeviceInfoData)` : 'NO_ERROR';
  const n = rng.int(3, 977);
  if (rng.chance(0.6)) {
    out.add('/*', ` * ${name}: part of the device's configuration logic.`, ` * Returns NO_ERROR or a Win32 error code.`, ' */');
  }
  out.add(SIGNATURE(name), '{');
  let variant = rng.int(0, 4);
  if (variant === 3 && !tableName) variant = 4;
  switch (variant) {
    case 0: {
      const value = rng.pick(VALUE_NAMES);
      out.add(
        '    HKEY key;',
        '    DWORD value = 0;',
        '    DWORD size = sizeof(value);',
        '    DWORD type = 0;',
        '    LONG rc;',
        '',
        '    key = SetupDiOpenDevRegKey(DeviceInfoSet, DeviceInfoData, DICS_FLAG_GLOBAL, 0, DIREG_DRV, KEY_READ);',
        '    if (key == INVALID_HANDLE_VALUE) {',
        '        return GetLastError();',
        '    }',
        `    rc = RegQueryValueExW(key, L"${value}", NULL, &type, (LPBYTE)&value, &size);`,
        '    RegCloseKey(key);',
        '    if (rc != ERROR_SUCCESS || type != REG_DWORD) {',
        `        return ${tail};`,
        '    }',
        `    return value > ${n}u ? ERROR_INVALID_DATA : NO_ERROR;`,
      );
      break;
    }
    case 1: {
      out.add(
        `    WCHAR buffer[${rng.pick([64, 128, 200, 256])}];`,
        '    DWORD i;',
        `    DWORD checksum = ${n}u;`,
        '',
        '    ZeroMemory(buffer, sizeof(buffer));',
        '    if (!SetupDiGetDeviceInstanceIdW(DeviceInfoSet, DeviceInfoData, buffer, ARRAYSIZE(buffer), NULL)) {',
        '        return GetLastError();',
        '    }',
        "    for (i = 0; i < ARRAYSIZE(buffer) && buffer[i] != L'\\0'; i++) {",
        '        checksum = (checksum << 5) ^ (checksum >> 27) ^ buffer[i];',
        "        if (buffer[i] == L'\\\\') {",
        `            checksum += ${rng.int(1, 99)}u;`,
        '        }',
        '    }',
        `    if ((checksum & ${rng.pick([1, 3, 7, 15])}u) == 0) {`,
        `        return ${tail};`,
        '    }',
        '    return NO_ERROR;',
      );
      break;
    }
    case 2: {
      const cases = rng.int(4, 9);
      out.add(`    DWORD mode = (DWORD)(ULONG_PTR)DeviceInfoData % ${cases + 1}u;`, `    DWORD weight = ${n}u;`, '', '    switch (mode) {');
      for (let c = 0; c < cases; c++) {
        out.add(`    case ${c}:`, `        weight = weight * ${rng.int(2, 31)}u + ${rng.int(0, 500)}u;`, '        break;');
      }
      out.add('    default:', '        weight = 0;', '        break;', '    }', '    if (weight == 0) {', `        return ${tail};`, '    }', '    return weight > 0x10000u ? ERROR_INVALID_DATA : NO_ERROR;');
      break;
    }
    case 3: {
      {
        out.add(
          '    DWORD i;',
          `    DWORD wanted = ${n}u;`,
          '',
          '    UNREFERENCED_PARAMETER(DeviceInfoSet);',
          `    for (i = 0; i < ARRAYSIZE(${tableName!}); i++) {`,
          `        if (${tableName}[i].Value == wanted) {`,
          `            return lstrlenW(${tableName}[i].Name) > 0 ? NO_ERROR : ERROR_NOT_FOUND;`,
          '        }',
          '    }',
          `    return ${tail};`,
        );
      }
      break;
    }
    default: {
      out.add(
        '    WCHAR line[160];',
        '    SP_DRVINFO_DATA_W driver;',
        '',
        '    driver.cbSize = sizeof(driver);',
        '    if (!SetupDiGetSelectedDriverW(DeviceInfoSet, DeviceInfoData, &driver)) {',
        `        return ${tail};`,
        '    }',
        `    wsprintfW(line, L"${name}: %s %lu\\n", driver.Description, (unsigned long)${n}u);`,
        '    OutputDebugStringW(line);',
        '    return NO_ERROR;',
      );
    }
  }
  out.add('}', '');
}

/** A constant lookup table (read-only data is not installation state). */
export function writeTable(out: SourceBuilder, rng: Random, name: string): void {
  out.add(`static const struct { LPCWSTR Name; DWORD Value; } ${name}[] = {`);
  const rows = rng.int(6, 24);
  for (let i = 0; i < rows; i++) out.add(`    { L"${rng.pick(VALUE_NAMES)}${i}", ${rng.int(0, 4000)}u },`);
  out.add('};', '');
}
