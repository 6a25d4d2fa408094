/**
 * The fixes and suggestions of unhandled-dif-return-code, no-default-dif-handler-call and
 * no-reserved-dif-code, written by hand from the guideline (docs/installer-facts.md,
 * "Return codes for unhandled DIF codes", "Default DIF handlers", "Reserved DIF codes"): their
 * exact text and title, in a file indented with tabs and braces on their own lines, in C and C++,
 * LF, CRLF and CR; each compiles, re-lints without the finding, brings no new one and is
 * idempotent (test/support/fix-matrix.ts).
 */
import unhandled from '../../rules/unhandled-dif-return-code.js';
import defaultHandler from '../../rules/no-default-dif-handler-call.js';
import reserved from '../../rules/no-reserved-dif-code.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { checkFixMatrix } from '../support/fix-matrix.js';

const HEAD = ['#include <windows.h>', '#include <setupapi.h>', ''];
const CO = 'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)';
const CLASS = 'DWORD CALLBACK ClassInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)';

/** An entry point switching on the DIF code, tabs and Allman braces; `cases` are the lines inside the switch, `after` those after it. */
const entry = (proto: string, cases: string[], after: string[]) => [...HEAD, proto, '{', '\tswitch (InstallFunction)', '\t{', ...cases, '\t}', ...after, '}', ''];

checkFixMatrix('unhandled-dif-return-code', unhandled, [installerModelProvider], [
  {
    name: 'a co-installer returns ERROR_DI_DO_DEFAULT in its default case: NO_ERROR',
    code: entry(CO, ['\tcase DIF_INSTALLDEVICE:', '\t\treturn NO_ERROR;', '\tdefault:', '\t\treturn ERROR_DI_DO_DEFAULT;'], []),
    edit: 'fix',
    title: 'Return NO_ERROR instead of ERROR_DI_DO_DEFAULT',
    output: entry(CO, ['\tcase DIF_INSTALLDEVICE:', '\t\treturn NO_ERROR;', '\tdefault:', '\t\treturn NO_ERROR;'], []),
  },
  {
    name: 'a class installer whose handled case breaks out to the NO_ERROR return: a default case of its own',
    code: entry(
      CLASS,
      ['\tcase DIF_INSTALLDEVICE:', '\t\tif (!SetupDiInstallDevice(DeviceInfoSet, DeviceInfoData))', '\t\t\treturn GetLastError();', '\t\tbreak;', '\tcase DIF_REMOVE:', '\t\treturn ERROR_DI_DO_DEFAULT;'],
      ['\treturn NO_ERROR;'],
    ),
    edit: 'fix',
    title: 'Return ERROR_DI_DO_DEFAULT for the DIF codes the switch does not handle',
    output: entry(
      CLASS,
      [
        '\tcase DIF_INSTALLDEVICE:',
        '\t\tif (!SetupDiInstallDevice(DeviceInfoSet, DeviceInfoData))',
        '\t\t\treturn GetLastError();',
        '\t\tbreak;',
        '\tcase DIF_REMOVE:',
        '\t\treturn ERROR_DI_DO_DEFAULT;',
        '\tdefault:',
        '\t\treturn ERROR_DI_DO_DEFAULT;',
      ],
      ['\treturn NO_ERROR;'],
    ),
  },
  {
    name: 'the last case returns on its label line: the new default indents by the file\'s step (tabs)',
    code: entry(CLASS, ['\tcase DIF_INSTALLDEVICE:', '\t\tif (!SetupDiInstallDevice(DeviceInfoSet, DeviceInfoData))', '\t\t\treturn GetLastError();', '\t\tbreak;', '\tcase DIF_REMOVE: return ERROR_DI_DO_DEFAULT;'], ['\treturn NO_ERROR;']),
    edit: 'fix',
    output: entry(
      CLASS,
      [
        '\tcase DIF_INSTALLDEVICE:',
        '\t\tif (!SetupDiInstallDevice(DeviceInfoSet, DeviceInfoData))',
        '\t\t\treturn GetLastError();',
        '\t\tbreak;',
        '\tcase DIF_REMOVE: return ERROR_DI_DO_DEFAULT;',
        '\tdefault:',
        '\t\treturn ERROR_DI_DO_DEFAULT;',
      ],
      ['\treturn NO_ERROR;'],
    ),
  },
  {
    name: 'a class installer whose if chain falls to return NO_ERROR for every other code: ERROR_DI_DO_DEFAULT',
    code: [...HEAD, CLASS, '{', '\tif (InstallFunction == DIF_SELECTDEVICE)', '\t{', '\t\treturn ERROR_DI_DO_DEFAULT;', '\t}', '\treturn NO_ERROR;', '}', ''],
    edit: 'fix',
    title: 'Return ERROR_DI_DO_DEFAULT instead of NO_ERROR',
    output: [...HEAD, CLASS, '{', '\tif (InstallFunction == DIF_SELECTDEVICE)', '\t{', '\t\treturn ERROR_DI_DO_DEFAULT;', '\t}', '\treturn ERROR_DI_DO_DEFAULT;', '}', ''],
  },
]);

checkFixMatrix('no-default-dif-handler-call', defaultHandler, [installerModelProvider], [
  {
    name: 'a co-installer calls SetupDiInstallDevice: the suggestion removes the line, the fix is none',
    code: entry(CO, ['\tcase DIF_INSTALLDEVICE:', '\t\tSetupDiInstallDevice(DeviceInfoSet, DeviceInfoData);', '\t\treturn NO_ERROR;', '\tdefault:', '\t\treturn NO_ERROR;'], []),
    edit: { suggestion: 0 },
    title: 'Remove the call: Windows runs the default handler itself',
    output: entry(CO, ['\tcase DIF_INSTALLDEVICE:', '\t\treturn NO_ERROR;', '\tdefault:', '\t\treturn NO_ERROR;'], []),
  },
  {
    name: 'the only statement of an if block: the whole if goes, no empty block left',
    code: entry(
      CO,
      ['\tcase DIF_INSTALLDEVICE:', '\t\tif (!Context->PostProcessing)', '\t\t{', '\t\t\tSetupDiInstallDevice(DeviceInfoSet, DeviceInfoData);', '\t\t}', '\t\treturn NO_ERROR;', '\tdefault:', '\t\treturn NO_ERROR;'],
      [],
    ),
    edit: { suggestion: 0 },
    output: entry(CO, ['\tcase DIF_INSTALLDEVICE:', '\t\treturn NO_ERROR;', '\tdefault:', '\t\treturn NO_ERROR;'], []),
  },
  {
    name: 'the only statement of an if whose condition calls something: no suggestion (it would drop the call or leave an empty block)',
    code: [
      ...HEAD,
      'BOOL ContosoNeedsInstall(HDEVINFO DeviceInfoSet);',
      ...entry(CO, ['\tcase DIF_INSTALLDEVICE:', '\t\tif (ContosoNeedsInstall(DeviceInfoSet))', '\t\t{', '\t\t\tSetupDiInstallDevice(DeviceInfoSet, DeviceInfoData);', '\t\t}', '\t\treturn NO_ERROR;', '\tdefault:', '\t\treturn NO_ERROR;'], []).slice(HEAD.length),
    ],
    edit: { suggestion: 0 },
    output: null,
  },
  {
    name: 'no automatic fix: the code after the call may rely on it',
    code: entry(CO, ['\tcase DIF_INSTALLDEVICE:', '\t\tSetupDiInstallDevice(DeviceInfoSet, DeviceInfoData);', '\t\treturn NO_ERROR;', '\tdefault:', '\t\treturn NO_ERROR;'], []),
    edit: 'fix',
    output: null,
  },
]);

checkFixMatrix('no-reserved-dif-code', reserved, [installerModelProvider], [
  {
    name: 'a case of its own for DIF_UPDATEDRIVER_UI that does work: the suggestion removes it',
    code: entry(
      CO,
      ['\tcase DIF_INSTALLDEVICE:', '\t\treturn NO_ERROR;', '\tcase DIF_UPDATEDRIVER_UI:', '\t\tSetupDiSetSelectedDriverW(DeviceInfoSet, DeviceInfoData, NULL);', '\t\tbreak;', '\tdefault:', '\t\tbreak;'],
      ['\treturn NO_ERROR;'],
    ),
    edit: { suggestion: 0 },
    title: 'Remove the case for DIF_UPDATEDRIVER_UI: Windows handles it itself',
    output: entry(CO, ['\tcase DIF_INSTALLDEVICE:', '\t\treturn NO_ERROR;', '\tdefault:', '\t\tbreak;'], ['\treturn NO_ERROR;']),
  },
]);
