/** inf-no-legacy-installer with the engine's installer model: the module's C sources and .def beside the INF. */
import rule from '../../rules/inf-no-legacy-installer.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';
import { CLASS_INSTALLER, DEVICE_COINSTALLER, lines } from './inf-no-legacy-installer-infs.js';

const COINSTALLER_C = lines(
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  'DWORD CALLBACK ContosoCoInstaller(_In_ DI_FUNCTION InstallFunction, _In_ HDEVINFO DeviceInfoSet,',
  '    _In_opt_ PSP_DEVINFO_DATA DeviceInfoData, _Inout_ PCOINSTALLER_CONTEXT_DATA Context)',
  '{',
  '    switch (InstallFunction) {',
  '    case DIF_INSTALLDEVICE:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
  'int NotAnInstaller(int x) { return x; }',
);

const modelCases: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'legacy target with the model',
      code: DEVICE_COINSTALLER.replace('ContosoCoInstaller"', 'Misspelt"'),
      filename: 'x.inf',
      settings: { target: 'legacy' as const },
      moduleFiles: { 'coinst.c': COINSTALLER_C },
    },
  ],
  invalid: [
    {
      name: 'real model: the value names the C entry point',
      code: DEVICE_COINSTALLER,
      filename: 'x.inf',
      moduleFiles: { 'coinst.c': COINSTALLER_C, 'contoso.def': 'LIBRARY ContosoCoInst\nEXPORTS\n    ContosoCoInstaller\n' },
      errors: [{ messageId: 'coInstaller', related: ['ContosoCoInstaller, the co-installer entry point this value names'] }],
    },
    {
      name: 'real model: the INF names the default CoDeviceInstall, which the .def aliases to the C function',
      code: DEVICE_COINSTALLER.replace(',ContosoCoInstaller"', '"'),
      filename: 'x.inf',
      moduleFiles: { 'coinst.c': COINSTALLER_C, 'contoso.def': 'LIBRARY ContosoCoInst\nEXPORTS\n    CoDeviceInstall = ContosoCoInstaller @1\n' },
      errors: [
        {
          messageId: 'coInstaller',
          data: { installer: '"ContosoCoInst.dll,CoDeviceInstall"', target: 'Windows Drivers' },
          related: ['ContosoCoInstaller, the co-installer entry point this value names'],
        },
      ],
    },
    {
      name: 'real model: a class installer in C++ as a static member function',
      code: CLASS_INSTALLER,
      filename: 'x.inf',
      moduleFiles: {
        'cls.cpp': lines(
          'class Installer {',
          'public:',
          '    static DWORD WINAPI Dispatch(DI_FUNCTION f, HDEVINFO set, SP_DEVINFO_DATA *data) { return ERROR_DI_DO_DEFAULT; }',
          '};',
          'extern "C" DWORD CALLBACK ContosoClassInstaller(DI_FUNCTION f, HDEVINFO set, PSP_DEVINFO_DATA data)',
          '{',
          '    return Installer::Dispatch(f, set, data);',
          '}',
        ),
      },
      errors: [{ messageId: 'classInstaller', related: ['ContosoClassInstaller, the class installer entry point this value names'] }],
    },
    {
      name: 'real model: a package INF beside sources with no installer at all (prebuilt DLL): no entry point check',
      code: DEVICE_COINSTALLER,
      filename: 'x.inf',
      moduleFiles: { 'driver.c': 'NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { return 0; }\n' },
      errors: [{ messageId: 'coInstaller', related: [] }],
    },
    {
      name: 'real model: a misspelt entry point',
      code: DEVICE_COINSTALLER.replace('ContosoCoInstaller"', 'ContosoCoInstallr"'),
      filename: 'x.inf',
      moduleFiles: { 'coinst.c': COINSTALLER_C },
      errors: [
        { messageId: 'coInstaller', related: [] },
        { messageId: 'unknownEntryPoint', data: { kind: 'CoInstallers32', entryPoint: 'ContosoCoInstallr', dll: 'ContosoCoInst.dll' }, line: 8, column: 51, endColumn: 68 },
      ],
    },
    {
      // The model takes the function the INF names for an entry point all the same: it is not "missing".
      name: 'real model: the INF names a function without an installer signature',
      code: DEVICE_COINSTALLER.replace('ContosoCoInstaller"', 'NotAnInstaller"'),
      filename: 'x.inf',
      moduleFiles: { 'coinst.c': COINSTALLER_C },
      errors: [
        { messageId: 'coInstaller', related: [] },
        { messageId: 'notInstallerSignature', data: { kind: 'CoInstallers32', entryPoint: 'NotAnInstaller', dll: 'ContosoCoInst.dll' }, line: 8, column: 51, endColumn: 65 },
      ],
    },
  ],
};

new RuleTester({ serviceProviders: [installerModelProvider] }).run(
  'inf-no-legacy-installer (installer model)',
  rule,
  modelCases,
);
