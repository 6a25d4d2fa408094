/**
 * A class installer that fails DIF_INSTALLDEVICE with ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION when
 * it finds itself non-interactive: the guideline ("Displaying a user interface") says to succeed
 * and request a finish-install action instead, which no-interactive-windowstation-error fixes
 * automatically after such a test (docs/rules/no-interactive-windowstation-error.md). The tests of
 * --fix's writing use it as a file with one automatic fix.
 */
export function fixableClassInstaller(eol = '\n', name = 'ContosoClassInstall'): string {
  return [
    '#include <windows.h>',
    '#include <setupapi.h>',
    '',
    `DWORD CALLBACK ${name}(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)`,
    '{',
    '    switch (InstallFunction) {',
    '    case DIF_INSTALLDEVICE:',
    '        if (SetupGetNonInteractiveMode())',
    '            return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;',
    '        break;',
    '    }',
    '    return ERROR_DI_DO_DEFAULT;',
    '}',
    '',
  ].join(eol);
}

/** The constant the fix replaces. */
export const FORBIDDEN = 'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION';

/** The languages and line ends the writing tests run in. */
export const FIX_WRITE_CASES = [
  { lang: 'C', ext: 'c', eol: '\n', eolName: 'LF' },
  { lang: 'C++', ext: 'cpp', eol: '\r\n', eolName: 'CRLF' },
] as const;
