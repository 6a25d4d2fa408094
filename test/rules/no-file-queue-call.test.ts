import { describe } from 'vitest';
import rule from '../../rules/no-file-queue-call.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester } from '../support/rule-tester.js';
import { checkDocExamples } from './rule-doc-examples.js';

const asModule: RuleModule = rule;

function classInstaller(cases: string, before = ''): string {
  return (
    '#include <windows.h>\n#include <setupapi.h>\n' +
    before +
    '\nDWORD CALLBACK ClassInstall(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)\n' +
    '{\n    switch (InstallFunction) {\n' +
    cases +
    '    default:\n        break;\n    }\n    return ERROR_DI_DO_DEFAULT;\n}\n'
  );
}

new RuleTester().run('no-file-queue-call', asModule, {
  valid: [
    { name: 'opening and closing a queue is not queueing', code: 'void f(void) { HSPFILEQ q = SetupOpenFileQueue(); SetupCloseFileQueue(q); }' },
    { name: 'SetupCopyError is a prompt, not a queue call', code: 'void f(void) { SetupCopyErrorW(NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, 0, NULL); }' },
    { name: 'SetupQueryFileLog and SetupScanFileQueue are not queue operations', code: 'void f(HSPFILEQ q) { DWORD r; SetupScanFileQueueW(q, 0, NULL, NULL, NULL, &r); }' },
    '/* SetupQueueCopyW(q, ...) */\nint x;',
    'const wchar_t *api = L"SetupQueueDeleteW";',
  ],
  invalid: [
    {
      code: 'void f(HSPFILEQ q) {\n    SetupQueueCopyW(q, L"A:\\\\", NULL, L"c.sys", NULL, NULL, L"C:\\\\x", NULL, 0);\n}\n',
      errors: [{ messageId: 'fileQueueAnywhere', data: { api: 'SetupQueueCopyW' }, line: 2, column: 5, endLine: 2, endColumn: 20 }],
    },
    {
      name: 'delete, rename and section forms',
      code: 'void f(HSPFILEQ q, HINF i) {\n  SetupQueueDeleteA(q, "C:\\\\x", "a.dll");\n  SetupQueueRenameSectionW(q, i, NULL, L"Ren");\n}\n',
      errors: [
        { messageId: 'fileQueueAnywhere', data: { api: 'SetupQueueDeleteA' }, line: 2, column: 3, endColumn: 20 },
        { messageId: 'fileQueueAnywhere', data: { api: 'SetupQueueRenameSectionW' }, line: 3, column: 3, endColumn: 27 },
      ],
    },
    {
      code: 'BOOL f(HSPFILEQ q, HINF i) { return SetupQueueDefaultCopyW(q, i, NULL, L"a.sys", NULL, 0); }',
      errors: [{ messageId: 'fileQueueAnywhere', data: { api: 'SetupQueueDefaultCopyW' }, column: 37, endColumn: 59 }],
    },
    {
      name: 'SetupQueueCopyIndirect',
      code: 'void f(PSP_FILE_COPY_PARAMS_W p) { if (!SetupQueueCopyIndirectW(p)) return; }',
      errors: [{ messageId: 'fileQueueAnywhere', data: { api: 'SetupQueueCopyIndirectW' }, column: 41 }],
    },
    {
      name: 'an emoji before the call: UTF-16 columns',
      code: 'void f(HSPFILEQ q) { Log("📁"); SetupQueueCopySectionW(q, NULL, NULL, L"Copy", 0); }',
      errors: [{ messageId: 'fileQueueAnywhere', column: 33, endColumn: 55 }],
    },
  ],
});

describe('with the installer model', () => {
  new RuleTester({ serviceProviders: [installerModelProvider] }).run('no-file-queue-call', asModule, {
    valid: [
      {
        name: 'a tool export no entry point reaches',
        code: classInstaller('', '\nvoid CALLBACK StageFiles(HWND w, HINSTANCE i, LPSTR cmd, int show)\n{\n    SetupQueueCopyW(NULL, NULL, NULL, L"a.sys", NULL, NULL, NULL, NULL, 0);\n}\n'),
      },
      classInstaller('    case DIF_INSTALLDEVICEFILES:\n        /* the INF copies the files */\n        break;\n'),
      classInstaller('    case DIF_INSTALLDEVICE:\n        SetupOpenFileQueue();\n        break;\n'),
      {
        name: 'DllMain is not a DIF context',
        code: classInstaller('', '\nBOOL WINAPI DllMain(HINSTANCE i, DWORD reason, LPVOID r)\n{\n    SetupQueueDeleteW(NULL, L"C:\\\\", L"a");\n    return TRUE;\n}\n'),
      },
      {
        name: 'a helper nobody calls',
        code: classInstaller('', '\nstatic void Unused(HSPFILEQ q)\n{\n    SetupQueueRenameW(q, NULL, L"a", NULL, L"b");\n}\n'),
      },
    ],
    invalid: [
      {
        code: classInstaller('    case DIF_INSTALLDEVICEFILES:\n        SetupQueueCopyW(NULL, NULL, NULL, L"a.sys", NULL, NULL, NULL, NULL, 0);\n        break;\n'),
        errors: [
          {
            messageId: 'fileQueue',
            data: { api: 'SetupQueueCopyW', entryPoint: 'ClassInstall', difCode: 'DIF_INSTALLDEVICEFILES' },
            line: 8,
            column: 9,
            endColumn: 24,
          },
        ],
      },
      {
        name: 'through a helper',
        code: classInstaller(
          '    case DIF_REMOVE:\n        Cleanup();\n        break;\n',
          '\nstatic void Cleanup(void)\n{\n    SetupQueueDeleteW(NULL, L"C:\\\\", L"a");\n}\n',
        ),
        errors: [{ messageId: 'fileQueue', data: { api: 'SetupQueueDeleteW', entryPoint: 'ClassInstall', difCode: 'DIF_REMOVE' }, line: 6, column: 5 }],
      },
      {
        name: 'a co-installer too',
        code:
          'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)\n' +
          '{\n    if (InstallFunction == DIF_INSTALLDEVICE) {\n        SetupQueueDefaultCopyW(NULL, NULL, NULL, L"a", NULL, 0);\n    }\n    return NO_ERROR;\n}\n',
        errors: [{ messageId: 'fileQueue', data: { api: 'SetupQueueDefaultCopyW', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 4, column: 9, endColumn: 31 }],
      },
      {
        name: 'two calls, two findings',
        code: classInstaller('    case DIF_INSTALLDEVICE:\n        SetupQueueCopyA(NULL, NULL, NULL, "a", NULL, NULL, NULL, NULL, 0);\n        SetupQueueRenameA(NULL, NULL, "a", NULL, "b");\n        break;\n'),
        errors: [
          { messageId: 'fileQueue', data: { api: 'SetupQueueCopyA', entryPoint: 'ClassInstall', difCode: 'DIF_INSTALLDEVICE' }, line: 8 },
          { messageId: 'fileQueue', data: { api: 'SetupQueueRenameA', entryPoint: 'ClassInstall', difCode: 'DIF_INSTALLDEVICE' }, line: 9 },
        ],
      },
      {
        name: 'under the finish-install action as well',
        code: classInstaller('    case DIF_FINISHINSTALL_ACTION:\n        SetupQueueCopySectionW(NULL, NULL, NULL, L"Copy", 0);\n        break;\n'),
        errors: [{ messageId: 'fileQueue', data: { api: 'SetupQueueCopySectionW', entryPoint: 'ClassInstall', difCode: 'DIF_FINISHINSTALL_ACTION' }, line: 8, column: 9 }],
      },
    ],
  });
});

checkDocExamples('no-file-queue-call', asModule);
