import { describe } from 'vitest';
import rule from '../../rules/no-reserved-dif-code.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';
import { checkFixesCompile } from '../support/fix-checks.js';
import { checkDocExamples } from './rule-doc-examples.js';

const asModule: RuleModule = rule;
const lines = (...l: string[]) => l.join('\n') + '\n';
const HEAD = ['#include <windows.h>', '#include <setupapi.h>', ''];
const CO = 'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)';
const CLASS = 'DWORD CALLBACK ClassInstall(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)';

/** A co-installer whose cases start on line 7. */
const co = (...cases: string[]) => lines(...HEAD, CO, '{', '    switch (InstallFunction) {', ...cases, '    default:', '        break;', '    }', '    return NO_ERROR;', '}');
const cls = (...body: string[]) => lines(...HEAD, CLASS, '{', ...body, '    return ERROR_DI_DO_DEFAULT;', '}');
const msg = (entryPoint: string, difCode: string) => ({ entryPoint, difCode });

const valid: (string | ValidCase)[] = [
  co('    case DIF_INSTALLDEVICE:', '        break;'),
  {
    name: 'a table of names for logging is not handling the code',
    code: lines(
      ...HEAD,
      'static const char *DifName(DI_FUNCTION f)',
      '{',
      '    switch (f) {',
      '    case DIF_ASSIGNRESOURCES: return "DIF_ASSIGNRESOURCES";',
      '    case DIF_INSTALLDEVICE: return "DIF_INSTALLDEVICE";',
      '    default: return "?";',
      '    }',
      '}',
    ),
  },
  { name: 'DIF_FIRSTTIMESETUP may be handled (detection of non-PnP devices)', code: co('    case DIF_FIRSTTIMESETUP:', '        break;') },
  { name: 'a reserved code in a string', code: cls('    OutputDebugStringA("DIF_CALCDISKSPACE is not ours");') },
  cls('    /* DIF_DETECTVERIFY is handled by Windows */'),
  // a reserved code whose case does nothing (docs/rules/no-reserved-dif-code.md, "What counts as handling")
  { name: 'a label stacked on a case that does nothing', code: co('    case DIF_DETECTVERIFY:', '    case DIF_INSTALLDEVICE:', '        break;') },
  { name: 'a case fallen into that does nothing', code: co('    case DIF_INSTALLDEVICE:', '        Context->PrivateData = NULL;', '    case DIF_ENABLECLASS:', '        break;') },
  { name: 'a co-installer passing reserved codes on', code: co('    case DIF_INSTALLCLASSDRIVERS:', '    case DIF_FOUNDDEVICE:', '        return NO_ERROR;') },
];

const invalid: InvalidCase[] = [
  {
    code: co('    case DIF_INSTALLDEVICE:', '        return NO_ERROR;', '    case DIF_ASSIGNRESOURCES:', '        Context->PrivateData = NULL;', '        break;'),
    errors: [
      {
        messageId: 'reserved',
        data: msg('CoInstaller', 'DIF_ASSIGNRESOURCES'),
        line: 9,
        column: 10,
        endLine: 9,
        endColumn: 29,
        suggestions: [{ messageId: 'removeCase', output: co('    case DIF_INSTALLDEVICE:', '        return NO_ERROR;') }],
      },
    ],
  },
  {
    name: 'a label stacked on a handled code: the label goes',
    code: co('    case DIF_DETECTVERIFY:', '    case DIF_INSTALLDEVICE:', '        Context->PrivateData = NULL;', '        break;'),
    errors: [
      {
        messageId: 'reserved',
        data: msg('CoInstaller', 'DIF_DETECTVERIFY'),
        line: 7,
        column: 10,
        suggestions: [{ output: co('    case DIF_INSTALLDEVICE:', '        Context->PrivateData = NULL;', '        break;') }],
      },
    ],
  },
  {
    name: 'a label below a handled code, sharing its statements: the label goes',
    code: co('    case DIF_INSTALLDEVICE:', '    case DIF_DETECTCANCEL:', '        Context->PrivateData = NULL;', '        break;'),
    errors: [
      {
        messageId: 'reserved',
        data: msg('CoInstaller', 'DIF_DETECTCANCEL'),
        line: 8,
        column: 10,
        suggestions: [{ output: co('    case DIF_INSTALLDEVICE:', '        Context->PrivateData = NULL;', '        break;') }],
      },
    ],
  },
  {
    name: 'a case the previous one falls into: no suggestion',
    code: co('    case DIF_INSTALLDEVICE:', '        Context->PrivateData = NULL;', '    case DIF_ENABLECLASS:', '        SetupDiSetDeviceRegistryPropertyW(DeviceInfoSet, DeviceInfoData, SPDRP_UI_NUMBER, NULL, 0);', '        break;'),
    errors: [{ messageId: 'reserved', data: msg('CoInstaller', 'DIF_ENABLECLASS'), line: 9, column: 10, suggestions: null }],
  },
  {
    name: 'comparisons, both ways round',
    code: cls('    if (InstallFunction == DIF_CALCDISKSPACE) {', '        return NO_ERROR;', '    }', '    if (DIF_UPDATEDRIVER_UI != InstallFunction) {', '        return ERROR_DI_DO_DEFAULT;', '    }'),
    errors: [
      { messageId: 'reserved', data: msg('ClassInstall', 'DIF_CALCDISKSPACE'), line: 6, column: 28, endColumn: 45, suggestions: null },
      { messageId: 'reserved', data: msg('ClassInstall', 'DIF_UPDATEDRIVER_UI'), line: 9, column: 9, endColumn: 28 },
    ],
  },
  {
    name: 'several reserved codes',
    code: co('    case DIF_INSTALLCLASSDRIVERS:', '    case DIF_ADDPROPERTYPAGE_BASIC:', '    case DIF_FOUNDDEVICE:', '        return ERROR_ACCESS_DENIED;'),
    errors: [
      { data: msg('CoInstaller', 'DIF_INSTALLCLASSDRIVERS'), messageId: 'reserved', line: 7 },
      { data: msg('CoInstaller', 'DIF_ADDPROPERTYPAGE_BASIC'), messageId: 'reserved', line: 8 },
      { data: msg('CoInstaller', 'DIF_FOUNDDEVICE'), messageId: 'reserved', line: 9 },
    ],
  },
];

new RuleTester().run('no-reserved-dif-code', asModule, { valid, invalid });

const table = (code: string) =>
  lines(
    ...HEAD,
    'typedef DWORD (*HANDLER)(HDEVINFO, PSP_DEVINFO_DATA);',
    'static DWORD OnInstall(HDEVINFO s, PSP_DEVINFO_DATA d) { return NO_ERROR; }',
    'static DWORD OnOther(HDEVINFO s, PSP_DEVINFO_DATA d) { return NO_ERROR; }',
    'static const struct { DI_FUNCTION code; HANDLER handler; } Handlers[] = {',
    '    { DIF_INSTALLDEVICE, OnInstall },',
    `    { ${code}, OnOther },`,
    '};',
    '',
    CO,
    '{',
    '    int i;',
    '    for (i = 0; i < 2; i++) {',
    '        if (Handlers[i].code == InstallFunction) return Handlers[i].handler(DeviceInfoSet, DeviceInfoData);',
    '    }',
    '    return NO_ERROR;',
    '}',
  );

describe('with the installer model', () => {
  new RuleTester({ serviceProviders: [installerModelProvider] }).run('no-reserved-dif-code', asModule, {
    valid: [...valid, { name: 'a dispatch table of public codes', code: table('DIF_REMOVE') }],
    invalid: [
      ...invalid,
      {
        name: 'a dispatch table: reported at the entry point',
        code: table('DIF_DETECTVERIFY'),
        errors: [{ messageId: 'reservedInTable', data: msg('CoInstaller', 'DIF_DETECTVERIFY'), line: 12, column: 16, endColumn: 27, suggestions: null }],
      },
    ],
  });
});

checkFixesCompile('no-reserved-dif-code', asModule, [
  {
    name: 'removing a case',
    code: co('    case DIF_INSTALLDEVICE:', '        return NO_ERROR;', '    case DIF_ASSIGNRESOURCES:', '        Context->PrivateData = NULL;', '        break;'),
    apply: { finding: 0, suggestion: 0 },
    output: co('    case DIF_INSTALLDEVICE:', '        return NO_ERROR;'),
  },
  {
    name: 'removing a stacked label',
    code: co('    case DIF_DETECTVERIFY:', '    case DIF_INSTALLDEVICE:', '        Context->PrivateData = NULL;', '        break;'),
    apply: { finding: 0, suggestion: 0 },
    output: co('    case DIF_INSTALLDEVICE:', '        Context->PrivateData = NULL;', '        break;'),
  },
]);

checkDocExamples('no-reserved-dif-code', asModule, [installerModelProvider]);
