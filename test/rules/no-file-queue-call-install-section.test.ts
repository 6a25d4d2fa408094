/**
 * no-file-queue-call on install sections (docs/installer-facts.md#file-queues): carrying out an
 * INF section's CopyFiles, DelFiles and RenFiles from code queues its file operations all the
 * same. SetupInstallFilesFromInfSection always does; SetupInstallFromInfSection does when its
 * Flags include SPINST_FILES (0x10; SPINST_ALL holds it). Flags without it (SPINST_REGISTRY) queue
 * nothing; flags the code does not spell out (a variable) are not reported. Written from the
 * guideline, in C and C++, with LF and CRLF line ends, with the installer model.
 */
import rule from '../../rules/no-file-queue-call.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const asModule: RuleModule = rule;
const tester = new RuleTester({ serviceProviders: [installerModelProvider] });

/** A class installer that carries out an INF section on DIF_INSTALLDEVICE: `statements` start on line 10. */
const classInstaller = (...statements: string[]) => [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  'DWORD CALLBACK ContosoClassInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev)',
  '{',
  '    HINF Inf = SetupOpenInfFileW(L"contoso.inf", NULL, INF_STYLE_WIN4, NULL);',
  '    HSPFILEQ Queue = SetupOpenFileQueue();',
  '    switch (Fn) {',
  '    case DIF_INSTALLDEVICE:',
  ...statements,
  '        break;',
  '    default:',
  '        break;',
  '    }',
  '    SetupCloseFileQueue(Queue);',
  '    return ERROR_DI_DO_DEFAULT;',
  '}',
  '',
];
/** The call of the section `Contoso.Install` with `flags`, at column 9. */
const install = (flags: string, api = 'SetupInstallFromInfSectionW') => `        ${api}(NULL, Inf, L"Contoso.Install", ${flags}, NULL, NULL, 0, NULL, NULL, Set, Dev);`;

/** A finding at the callee of line `line`, column 9. */
const queued = (api: string, line = 10, difCode = 'DIF_INSTALLDEVICE', entryPoint = 'ContosoClassInstaller') => ({
  messageId: 'fileQueue',
  data: { api, entryPoint, difCode },
  line,
  column: 9,
  endLine: line,
  endColumn: 9 + api.replace(/ with SPINST_FILES$/, '').length,
});

function cases(eol: string, filename: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const tag = `${filename}, ${eol === '\n' ? 'LF' : 'CRLF'}`;
  const code = (lines: string[]) => lines.join(eol);
  const valid: ValidCase[] = [
    ...[
      ['SPINST_REGISTRY', 'SPINST_REGISTRY'],
      ['registry and INI to registry', 'SPINST_REGISTRY | SPINST_INI2REG'],
      ['everything but the files', 'SPINST_ALL & ~SPINST_FILES'],
      ['SPINST_REGISTRY as a number', '0x4'],
      ['the log configuration, in parentheses', '(SPINST_LOGCONFIG | SPINST_LOGCONFIG_IS_FORCED)'],
    ].map(([what, flags]): ValidCase => ({ name: `${tag}: ${what}: no file operations`, code: code(classInstaller(install(flags))), filename })),
    {
      name: `${tag}: flags in a variable are not judged`,
      code: code(classInstaller('        {', '            UINT flags = SPINST_ALL;', install('flags').replace('        ', '            '), '        }')),
      filename,
    },
    {
      name: `${tag}: a function no entry point reaches`,
      code: code(['#include <setupapi.h>', 'void ContosoSetup(HINF Inf) { SetupInstallFromInfSectionW(NULL, Inf, L"S", SPINST_ALL, NULL, NULL, 0, NULL, NULL, NULL, NULL); }', '']),
      filename,
    },
    { name: `${tag}: in #if 0`, code: code(classInstaller('#if 0', install('SPINST_ALL'), '#endif')), filename },
    { name: `${tag}: the services of a section are another rule's`, code: code(classInstaller('        SetupInstallServicesFromInfSectionW(Inf, L"Contoso.Install.Services", 0);')), filename },
  ];
  const invalid: InvalidCase[] = [
    {
      name: `${tag}: SPINST_ALL under DIF_INSTALLDEVICE`,
      code: code(classInstaller(install('SPINST_ALL'))),
      filename,
      errors: [{ ...queued('SetupInstallFromInfSectionW with SPINST_FILES'), related: ['ContosoClassInstaller handles DIF_INSTALLDEVICE'] }],
    },
    ...[
      ['SPINST_FILES alone, ANSI', 'SPINST_FILES', 'SetupInstallFromInfSectionA'],
      ['files and registry', 'SPINST_FILES | SPINST_REGISTRY', 'SetupInstallFromInfSectionW'],
      ['the generic name', 'SPINST_ALL', 'SetupInstallFromInfSection'],
      ['a hexadecimal number with bit 0x10', '0x14', 'SetupInstallFromInfSectionW'],
      ['a decimal number, 16', '16', 'SetupInstallFromInfSectionW'],
      ['a suffixed number', '0x3FFUL', 'SetupInstallFromInfSectionW'],
      ['a cast of a combination', '(UINT)(SPINST_REGISTRY | 0x10)', 'SetupInstallFromInfSectionW'],
      ['SPINST_ALL but the registry', 'SPINST_ALL & ~SPINST_REGISTRY', 'SetupInstallFromInfSectionW'],
    ].map(
      ([what, flags, api]): InvalidCase => ({
        name: `${tag}: ${what}`,
        code: code(classInstaller(install(flags, api))),
        filename,
        errors: [queued(`${api} with SPINST_FILES`)],
      }),
    ),
    {
      name: `${tag}: SetupInstallFilesFromInfSection always queues the section's files`,
      code: code(classInstaller('        SetupInstallFilesFromInfSectionW(Inf, NULL, Queue, L"Contoso.Install", NULL, SP_COPY_NEWER);')),
      filename,
      errors: [queued('SetupInstallFilesFromInfSectionW')],
    },
    {
      name: `${tag}: a co-installer's helper, on DIF_INSTALLDEVICE`,
      code: code([
        '#include <setupapi.h>',
        'static void ContosoCopy(HINF Inf, HDEVINFO Set, PSP_DEVINFO_DATA Dev)',
        '{',
        install('SPINST_FILES'),
        '}',
        'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
        '{',
        '    if (Fn == DIF_INSTALLDEVICE && !Ctx->PostProcessing)',
        '        ContosoCopy(SetupOpenInfFileW(L"contoso.inf", NULL, INF_STYLE_WIN4, NULL), Set, Dev);',
        '    return NO_ERROR;',
        '}',
        '',
      ]),
      filename,
      errors: [
        {
          ...queued('SetupInstallFromInfSectionW with SPINST_FILES', 4, 'DIF_INSTALLDEVICE', 'ContosoCoInstaller'),
          related: ['ContosoCoInstaller handles DIF_INSTALLDEVICE', 'calls ContosoCopy()'],
        },
      ],
    },
  ];
  return { valid, invalid };
}

for (const eol of ['\n', '\r\n']) {
  for (const filename of ['installer.c', 'installer.cpp']) tester.run('no-file-queue-call', asModule, cases(eol, filename));
}

// C++ spellings: the global-scope qualifier, nullptr, a static_cast of the flags.
for (const eol of ['\n', '\r\n']) {
  const call = (flags: string) => `        ::SetupInstallFromInfSectionW(nullptr, Inf, L"Contoso.Install", ${flags}, nullptr, nullptr, 0, nullptr, nullptr, Set, Dev);`;
  tester.run('no-file-queue-call', asModule, {
    valid: [{ name: `C++, registry only (${eol === '\n' ? 'LF' : 'CRLF'})`, code: classInstaller(call('static_cast<UINT>(SPINST_REGISTRY)')).join(eol), filename: 'installer.cpp' }],
    invalid: [
      {
        name: `C++, SPINST_ALL through :: (${eol === '\n' ? 'LF' : 'CRLF'})`,
        code: classInstaller(call('SPINST_ALL')).join(eol),
        filename: 'installer.cpp',
        errors: [{ ...queued('SetupInstallFromInfSectionW with SPINST_FILES'), column: 11, endColumn: 38 }],
      },
    ],
  });
}

// Without the model every call that queues files is reported.
new RuleTester().run('no-file-queue-call', asModule, {
  valid: ['void f(HINF i) { SetupInstallFromInfSectionW(NULL, i, L"S", SPINST_REGISTRY, NULL, NULL, 0, NULL, NULL, NULL, NULL); }'],
  invalid: [
    {
      code: 'void f(HINF i) { SetupInstallFromInfSectionW(NULL, i, L"S", SPINST_ALL, NULL, NULL, 0, NULL, NULL, NULL, NULL); }',
      errors: [{ messageId: 'fileQueueAnywhere', data: { api: 'SetupInstallFromInfSectionW with SPINST_FILES' }, column: 18, endColumn: 45 }],
    },
  ],
});
