import { readFileSync } from 'node:fs';
import { RuleTester } from '../support/rule-tester.js';
import rule from '../../rules/inf-no-legacy-installer.js';
import type { ServiceProvider } from '../../engine/linter/linter.js';
import type { EntryPointInfo } from '../../engine/model/contract.js';
import { fakeInstallerModel } from './fake-installer-model.js';
import { CLASS_INSTALLER, DEVICE_COINSTALLER, lines, UNIVERSAL_INF } from './inf-no-legacy-installer-infs.js';

/** A stand-in for the installer model: only the entry points matter to this rule. */
function fakeModel(entryPoints: Partial<EntryPointInfo>[]): ServiceProvider {
  const full = entryPoints.map(
    (e): EntryPointInfo => ({
      name: 'CoDeviceInstall',
      kind: 'co-installer',
      filePath: '/virtual/module/coinst.c',
      range: [0, 100],
      nameRange: [6, 21],
      params: {},
      via: ['signature'],
      handledDifCodes: [],
      ...e,
    }),
  );
  // A context reaching each entry point's name, its first step anchored on the name (line 1 of its file).
  const model = fakeInstallerModel({
    entryPoints: full,
    contextsAt: (filePath, offset) =>
      full
        .filter((e) => e.filePath === filePath && e.nameRange[0] === offset)
        .map((e) => ({
          entryPoint: e,
          difCode: 'DIF_INSTALLDEVICE',
          interactive: false,
          chain: [
            {
              filePath,
              line: 1,
              column: e.nameRange[0] + 1,
              endLine: 1,
              endColumn: e.nameRange[1] + 1,
              range: e.nameRange,
              label: `${e.name} handles any DIF code`,
            },
          ],
        })),
  });
  return () => ({ installer: model });
}

new RuleTester().run('inf-no-legacy-installer', rule, {
  valid: [
    { name: 'a declarative INF', code: UNIVERSAL_INF, filename: 'contoso.inf' },
    { name: 'legacy target: co-installer allowed', code: DEVICE_COINSTALLER, filename: 'x.inf', settings: { target: 'legacy' } },
    { name: 'legacy target: class installer allowed', code: CLASS_INSTALLER, filename: 'x.inx', settings: { target: 'legacy' } },
    {
      name: 'commented-out registration',
      code: lines(
        '[Install.NT]',
        '; [Install.NT.CoInstallers]',
        '; AddReg = CoInst',
        'CopyFiles = Files',
        '[CoInst]',
        ';HKR,,CoInstallers32,0x00010000,"x.dll,Y"',
      ),
      filename: 'x.inf',
    },
    {
      name: '[ClassInstall32] that only describes the class (no Installer32)',
      code: lines('[ClassInstall32]', 'AddReg = ClassReg', '[ClassReg]', 'HKR,,,,"Contoso devices"', 'HKR,,Icon,,"-5"'),
      filename: 'x.inf',
    },
    {
      name: 'an AddReg section nobody references',
      code: lines('[Install.NT]', 'CopyFiles = F', '[Dead.AddReg]', 'HKR,,CoInstallers32,0x00010000,"dead.dll,Dead"'),
      filename: 'x.inf',
    },
    {
      name: 'a disable directive in an INF comment',
      code: lines(
        '; coinstaller-lint-disable inf-no-legacy-installer -- removed in the next release',
        '[Contoso.NT.CoInstallers]',
        'AddReg = R',
        '[R]',
        'HKR,,CoInstallers32,0x00010000,"c.dll,Entry"',
      ),
      filename: 'x.inf',
    },
    {
      name: 'C sources are not this rule\'s business',
      code: 'const char *s = "[X.CoInstallers]";\n',
      filename: 'installer.c',
    },
  ],
  invalid: [
    {
      name: 'a device co-installer: one finding, on the value (not on its section)',
      code: DEVICE_COINSTALLER,
      filename: 'x.inf',
      errors: [
        {
          messageId: 'coInstaller',
          message:
            'CoInstallers32 registers the co-installer "ContosoCoInst.dll,ContosoCoInstaller": co-installers are not allowed when the package targets Windows Drivers (settings.target).',
          line: 8,
          column: 32,
          endLine: 8,
          endColumn: 70,
        },
      ],
    },
    {
      name: 'a class installer, universal target: one finding, on Installer32 (not on [ClassInstall32])',
      code: CLASS_INSTALLER,
      filename: 'x.inf',
      settings: { target: 'universal' },
      errors: [
        {
          messageId: 'classInstaller',
          message:
            'Installer32 registers the class installer "ContosoCls.dll,ContosoClassInstaller": class installers are not allowed when the package targets universal drivers (settings.target).',
          line: 7,
          column: 19,
          endColumn: 57,
        },
      ],
    },
    {
      name: 'CRLF, a continued AddReg line, a %string% value and a DLL with no entry point',
      code: [
        '[Dev.NTamd64.CoInstallers]',
        'AddReg = Other.AddReg, \\',
        '         Dev.CoInst.AddReg',
        '[Dev.CoInst.AddReg]',
        'HKR,,CoInstallers32,0x00010000,"%CoInstDll%","second.dll"',
        '[Strings]',
        'CoInstDll = "contoso.dll,Entry"',
        '',
      ].join('\r\n'),
      filename: 'x.inf',
      errors: [
        { messageId: 'coInstaller', data: { installer: '"contoso.dll,Entry"', target: 'Windows Drivers' }, line: 5, column: 32, endColumn: 45 },
        { messageId: 'coInstaller', data: { installer: '"second.dll,CoDeviceInstall"', target: 'Windows Drivers' }, line: 5, column: 46, endColumn: 58 },
      ],
    },
    {
      name: 'a class co-installer registered under CoDeviceInstallers',
      code: lines(
        '[DefaultInstall.NT]',
        'AddReg = ClassCoInst',
        '[ClassCoInst]',
        'HKLM,System\\CurrentControlSet\\Control\\CoDeviceInstallers,{4d36e972-e325-11ce-bfc1-08002be10318},0x00010008,"netco.dll,NetCoInstaller"',
      ),
      filename: 'x.inf',
      errors: [
        { messageId: 'classCoInstaller', data: { installer: '"netco.dll,NetCoInstaller"', target: 'Windows Drivers' }, line: 4, column: 108, endColumn: 134 },
      ],
    },
    {
      name: 'an .inx file with lower-case names and an empty CoInstallers section',
      code: lines('[version]', 'signature="$Windows NT$"', '[dev.nt.coinstallers]', '; nothing yet'),
      filename: 'contoso.inx',
      errors: [
        {
          messageId: 'coInstallersSection',
          message: '[dev.nt.coinstallers] is a DDInstall.CoInstallers section: co-installers are not allowed when the package targets Windows Drivers (settings.target).',
          line: 3,
          column: 2,
          endColumn: 21,
        },
      ],
    },
    {
      name: 'CoInstallers32 written from the DDInstall section itself',
      code: lines('[Install.NT]', 'AddReg = Install.AddReg', '[Install.AddReg]', '  HKR, , CoInstallers32, 0x00010000, "sneaky.dll,Sneaky"'),
      filename: 'x.inf',
      errors: [{ messageId: 'coInstaller', data: { installer: '"sneaky.dll,Sneaky"', target: 'Windows Drivers' }, line: 4, column: 38, endColumn: 57 }],
    },
  ],
});

// With an installer model: the value is tied to the C entry point it names.
new RuleTester({
  serviceProviders: [
    fakeModel([
      { name: 'ContosoCoInstaller', nameLoc: { line: 3, column: 16, endLine: 3, endColumn: 34 } },
      {
        name: 'ContosoClassInstaller',
        kind: 'class-installer',
        filePath: '/virtual/module/cls.c',
        via: ['signature', 'inf'],
      },
      { name: 'NotAnInstaller', via: ['def'] },
    ]),
  ],
}).run('inf-no-legacy-installer', rule, {
  valid: [
    { name: 'legacy target: no check at all', code: DEVICE_COINSTALLER.replace('ContosoCoInstaller"', 'Typo"'), filename: 'x.inf', settings: { target: 'legacy' } },
  ],
  invalid: [
    {
      name: 'a class installer found: related information from the step anchored on its name',
      code: CLASS_INSTALLER,
      filename: 'x.inf',
      errors: [{ messageId: 'classInstaller', related: ['ContosoClassInstaller, the class installer entry point this value names'] }],
    },
    {
      name: 'the entry point exists: only the legacy finding',
      code: DEVICE_COINSTALLER,
      filename: 'x.inf',
      errors: [{ messageId: 'coInstaller', line: 8, related: ['ContosoCoInstaller, the co-installer entry point this value names'] }],
    },
    {
      name: 'a misspelt entry point',
      code: DEVICE_COINSTALLER.replace('ContosoCoInstaller"', 'ContosoCoInstalller"'),
      filename: 'x.inf',
      errors: [
        { messageId: 'coInstaller', line: 8, column: 32, endColumn: 71 },
        {
          messageId: 'unknownEntryPoint',
          data: { kind: 'CoInstallers32', entryPoint: 'ContosoCoInstalller', dll: 'ContosoCoInst.dll' },
          line: 8,
          column: 51,
          endColumn: 70,
        },
      ],
    },
    {
      name: 'a function the model takes for an entry point (by .def) without an installer signature: not called missing',
      code: CLASS_INSTALLER.replace('ContosoClassInstaller"', 'NotAnInstaller"'),
      filename: 'x.inf',
      errors: [
        { messageId: 'classInstaller', related: [] },
        {
          messageId: 'notInstallerSignature',
          message:
            "Installer32 names NotAnInstaller in ContosoCls.dll: this module's NotAnInstaller does not have an installer's parameters (DI_FUNCTION, HDEVINFO, PSP_DEVINFO_DATA and, for a co-installer, PCOINSTALLER_CONTEXT_DATA).",
          line: 7,
          column: 35,
          endColumn: 49,
        },
      ],
    },
    {
      name: 'no entry point written: the default CoDeviceInstall is looked for',
      code: lines('[D.CoInstallers]', 'AddReg = R', '[R]', 'HKR,,CoInstallers32,0x00010000,"contoso.dll"'),
      filename: 'x.inf',
      errors: [
        { messageId: 'coInstaller', data: { installer: '"contoso.dll,CoDeviceInstall"', target: 'Windows Drivers' } },
        { messageId: 'unknownEntryPoint', data: { kind: 'CoInstallers32', entryPoint: 'CoDeviceInstall', dll: 'contoso.dll' }, line: 4, column: 32, endColumn: 45 },
      ],
    },
    {
      name: 'a class co-installer naming no installer function',
      code: lines(
        '[DefaultInstall.NT]',
        'AddReg = ClassCoInst',
        '[ClassCoInst]',
        'HKLM,System\\CurrentControlSet\\Control\\CoDeviceInstallers,{4d36e972-e325-11ce-bfc1-08002be10318},0x00010008,"netco.dll,NetCoInstaller"',
      ),
      filename: 'x.inf',
      errors: [
        { messageId: 'classCoInstaller' },
        {
          messageId: 'unknownEntryPoint',
          message: 'The CoDeviceInstallers value names NetCoInstaller in netco.dll, but no function of this module has an installer signature under that name.',
          line: 4,
          column: 119,
          endColumn: 133,
        },
      ],
    },
    {
      name: "Microsoft's framework co-installers are not expected in the module",
      code: lines('[D.CoInstallers]', 'AddReg = R', '[R]', 'HKR,,CoInstallers32,0x00010000,"WdfCoInstaller01011.dll,WdfCoInstaller"'),
      filename: 'x.inf',
      errors: [{ messageId: 'coInstaller' }],
    },
    {
      name: 'the KMDF co-installer named with a stampinf token in an .inx',
      code: lines(
        '[D.NT.CoInstallers]',
        'AddReg = R',
        '[R]',
        'HKR,,CoInstallers32,0x00010000, "WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll,WdfCoInstaller"',
        'HKR,,CoInstallers32,0x00010000, "WUDFUpdate_$UMDFCOINSTALLERVERSION$.dll"',
      ),
      filename: 'x.inx',
      errors: [
        { messageId: 'coInstaller', data: { installer: '"WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll,WdfCoInstaller"', target: 'Windows Drivers' }, column: 33 },
        { messageId: 'coInstaller', data: { installer: '"WUDFUpdate_$UMDFCOINSTALLERVERSION$.dll,CoDeviceInstall"', target: 'Windows Drivers' }, line: 5 },
      ],
    },
  ],
});

// The examples of docs/rules/inf-no-legacy-installer.md, linted as they stand in the page.
const page = readFileSync(new URL('../../docs/rules/inf-no-legacy-installer.md', import.meta.url), 'utf8');
/** The ```ini blocks of the page between two markers. */
const blocks = (from: string, to: string) => {
  const text = page.slice(page.indexOf(from), page.indexOf(to));
  return [...text.matchAll(/```ini\n([\s\S]*?)```/g)].map((m) => m[1]);
};
const incorrect = blocks('\nIncorrect:\n', '\nCorrect:\n');
const correct = blocks('\nCorrect:\n', '\n## Options');
if (incorrect.length !== 2 || correct.length !== 1) throw new Error('the documented examples changed: update this test');

new RuleTester().run('inf-no-legacy-installer (documented examples)', rule, {
  valid: correct.map((code) => ({ code, filename: 'example.inf' })),
  invalid: [
    {
      name: 'documented incorrect example 1',
      code: incorrect[0],
      filename: 'example.inf',
      errors: [{ messageId: 'coInstaller', line: 5 }],
    },
    {
      name: 'documented incorrect example 2',
      code: incorrect[1],
      filename: 'example.inf',
      errors: [{ messageId: 'classInstaller', data: { installer: '"ContosoCls.dll,ContosoClassInstaller"', target: 'Windows Drivers' }, line: 6 }],
    },
  ],
});
