/**
 * The two helpers no-state-in-dll's suggestion inserts (rules/support/driver-key-state.ts): read
 * and write a REG_DWORD value of the device's driver key, opened with SetupDiOpenDevRegKey and
 * DIREG_DRV (docs/installer-facts.md#the-guidelines, 2). Written within 80 columns, in the file's
 * indentation step, brace placement and line end.
 */
import type { SourceCode } from '../../engine/index.js';
import { bracesOnOwnLine } from './code-style.js';

export const READ = 'ReadDeviceState';
export const WRITE = 'WriteDeviceState';

/** The helpers' text, a blank line after them. */
export function helperText(sourceCode: SourceCode, unit: string): string {
  const allman = bracesOnOwnLine(sourceCode);
  const i = unit;
  const block = (head: string, body: string[]) => (allman ? [`${i}${head}`, `${i}{`] : [`${i}${head} {`]).concat(body.map((l) => i + i + l), [`${i}}`]);
  // continuation lines align under the first argument (spaces after the indentation)
  const under = (prefix: string) => i + ' '.repeat(prefix.length);
  const openKey = `HKEY key = SetupDiOpenDevRegKey(`;
  const signature = (type: string, name: string, last: string) => [`static ${type} ${name}(HDEVINFO Set, PSP_DEVINFO_DATA Device,`, `${' '.repeat(`static ${type} ${name}(`.length)}LPCWSTR Name, ${last})`];
  return [
    '/* State lives in the driver key; Windows unloads the DLL after each DIF code. */',
    ...signature('DWORD', READ, 'DWORD Default'),
    '{',
    `${i}DWORD value = 0;`,
    `${i}DWORD type = 0;`,
    `${i}DWORD size = sizeof(value);`,
    `${i}LONG status;`,
    `${i}${openKey}Set, Device, DICS_FLAG_GLOBAL, 0, DIREG_DRV,`,
    `${under(openKey)}KEY_QUERY_VALUE);`,
    '',
    ...block('if (key == INVALID_HANDLE_VALUE)', ['return Default;']),
    `${i}status = RegQueryValueExW(key, Name, NULL, &type, (LPBYTE)&value, &size);`,
    `${i}RegCloseKey(key);`,
    `${i}return status == ERROR_SUCCESS && type == REG_DWORD ? value : Default;`,
    '}',
    '',
    ...signature('BOOL', WRITE, 'DWORD Value'),
    '{',
    `${i}LONG status;`,
    `${i}${openKey}Set, Device, DICS_FLAG_GLOBAL, 0, DIREG_DRV,`,
    `${under(openKey)}KEY_SET_VALUE);`,
    '',
    ...block('if (key == INVALID_HANDLE_VALUE)', ['return FALSE;']),
    `${i}status = RegSetValueExW(key, Name, 0, REG_DWORD, (const BYTE *)&Value,`,
    `${under('status = RegSetValueExW(')}sizeof(Value));`,
    `${i}RegCloseKey(key);`,
    `${i}return status == ERROR_SUCCESS;`,
    '}',
    '',
    '',
  ].join(sourceCode.eol);
}
