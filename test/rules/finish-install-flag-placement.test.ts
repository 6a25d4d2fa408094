import { describe } from 'vitest';
import rule from '../../rules/finish-install-flag-placement.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';
import { checkFixesCompile } from '../support/fix-checks.js';
import { checkDocExamples } from './rule-doc-examples.js';

const asModule: RuleModule = rule;
const lines = (...l: string[]) => l.join('\n') + '\n';
const HEAD = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '#ifndef DI_FLAGSEX_FINISHINSTALL_ACTION',
  '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x00000008L',
  '#endif',
  '',
];
const CO = 'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)';
const CLASS = 'DWORD CALLBACK ClassInstall(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)';

/** A co-installer with `params` declared; `cases` start on line 13. */
const co = (...cases: string[]) =>
  lines(...HEAD, CO, '{', '    SP_DEVINSTALL_PARAMS_W params;', '', '    params.cbSize = sizeof(params);', '    switch (InstallFunction) {', ...cases, '    default:', '        break;', '    }', '    return NO_ERROR;', '}');

const requestIn = (code: string, set = '            params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;') => [
  `    case ${code}:`,
  '        if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params)) {',
  set,
  '            SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);',
  '        }',
  '        break;',
];

const FINISH_CASE = [
  '    case DIF_NEWDEVICEWIZARD_FINISHINSTALL: {',
  '        /* Ask Windows for a finish-install action; set it here, and only when one is needed. */',
  '        SP_DEVINSTALL_PARAMS_W params;',
  '        params.cbSize = sizeof(params);',
  '        if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params)) {',
  '            params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;',
  '            SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);',
  '        }',
  '        break;',
  '    }',
];

const valid: (string | ValidCase)[] = [
  co(...requestIn('DIF_NEWDEVICEWIZARD_FINISHINSTALL')),
  { name: 'clearing the flag is not requesting it', code: co(...requestIn('DIF_INSTALLDEVICE', '            params.FlagsEx &= ~DI_FLAGSEX_FINISHINSTALL_ACTION;')) },
  {
    name: 'testing the flag is not setting it',
    code: co('    case DIF_FINISHINSTALL_ACTION:', '        if (params.FlagsEx & DI_FLAGSEX_FINISHINSTALL_ACTION) {', '            params.Flags |= DI_NEEDREBOOT;', '        }', '        break;'),
  },
  { name: 'another flag on DIF_INSTALLDEVICE', code: co(...requestIn('DIF_INSTALLDEVICE', '            params.Flags |= DI_NEEDREBOOT;')) },
  {
    name: 'if chain, in DIF_NEWDEVICEWIZARD_FINISHINSTALL',
    code: lines(...HEAD, CLASS, '{', '    SP_DEVINSTALL_PARAMS_W p;', '    if (InstallFunction == DIF_NEWDEVICEWIZARD_FINISHINSTALL) {', '        p.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;', '    }', '    return ERROR_DI_DO_DEFAULT;', '}'),
  },
];

const invalid: InvalidCase[] = [
  {
    code: co(...requestIn('DIF_INSTALLDEVICE')),
    errors: [
      {
        messageId: 'misplaced',
        data: { flag: 'DI_FLAGSEX_FINISHINSTALL_ACTION', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
        line: 15,
        column: 20,
        endLine: 15,
        endColumn: 27,
        suggestions: [
          {
            messageId: 'moveRequest',
            output: co(
              // the get/set round trip carried only the request: it goes with it
              '    case DIF_INSTALLDEVICE:',
              '        break;',
              ...FINISH_CASE,
            ),
          },
        ],
      },
    ],
  },
  {
    name: 'assigned with | in the finish-install action itself',
    code: co('    case DIF_FINISHINSTALL_ACTION:', '        params.FlagsEx = params.FlagsEx | DI_FLAGSEX_FINISHINSTALL_ACTION;', '        break;'),
    errors: [
      {
        messageId: 'misplaced',
        data: { flag: 'DI_FLAGSEX_FINISHINSTALL_ACTION', entryPoint: 'CoInstaller', difCode: 'DIF_FINISHINSTALL_ACTION' },
        line: 14,
        column: 16,
        endColumn: 23,
        suggestions: [
          {
            output: co('    case DIF_FINISHINSTALL_ACTION:', '        break;', ...FINISH_CASE),
          },
        ],
      },
    ],
  },
  {
    name: 'in the default case; the existing finish-install case is kept and no second request is added',
    code: co(...requestIn('DIF_NEWDEVICEWIZARD_FINISHINSTALL')).replace('    default:\n        break;\n', '    default:\n        params.FlagsEx |= (DI_FLAGSEX_FINISHINSTALL_ACTION);\n        break;\n'),
    errors: [
      {
        messageId: 'misplaced',
        data: { flag: 'DI_FLAGSEX_FINISHINSTALL_ACTION', entryPoint: 'CoInstaller', difCode: 'any other DIF code' },
        line: 20,
        column: 16,
        suggestions: [{ output: co(...requestIn('DIF_NEWDEVICEWIZARD_FINISHINSTALL')) }],
      },
    ],
  },
  {
    name: 'a bare if body: reported, no suggestion',
    code: co('    case DIF_INSTALLDEVICE:', '        if (Context->PostProcessing) params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;', '        break;'),
    errors: [{ messageId: 'misplaced', line: 14, column: 45, endColumn: 52, suggestions: null }],
  },
  {
    name: 'class installer, if chain',
    code: lines(...HEAD, CLASS, '{', '    SP_DEVINSTALL_PARAMS_W p;', '    if (InstallFunction == DIF_INSTALLDEVICE) {', '        p.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;', '    }', '    return ERROR_DI_DO_DEFAULT;', '}'),
    errors: [
      {
        messageId: 'misplaced',
        data: { flag: 'DI_FLAGSEX_FINISHINSTALL_ACTION', entryPoint: 'ClassInstall', difCode: 'DIF_INSTALLDEVICE' },
        line: 11,
        column: 11,
        endColumn: 18,
        suggestions: [
          {
            output: lines(
              ...HEAD,
              CLASS,
              '{',
              '    SP_DEVINSTALL_PARAMS_W p;',
              '    if (InstallFunction == DIF_NEWDEVICEWIZARD_FINISHINSTALL) {',
              '        /* Ask Windows for a finish-install action; set it here, and only when one is needed. */',
              '        SP_DEVINSTALL_PARAMS_W params;',
              '        params.cbSize = sizeof(params);',
              '        if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params)) {',
              '            params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;',
              '            SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);',
              '        }',
              '        return ERROR_DI_DO_DEFAULT;',
              '    }',
              // the if held only the request: no empty block is left
              '    return ERROR_DI_DO_DEFAULT;',
              '}',
            ),
          },
        ],
      },
    ],
  },
];

new RuleTester().run('finish-install-flag-placement', asModule, { valid, invalid });

describe('with the installer model', () => {
  const helper = (code: string) =>
    lines(
      ...HEAD,
      'static void RequestAction(HDEVINFO set, PSP_DEVINFO_DATA data)',
      '{',
      '    SP_DEVINSTALL_PARAMS_W params;',
      '    params.cbSize = sizeof(params);',
      '    if (SetupDiGetDeviceInstallParamsW(set, data, &params)) {',
      '        params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;',
      '        SetupDiSetDeviceInstallParamsW(set, data, &params);',
      '    }',
      '}',
      '',
      CO,
      '{',
      `    if (InstallFunction == ${code}) {`,
      '        RequestAction(DeviceInfoSet, DeviceInfoData);',
      '    }',
      '    return NO_ERROR;',
      '}',
    );
  new RuleTester({ serviceProviders: [installerModelProvider] }).run('finish-install-flag-placement', asModule, {
    valid: [...valid, { name: 'a helper called only under DIF_NEWDEVICEWIZARD_FINISHINSTALL', code: helper('DIF_NEWDEVICEWIZARD_FINISHINSTALL') }],
    invalid: [
      ...invalid,
      {
        name: 'a helper called under DIF_INSTALLDEVICE: reported in the helper, no suggestion',
        code: helper('DIF_INSTALLDEVICE'),
        errors: [
          {
            messageId: 'misplaced',
            data: { flag: 'DI_FLAGSEX_FINISHINSTALL_ACTION', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
            line: 12,
            column: 16,
            endColumn: 23,
            suggestions: null,
          },
        ],
      },
    ],
  });
});

checkFixesCompile('finish-install-flag-placement', asModule, [
  {
    name: 'moving the request to DIF_NEWDEVICEWIZARD_FINISHINSTALL',
    code: co(...requestIn('DIF_INSTALLDEVICE')),
    apply: { finding: 0, suggestion: 0 },
    output: co(
      '    case DIF_INSTALLDEVICE:',
      '        break;',
      ...FINISH_CASE,
    ),
  },
]);

checkDocExamples('finish-install-flag-placement', asModule);
