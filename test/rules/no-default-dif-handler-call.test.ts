import { describe } from 'vitest';
import rule from '../../rules/no-default-dif-handler-call.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester } from '../support/rule-tester.js';
import { checkFixesCompile } from '../support/fix-checks.js';
import { checkDocExamples } from './rule-doc-examples.js';

const asModule: RuleModule = rule;
const HEAD = '#include <windows.h>\n#include <setupapi.h>\n';
const CO_SIGNATURE =
  'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)\n';

/** A co-installer whose switch holds `cases` from line 7 on. */
function coInstaller(cases: string, before = ''): string {
  return `${HEAD}${before}\n${CO_SIGNATURE}{\n    switch (InstallFunction) {\n${cases}    default:\n        break;\n    }\n    return NO_ERROR;\n}\n`;
}

function classInstaller(cases: string): string {
  return (
    `${HEAD}\nDWORD CALLBACK ClassInstall(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)\n` +
    `{\n    switch (InstallFunction) {\n${cases}    default:\n        break;\n    }\n    return ERROR_DI_DO_DEFAULT;\n}\n`
  );
}

const installCase = '    case DIF_INSTALLDEVICE:\n        SetupDiInstallDevice(DeviceInfoSet, DeviceInfoData);\n        break;\n';

// Without the model: calls directly inside a function with the co-installer prototype.
new RuleTester().run('no-default-dif-handler-call', asModule, {
  valid: [
    {
      name: 'a class installer may call the default handler itself, to work after it',
      code: classInstaller('    case DIF_INSTALLDEVICE:\n        if (!SetupDiInstallDevice(DeviceInfoSet, DeviceInfoData)) return GetLastError();\n        return NO_ERROR;\n'),
    },
    { name: 'a function that is no installer', code: 'void Tool(HDEVINFO s, PSP_DEVINFO_DATA d) { SetupDiInstallDevice(s, d); }' },
    coInstaller('    case DIF_INSTALLDEVICE:\n        SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, NULL);\n        break;\n'),
    coInstaller('    case DIF_INSTALLDEVICE:\n        /* SetupDiInstallDevice runs after us */\n        break;\n'),
    {
      name: 'SetupDiCallClassInstaller is not a default handler',
      code: coInstaller('    case DIF_PROPERTYCHANGE:\n        SetupDiCallClassInstaller(DIF_PROPERTYCHANGE, DeviceInfoSet, DeviceInfoData);\n        break;\n'),
    },
  ],
  invalid: [
    {
      code: coInstaller(installCase),
      errors: [
        {
          messageId: 'defaultHandlerInEntryPoint',
          data: { api: 'SetupDiInstallDevice', handles: 'DIF_INSTALLDEVICE' },
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 29,
          suggestions: [{ messageId: 'removeCall', output: coInstaller('    case DIF_INSTALLDEVICE:\n        break;\n') }],
        },
      ],
    },
    {
      name: 'the result is used: no suggestion',
      code: coInstaller('    case DIF_REMOVE:\n        if (!SetupDiRemoveDevice(DeviceInfoSet, DeviceInfoData)) return GetLastError();\n        break;\n'),
      errors: [{ messageId: 'defaultHandlerInEntryPoint', data: { api: 'SetupDiRemoveDevice', handles: 'DIF_REMOVE' }, line: 8, column: 14, endColumn: 33, suggestions: null }],
    },
    {
      name: 'the body of a bare if: no suggestion (removing it would change the if)',
      code: coInstaller('    case DIF_PROPERTYCHANGE:\n        if (Context->PostProcessing) SetupDiChangeState(DeviceInfoSet, DeviceInfoData);\n        break;\n'),
      errors: [{ messageId: 'defaultHandlerInEntryPoint', data: { api: 'SetupDiChangeState', handles: 'DIF_PROPERTYCHANGE' }, line: 8, column: 38, suggestions: null }],
    },
    {
      name: 'UINT for the DIF code, if chain',
      code:
        'DWORD WINAPI CoInst(UINT dif, HDEVINFO set, PSP_DEVINFO_DATA data, PCOINSTALLER_CONTEXT_DATA ctx)\n{\n' +
        '    if (dif == DIF_FINISHINSTALL_ACTION) {\n        SetupDiFinishInstallAction(set, data);\n    }\n    return NO_ERROR;\n}\n',
      errors: [
        {
          messageId: 'defaultHandlerInEntryPoint',
          data: { api: 'SetupDiFinishInstallAction', handles: 'DIF_FINISHINSTALL_ACTION' },
          line: 4,
          column: 9,
          endColumn: 35,
          suggestions: [
            {
              // the call was the if's only statement: the if goes with it, no empty block is left
              output: 'DWORD WINAPI CoInst(UINT dif, HDEVINFO set, PSP_DEVINFO_DATA data, PCOINSTALLER_CONTEXT_DATA ctx)\n{\n    return NO_ERROR;\n}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'two handlers in one case, CRLF kept by the suggestion',
      code: coInstaller('    case DIF_SELECTBESTCOMPATDRV:\n        SetupDiSelectBestCompatDrv(DeviceInfoSet, DeviceInfoData);\n        SetupDiRegisterCoDeviceInstallers(DeviceInfoSet, DeviceInfoData);\n        break;\n').replace(/\n/g, '\r\n'),
      errors: [
        {
          messageId: 'defaultHandlerInEntryPoint',
          data: { api: 'SetupDiSelectBestCompatDrv', handles: 'DIF_SELECTBESTCOMPATDRV' },
          line: 8,
          column: 9,
          suggestions: [
            {
              output: coInstaller('    case DIF_SELECTBESTCOMPATDRV:\n        SetupDiRegisterCoDeviceInstallers(DeviceInfoSet, DeviceInfoData);\n        break;\n').replace(/\n/g, '\r\n'),
            },
          ],
        },
        { messageId: 'defaultHandlerInEntryPoint', data: { api: 'SetupDiRegisterCoDeviceInstallers', handles: 'DIF_REGISTER_COINSTALLERS' }, line: 9, column: 9 },
      ],
    },
  ],
});

describe('with the installer model', () => {
  new RuleTester({ serviceProviders: [installerModelProvider] }).run('no-default-dif-handler-call', asModule, {
    valid: [
      classInstaller('    case DIF_INSTALLDEVICE:\n        if (!SetupDiInstallDevice(DeviceInfoSet, DeviceInfoData)) return GetLastError();\n        return NO_ERROR;\n'),
      {
        name: 'a helper that only a class installer reaches',
        code: classInstaller('    case DIF_REMOVE:\n        return DoRemove(DeviceInfoSet, DeviceInfoData);\n').replace(
          HEAD,
          `${HEAD}\nstatic DWORD DoRemove(HDEVINFO s, PSP_DEVINFO_DATA d)\n{\n    return SetupDiRemoveDevice(s, d) ? NO_ERROR : GetLastError();\n}\n`,
        ),
      },
      {
        name: 'a device-management tool export of the same DLL',
        code: coInstaller('', '\nvoid CALLBACK Reinstall(HWND w, HINSTANCE i, LPSTR cmd, int show)\n{\n    SetupDiInstallDevice(NULL, NULL);\n}\n'),
      },
      coInstaller('    case DIF_INSTALLDEVICE:\n        return ERROR_DI_POSTPROCESSING_REQUIRED;\n'),
      coInstaller('    case DIF_PROPERTYCHANGE:\n        SetupDiCallClassInstaller(DIF_PROPERTYCHANGE, DeviceInfoSet, DeviceInfoData);\n        break;\n'),
    ],
    invalid: [
      {
        code: coInstaller(installCase),
        errors: [
          {
            messageId: 'defaultHandler',
            data: { api: 'SetupDiInstallDevice', handles: 'DIF_INSTALLDEVICE', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
            line: 8,
            column: 9,
            endColumn: 29,
            suggestions: [{ output: coInstaller('    case DIF_INSTALLDEVICE:\n        break;\n') }],
          },
        ],
      },
      {
        name: 'through a helper',
        code: coInstaller('    case DIF_REMOVE:\n        Remove(DeviceInfoSet, DeviceInfoData);\n        break;\n', '\nstatic void Remove(HDEVINFO s, PSP_DEVINFO_DATA d)\n{\n    SetupDiRemoveDevice(s, d);\n}\n'),
        errors: [{ messageId: 'defaultHandler', data: { api: 'SetupDiRemoveDevice', handles: 'DIF_REMOVE', entryPoint: 'CoInstaller', difCode: 'DIF_REMOVE' }, line: 6, column: 5 }],
      },
      {
        name: 'default handler of another code',
        code: coInstaller('    case DIF_INSTALLDEVICE:\n        SetupDiInstallDriverFiles(DeviceInfoSet, DeviceInfoData);\n        break;\n'),
        errors: [{ messageId: 'defaultHandler', data: { api: 'SetupDiInstallDriverFiles', handles: 'DIF_INSTALLDEVICEFILES', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 8 }],
      },
      {
        name: 'in post-processing too',
        code: coInstaller('    case DIF_INSTALLINTERFACES:\n        if (Context->PostProcessing) {\n            SetupDiInstallDeviceInterfaces(DeviceInfoSet, DeviceInfoData);\n        }\n        break;\n'),
        errors: [{ messageId: 'defaultHandler', data: { api: 'SetupDiInstallDeviceInterfaces', handles: 'DIF_INSTALLINTERFACES', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLINTERFACES' }, line: 9, column: 13 }],
      },
      {
        name: 'SetupDiUnremoveDevice and SetupDiRegisterDeviceInfo',
        code: coInstaller('    case DIF_UNREMOVE:\n        SetupDiUnremoveDevice(DeviceInfoSet, DeviceInfoData);\n        SetupDiRegisterDeviceInfo(DeviceInfoSet, DeviceInfoData, 0, NULL, NULL, NULL);\n        break;\n'),
        errors: [
          { messageId: 'defaultHandler', data: { api: 'SetupDiUnremoveDevice', handles: 'DIF_UNREMOVE', entryPoint: 'CoInstaller', difCode: 'DIF_UNREMOVE' }, line: 8 },
          { messageId: 'defaultHandler', data: { api: 'SetupDiRegisterDeviceInfo', handles: 'DIF_REGISTERDEVICE', entryPoint: 'CoInstaller', difCode: 'DIF_UNREMOVE' }, line: 9 },
        ],
      },
    ],
  });
});

checkFixesCompile('no-default-dif-handler-call', asModule, [
  {
    name: 'removing the call',
    code: coInstaller(installCase),
    apply: { finding: 0, suggestion: 0 },
    output: coInstaller('    case DIF_INSTALLDEVICE:\n        break;\n'),
  },
]);

checkDocExamples('no-default-dif-handler-call', asModule);
