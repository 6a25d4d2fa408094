/**
 * no-ui-outside-finish-install and the quiet test (docs/installer-facts.md#dif-codes-and-interactivity):
 * under DIF_ALLOW_INSTALL and DIF_REMOVE, UI where DI_QUIETINSTALL was tested clear (or
 * SetupGetNonInteractiveMode returned FALSE) is allowed; under core installation codes the test
 * does not make UI safe and the message says so; DIF_TROUBLESHOOTER is interactive. Every case in
 * C and C++, LF and CRLF, but the one with a suggestion's full text.
 */
import rule from '../../rules/no-ui-outside-finish-install.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { type ExpectedError, RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const ID = 'no-ui-outside-finish-install';
const RULE: RuleModule = rule;
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

const CO_HEAD = 'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)';
const CLASS_HEAD = 'ClassInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)';

/** An installer whose switch runs `body` (lines already indented) per DIF code; the switch starts on line 8. */
function installer(head: string, cases: Record<string, string[]>): string {
  const lines = ['#include <windows.h>', '#include <setupapi.h>', '', '__declspec(dllexport) DWORD CALLBACK', head, '{', '    SP_DEVINSTALL_PARAMS_W p;', '    switch (InstallFunction) {'];
  for (const [code, body] of Object.entries(cases)) lines.push(`    case ${code}:`, ...body, '        break;');
  lines.push('    default:', '        break;', '    }', head.startsWith('Class') ? '    return ERROR_DI_DO_DEFAULT;' : '    return NO_ERROR;', '}', '');
  return lines.join('\n');
}

const GET = '        p.cbSize = sizeof(p);';
const MB = (text: string) => `MessageBoxW(NULL, L"${text}", L"Contoso", MB_OK);`;

const VALID: [string, string][] = [
  [
    'DIF_ALLOW_INSTALL in a class installer: UI where DI_QUIETINSTALL was tested clear',
    installer(CLASS_HEAD, {
      DIF_ALLOW_INSTALL: [GET, '        if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &p) && !(p.Flags & DI_QUIETINSTALL)) {', `            ${MB('Install the older driver?')}`, '        }'],
    }),
  ],
  [
    'DIF_REMOVE: UI after an early return when the installation is quiet',
    installer(CO_HEAD, {
      DIF_REMOVE: ['        {', `    ${GET}`, '            SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &p);', '            if (p.Flags & DI_QUIETINSTALL) return NO_ERROR;', `            ${MB('Removed')}`, '        }'],
    }),
  ],
  [
    'DIF_REMOVE: UI when SetupGetNonInteractiveMode returned FALSE, directly and in a helper',
    installer(CO_HEAD, {
      DIF_REMOVE: ['        if (!SetupGetNonInteractiveMode()) {', `            ${MB('Removed')}`, '        }', '        if (SetupGetNonInteractiveMode() == FALSE) ShowRemoved();'],
    }).replace('__declspec', `static void ShowRemoved(void) { ${MB('Removed')} }\n__declspec`),
  ],
  [
    'DIF_TROUBLESHOOTER is interactive',
    installer(CO_HEAD, { DIF_TROUBLESHOOTER: [`        ${MB('Starting the troubleshooter')}`] }),
  ],
];

const uiError = (messageId: string, difCode: string, line: number, column: number, entryPoint = 'CoInstaller'): ExpectedError => ({
  messageId,
  data: { api: 'MessageBoxW', entryPoint, difCode },
  line,
  column,
  endLine: line,
  endColumn: column + 'MessageBoxW'.length,
});

const INVALID: { name: string; code: string; errors: ExpectedError[] }[] = [
  {
    name: 'DIF_REMOVE without a quiet test: reported, the message asks for the test (no move into an action)',
    code: installer(CO_HEAD, { DIF_REMOVE: [`        ${MB('Removed')}`] }),
    errors: [{ ...uiError('uiQuietNotClear', 'DIF_REMOVE', 10, 9), suggestions: null }],
  },
  {
    name: 'DIF_ALLOW_INSTALL: UI on the branch where DI_QUIETINSTALL is set',
    code: installer(CLASS_HEAD, { DIF_ALLOW_INSTALL: ['        if (p.Flags & DI_QUIETINSTALL) {', `            ${MB('Quiet?')}`, '        }'] }),
    errors: [uiError('uiQuietNotClear', 'DIF_ALLOW_INSTALL', 11, 13, 'ClassInstaller')],
  },
  {
    name: 'DIF_INSTALLDEVICE: the clear test does not make UI safe, and the message says so',
    code: installer(CO_HEAD, { DIF_INSTALLDEVICE: ['        if (!(p.Flags & DI_QUIETINSTALL)) {', `            ${MB('Installed')}`, '        }'] }),
    errors: [uiError('uiQuietGuarded', 'DIF_INSTALLDEVICE', 11, 13)],
  },
  {
    name: 'labels DIF_REMOVE and DIF_INSTALLDEVICE on one clear test: reported for DIF_INSTALLDEVICE only',
    code: installer(CO_HEAD, { DIF_REMOVE: [], DIF_INSTALLDEVICE: ['        if (!SetupGetNonInteractiveMode()) {', `            ${MB('Done')}`, '        }'] }).replace(
      '    case DIF_REMOVE:\n        break;\n',
      '    case DIF_REMOVE:\n',
    ),
    errors: [uiError('uiQuietGuarded', 'DIF_INSTALLDEVICE', 12, 13)],
  },
];

const VARIANTS: [string, string, (t: string) => string][] = [
  ['C, LF', 'installer.c', (t) => t],
  ['C, CRLF', 'installer.c', crlf],
  ['C++, LF', 'installer.cpp', (t) => t],
  ['C++, CRLF', 'installer.cpp', crlf],
];

const valid: ValidCase[] = VARIANTS.flatMap(([variant, filename, eol]) => VALID.map(([name, code]) => ({ name: `${variant}: ${name}`, filename, code: eol(code) })));

const invalid: InvalidCase[] = VARIANTS.flatMap(([variant, filename, eol]) =>
  INVALID.map((c) => ({ name: `${variant}: ${c.name}`, filename, code: eol(c.code), output: null, errors: c.errors })),
);

// The message of the core-installation case, read once in full.
invalid.push({
  name: 'the quiet-guarded message names the two codes where the test does make UI acceptable',
  code: INVALID[2].code,
  output: null,
  errors: [
    {
      message:
        'MessageBoxW shows user interface while CoInstaller handles DIF_INSTALLDEVICE, which may run in a non-interactive service where nobody can answer it and device installation hangs; testing DI_QUIETINSTALL (or SetupGetNonInteractiveMode) does not make it safe there, only under DIF_ALLOW_INSTALL and DIF_REMOVE. Show it from a finish-install action (DIF_FINISHINSTALL_ACTION) instead.',
    },
  ],
});

// Under a core installation code the block holding the test and the call moves whole into a new
// finish-install action: a suggestion, as it is not the call alone.
const BLOCK = [
  '        {',
  '            SP_DEVINSTALL_PARAMS_W p;',
  '            p.cbSize = sizeof(p);',
  '            if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &p) && !(p.Flags & DI_QUIETINSTALL)) {',
  '                MessageBoxW(NULL, L"Installed", L"Contoso", MB_OK);',
  '            }',
  '        }',
];
const MOVED = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  '/* Older SDK headers lack the Windows Vista finish-install constants. */',
  '#ifndef DIF_FINISHINSTALL_ACTION',
  '#define DIF_FINISHINSTALL_ACTION 0x0000002A',
  '#endif',
  '#ifndef DI_FLAGSEX_FINISHINSTALL_ACTION',
  '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x00000008L',
  '#endif',
  '',
  '__declspec(dllexport) DWORD CALLBACK',
  CO_HEAD,
  '{',
  '    switch (InstallFunction) {',
  // the case that only held the block is gone: DIF_INSTALLDEVICE reaches the default, which only breaks
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
  '    case DIF_FINISHINSTALL_ACTION:',
  '        /* Interactive context: UI is allowed here. A co-installer returns NO_ERROR when done. */',
  ...BLOCK,
  '        break;',
  '    default:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];
invalid.push({
  name: 'a quiet test under DIF_INSTALLDEVICE: the block moves into a finish-install action, as a suggestion',
  code: installer(CO_HEAD, { DIF_INSTALLDEVICE: BLOCK }).replace('    SP_DEVINSTALL_PARAMS_W p;\n    switch', '    switch'),
  output: null,
  errors: [{ ...uiError('uiQuietGuarded', 'DIF_INSTALLDEVICE', 13, 17), suggestions: [{ messageId: 'moveToAction', output: MOVED.join('\n') }] }],
});

new RuleTester({ serviceProviders: [installerModelProvider] }).run(ID, RULE, { valid, invalid });
