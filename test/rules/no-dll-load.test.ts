import { RuleTester } from '../../rules/testing/rule-tester.js';
import rule from '../../rules/checks/no-dll-load.js';
import type { RuleModule } from '../../rules/engine/types.js';

// Without the installer model every explicit load is flagged (the model narrows it; see the
// model-backed tests in no-dll-load-model.test.ts).
new RuleTester().run('no-dll-load', rule as unknown as RuleModule, {
  valid: [
    'void f(void) { GetModuleHandleW(L"setupapi.dll"); }',
    '// LoadLibraryW(L"x.dll") in a comment\nint x;',
    'const char *s = "LoadLibraryA(\\"x.dll\\")";',
    '#pragma comment(lib, "setupapi.lib")\n#pragma comment(lib, "User32")\n',
    '#pragma comment(linker, "/export:CoDeviceInstall")\n',
    'void f(void) { MyLoadLibraryWrapperFactory(); }',
    { code: 'void f(void) { LoadLibraryW(L"x.dll"); }', filename: 'notes.inf' },
  ],
  invalid: [
    {
      code: 'void f(void) {\n    HMODULE h = LoadLibraryW(L"helper.dll");\n}\n',
      errors: [{ messageId: 'load', data: { api: 'LoadLibraryW' }, line: 2, column: 17, endLine: 2, endColumn: 29 }],
    },
    {
      code: 'void f(void) { LoadLibraryExA("a.dll", NULL, 0); LoadPackagedLibrary(L"b.dll", 0); }',
      errors: [
        { messageId: 'load', data: { api: 'LoadLibraryExA' }, column: 16 },
        { messageId: 'load', data: { api: 'LoadPackagedLibrary' }, column: 50 },
      ],
    },
    {
      name: 'C++ global-scope call and CoLoadLibrary',
      code: 'void f() { ::LoadLibraryW(L"x"); CoLoadLibrary((LPOLESTR)L"y", TRUE); }',
      filename: 'installer.cpp',
      errors: [
        { messageId: 'load', data: { api: 'LoadLibraryW' }, column: 12, endColumn: 26 },
        { messageId: 'load', data: { api: 'CoLoadLibrary' } },
      ],
    },
    {
      code: '#pragma comment(lib, "contoso_helper.lib")\nint x;\n',
      errors: [{ messageId: 'linkDependency', data: { library: 'contoso_helper.lib' }, line: 1, column: 9, endColumn: 43 }],
    },
    {
      name: 'a configured extra API',
      code: 'void f(void) { VendorLoadModule("x"); }',
      settings: { libraryLoadApis: ['VendorLoadModule'] },
      errors: [{ messageId: 'load', data: { api: 'VendorLoadModule' } }],
    },
    {
      name: 'SAL and CALLBACK do not hide the call',
      code: 'DWORD CALLBACK f(_In_ DWORD x) { LdrLoadDll(NULL, NULL, NULL, NULL); return 0; }',
      errors: [{ messageId: 'load', data: { api: 'LdrLoadDll' }, column: 34 }],
    },
    {
      name: 'a line with an emoji before the finding: UTF-16 columns',
      code: 'void f(void) { MessageLog("😀"); LoadLibraryA("x.dll"); }',
      errors: [{ messageId: 'load', line: 1, column: 34, endColumn: 46 }],
    },
  ],
});
