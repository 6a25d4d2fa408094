import { describe } from 'vitest';
import rule from '../../rules/unhandled-dif-return-code.js';
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

// Co-installer: default returns ERROR_DI_DO_DEFAULT (line 10).
const coDefault = (value: string) =>
  lines(...HEAD, CO, '{', '    switch (InstallFunction) {', '    case DIF_INSTALLDEVICE:', '        return NO_ERROR;', '    default:', `        return ${value};`, '    }', '}');
// Co-installer: unhandled codes break out to the final return (line 12).
const coAfter = (value: string) =>
  lines(...HEAD, CO, '{', '    switch (InstallFunction) {', '    case DIF_INSTALLDEVICE:', '        return NO_ERROR;', '    default:', '        break;', '    }', `    return ${value};`, '}');
// Class installer: default returns NO_ERROR (line 10).
const classDefault = (value: string) =>
  lines(...HEAD, CLASS, '{', '    switch (InstallFunction) {', '    case DIF_SELECTDEVICE:', '        return ERROR_DI_DO_DEFAULT;', '    default:', `        return ${value};`, '    }', '}');
// Class installer: a handled code breaks to the shared final return (line 11); no default.
const classShared = (extra = '') =>
  lines(...HEAD, CLASS, '{', '    switch (InstallFunction) {', '    case DIF_INSTALLDEVICE:', '        break;', extra + '    case DIF_REMOVE:', '        return ERROR_DI_DO_DEFAULT;', '    }', '    return NO_ERROR;', '}');
// Class installer: if chain whose branches all return; the final return is for unhandled codes (line 11).
const classIfChain = (value: string) =>
  lines(
    ...HEAD,
    CLASS,
    '{',
    '    if (InstallFunction == DIF_INSTALLDEVICE) {',
    '        return ERROR_DI_DO_DEFAULT;',
    '    } else if (InstallFunction == DIF_REMOVE) {',
    '        return ERROR_DI_DO_DEFAULT;',
    '    }',
    `    return ${value};`,
    '}',
  );
// Class installer: default breaks to a return shared with a handled code (default's break on line 12).
const classDefaultBreaks = (defaultBody: string) =>
  lines(...HEAD, CLASS, '{', '    switch (InstallFunction) {', '    case DIF_INSTALLDEVICE:', '        break;', '    case DIF_REMOVE:', '        return ERROR_DI_DO_DEFAULT;', '    default:', defaultBody, '    }', '    return NO_ERROR;', '}');

const valid: (string | ValidCase)[] = [
  coDefault('NO_ERROR'),
  coAfter('NO_ERROR'),
  {
    name: 'a co-installer may pass the result on in post-processing',
    code: lines(...HEAD, CO, '{', '    if (Context->PostProcessing) {', '        return Context->InstallResult;', '    }', '    return NO_ERROR;', '}'),
  },
  {
    name: 'a co-installer comparing a result with ERROR_DI_DO_DEFAULT does not return it',
    code: lines(...HEAD, CO, '{', '    DWORD rc = SetupDiGetLastResult();', '    if (rc == ERROR_DI_DO_DEFAULT) {', '        rc = NO_ERROR;', '    }', '    return rc;', '}'),
  },
  classDefault('ERROR_DI_DO_DEFAULT'),
  {
    name: 'a class installer may return NO_ERROR for a code it handles (it called the default handler)',
    code: lines(...HEAD, CLASS, '{', '    switch (InstallFunction) {', '    case DIF_INSTALLDEVICE:', '        SetupDiInstallDevice(DeviceInfoSet, DeviceInfoData);', '        return NO_ERROR;', '    }', '    return ERROR_DI_DO_DEFAULT;', '}'),
  },
  classIfChain('ERROR_DI_DO_DEFAULT'),
  {
    name: 'a class installer returning a variable: not judged',
    code: lines(...HEAD, CLASS, '{', '    DWORD status = NO_ERROR;', '    switch (InstallFunction) {', '    default:', '        break;', '    }', '    return status;', '}'),
  },
  { name: 'a function with another prototype', code: 'DWORD Helper(DI_FUNCTION f) { return ERROR_DI_DO_DEFAULT; }' },
];

const invalid: InvalidCase[] = [
  {
    code: coDefault('ERROR_DI_DO_DEFAULT'),
    errors: [{ messageId: 'coInstallerUnhandled', data: { entryPoint: 'CoInstaller' }, line: 10, column: 16, endLine: 10, endColumn: 35 }],
    output: coDefault('NO_ERROR'),
  },
  {
    name: 'a comment aligned after the return keeps its column (the padding grows by the 11 characters NO_ERROR saves)',
    code: coDefault('ERROR_DI_DO_DEFAULT;     /* unhandled codes */').replace(';;', ';'),
    errors: [{ messageId: 'coInstallerUnhandled', data: { entryPoint: 'CoInstaller' }, line: 10, column: 16, endLine: 10, endColumn: 35 }],
    output: coDefault('NO_ERROR;                /* unhandled codes */').replace(';;', ';'),
  },
  {
    name: 'a comment one space after it stays one space after it',
    code: coDefault('ERROR_DI_DO_DEFAULT; /* unhandled */').replace(';;', ';'),
    errors: [{ messageId: 'coInstallerUnhandled', line: 10, column: 16 }],
    output: coDefault('NO_ERROR; /* unhandled */').replace(';;', ';'),
  },
  {
    code: coAfter('ERROR_DI_DO_DEFAULT'),
    errors: [{ messageId: 'coInstallerUnhandled', data: { entryPoint: 'CoInstaller' }, line: 12, column: 12, endColumn: 31 }],
    output: coAfter('NO_ERROR'),
  },
  {
    name: 'a co-installer returning it for codes it handles (stacked labels)',
    code: lines(...HEAD, CO, '{', '    switch (InstallFunction) {', '    case DIF_REMOVE:', '    case DIF_INSTALLDEVICE:', '        return (ERROR_DI_DO_DEFAULT);', '    }', '    return NO_ERROR;', '}'),
    errors: [{ messageId: 'coInstallerHandled', data: { entryPoint: 'CoInstaller', difCode: 'DIF_REMOVE, DIF_INSTALLDEVICE' }, line: 9, column: 17, endColumn: 36 }],
    output: lines(...HEAD, CO, '{', '    switch (InstallFunction) {', '    case DIF_REMOVE:', '    case DIF_INSTALLDEVICE:', '        return (NO_ERROR);', '    }', '    return NO_ERROR;', '}'),
  },
  {
    name: 'a co-installer returning it through a local',
    code: lines(...HEAD, CO, '{', '    DWORD status = ERROR_DI_DO_DEFAULT;', '    if (InstallFunction == DIF_INSTALLDEVICE) {', '        status = NO_ERROR;', '    }', '    return status;', '}'),
    errors: [{ messageId: 'coInstallerUnhandled', line: 6, column: 20, endColumn: 39 }],
    output: lines(...HEAD, CO, '{', '    DWORD status = NO_ERROR;', '    if (InstallFunction == DIF_INSTALLDEVICE) {', '        status = NO_ERROR;', '    }', '    return status;', '}'),
  },
  {
    name: 'UINT DIF parameter, if chain, the handled branch',
    code: lines('DWORD WINAPI CoInst(UINT dif, HDEVINFO set, PSP_DEVINFO_DATA data, PCOINSTALLER_CONTEXT_DATA ctx)', '{', '    if (dif == DIF_FINISHINSTALL_ACTION) {', '        return ERROR_DI_DO_DEFAULT;', '    }', '    return NO_ERROR;', '}'),
    errors: [{ messageId: 'coInstallerHandled', data: { entryPoint: 'CoInst', difCode: 'DIF_FINISHINSTALL_ACTION' }, line: 4, column: 16 }],
    output: lines('DWORD WINAPI CoInst(UINT dif, HDEVINFO set, PSP_DEVINFO_DATA data, PCOINSTALLER_CONTEXT_DATA ctx)', '{', '    if (dif == DIF_FINISHINSTALL_ACTION) {', '        return NO_ERROR;', '    }', '    return NO_ERROR;', '}'),
  },
  {
    code: classDefault('NO_ERROR'),
    errors: [{ messageId: 'classInstallerUnhandled', data: { entryPoint: 'ClassInstall', value: 'NO_ERROR' }, line: 10, column: 16, endColumn: 24 }],
    output: classDefault('ERROR_DI_DO_DEFAULT'),
  },
  {
    name: 'a class installer: the final return is shared with a handled code, so a default case is added',
    code: classShared(),
    errors: [{ messageId: 'classInstallerUnhandled', data: { entryPoint: 'ClassInstall', value: 'NO_ERROR' }, line: 12, column: 12, endColumn: 20 }],
    output: lines(...HEAD, CLASS, '{', '    switch (InstallFunction) {', '    case DIF_INSTALLDEVICE:', '        break;', '    case DIF_REMOVE:', '        return ERROR_DI_DO_DEFAULT;', '    default:', '        return ERROR_DI_DO_DEFAULT;', '    }', '    return NO_ERROR;', '}'),
  },
  {
    name: 'CRLF: the added default case keeps the line endings',
    code: classShared().replace(/\n/g, '\r\n'),
    errors: [{ messageId: 'classInstallerUnhandled', line: 12, column: 12 }],
    output: lines(...HEAD, CLASS, '{', '    switch (InstallFunction) {', '    case DIF_INSTALLDEVICE:', '        break;', '    case DIF_REMOVE:', '        return ERROR_DI_DO_DEFAULT;', '    default:', '        return ERROR_DI_DO_DEFAULT;', '    }', '    return NO_ERROR;', '}').replace(/\n/g, '\r\n'),
  },
  {
    name: 'a class installer: if chain, ERROR_SUCCESS at the end',
    code: classIfChain('ERROR_SUCCESS'),
    errors: [{ messageId: 'classInstallerUnhandled', data: { entryPoint: 'ClassInstall', value: 'ERROR_SUCCESS' }, line: 11, column: 12, endColumn: 25 }],
    output: classIfChain('ERROR_DI_DO_DEFAULT'),
  },
  {
    name: "a class installer: the default breaks to a shared return, so the default's break becomes the return",
    code: classDefaultBreaks('        break;'),
    errors: [{ messageId: 'classInstallerUnhandled', data: { entryPoint: 'ClassInstall', value: 'NO_ERROR' }, line: 14, column: 12 }],
    output: classDefaultBreaks('        return ERROR_DI_DO_DEFAULT;'),
  },
  {
    name: 'a class installer: the last case falls off the end, so no safe fix',
    code: lines(...HEAD, CLASS, '{', '    switch (InstallFunction) {', '    case DIF_INSTALLDEVICE:', '        SetupDiInstallDevice(DeviceInfoSet, DeviceInfoData);', '    }', '    return 0;', '}'),
    errors: [{ messageId: 'classInstallerUnhandled', data: { entryPoint: 'ClassInstall', value: '0' }, line: 10, column: 12, endColumn: 13 }],
    output: null,
  },
];

new RuleTester().run('unhandled-dif-return-code', asModule, { valid, invalid });

describe('with the installer model', () => {
  const helperCo = (helperValue: string) =>
    lines(
      ...HEAD,
      'static DWORD OnRemove(void)',
      '{',
      `    return ${helperValue};`,
      '}',
      '',
      CO,
      '{',
      '    if (InstallFunction == DIF_REMOVE) {',
      '        return OnRemove();',
      '    }',
      '    return NO_ERROR;',
      '}',
    );
  new RuleTester({ serviceProviders: [installerModelProvider] }).run('unhandled-dif-return-code', asModule, {
    valid: [
      ...valid,
      helperCo('NO_ERROR'),
      {
        name: 'a helper only a class installer reaches',
        code: lines(...HEAD, 'static DWORD OnRemove(void)', '{', '    return ERROR_DI_DO_DEFAULT;', '}', '', CLASS, '{', '    if (InstallFunction == DIF_REMOVE) {', '        return OnRemove();', '    }', '    return ERROR_DI_DO_DEFAULT;', '}'),
      },
    ],
    invalid: [
      ...invalid,
      {
        name: 'a helper of a co-installer',
        code: helperCo('ERROR_DI_DO_DEFAULT'),
        errors: [{ messageId: 'coInstallerHelper', data: { function: 'OnRemove', entryPoint: 'CoInstaller', difCode: 'DIF_REMOVE' }, line: 6, column: 12, endColumn: 31 }],
        output: null,
      },
    ],
  });
});

checkFixesCompile('unhandled-dif-return-code', asModule, [
  { name: 'co-installer default', code: coDefault('ERROR_DI_DO_DEFAULT'), apply: { fix: true }, output: coDefault('NO_ERROR') },
  { name: 'class installer default', code: classDefault('NO_ERROR'), apply: { fix: true }, output: classDefault('ERROR_DI_DO_DEFAULT') },
  {
    name: 'class installer: added default case',
    code: classShared(),
    apply: { fix: true },
    output: lines(...HEAD, CLASS, '{', '    switch (InstallFunction) {', '    case DIF_INSTALLDEVICE:', '        break;', '    case DIF_REMOVE:', '        return ERROR_DI_DO_DEFAULT;', '    default:', '        return ERROR_DI_DO_DEFAULT;', '    }', '    return NO_ERROR;', '}'),
  },
  { name: "class installer: default's break", code: classDefaultBreaks('        break;'), apply: { fix: true }, output: classDefaultBreaks('        return ERROR_DI_DO_DEFAULT;') },
  { name: 'class installer: if chain', code: classIfChain('ERROR_SUCCESS'), apply: { fix: true }, output: classIfChain('ERROR_DI_DO_DEFAULT') },
]);

checkDocExamples('unhandled-dif-return-code', asModule);
