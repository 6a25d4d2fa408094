import { RuleTester } from '../support/rule-tester.js';
import rule from '../../rules/no-dll-load.js';
import { installerModelProvider } from '../../engine/model/index.js';

// Without the installer model every explicit load is flagged (the model narrows it; see the
// model-backed cases at the end of this file).
new RuleTester().run('no-dll-load', rule, {
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
        { messageId: 'load', data: { api: 'LoadLibraryW' }, column: 14, endColumn: 26 },
        { messageId: 'load', data: { api: 'CoLoadLibrary' } },
      ],
    },
    {
      code: '#pragma comment(lib, "contoso_helper.lib")\nint x;\n',
      errors: [{ messageId: 'linkDependency', data: { library: 'contoso_helper.lib' }, line: 1, column: 1, endColumn: 43 }],
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

// With the installer model: only loads reachable from an installer entry point are flagged, with
// the chain from the entry point as related information.
const CO = 'DWORD CALLBACK CoInst(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';

new RuleTester({ serviceProviders: [installerModelProvider] }).run('no-dll-load', rule, {
  valid: [
    { name: 'no entry point in the module: nothing is reachable', code: 'void f(void) { LoadLibraryW(L"x.dll"); }' },
    {
      name: 'a helper reachable only from DllMain (reportDllMain off)',
      code: `static void Init(void) { LoadLibraryW(L"x.dll"); }
BOOL WINAPI DllMain(HINSTANCE i, DWORD r, LPVOID p) { Init(); return TRUE; }
${CO} { return NO_ERROR; }`,
    },
    {
      name: 'a function nothing calls',
      code: `void Unused(void) { LoadLibraryW(L"x.dll"); }\n${CO} { return NO_ERROR; }`,
    },
    {
      name: 'a load in an #if 0 block, a comment and a string',
      code: `${CO} {
#if 0
    LoadLibraryW(L"x.dll");
#endif
    /* LoadLibraryW(L"y.dll"); */
    OutputDebugStringA("LoadLibraryA(z)");
    return NO_ERROR;
}`,
    },
    {
      name: 'a project function whose name resembles the API',
      code: `static void LoadLibraryList(void) { }\n${CO} { LoadLibraryList(); return NO_ERROR; }`,
    },
    {
      name: 'a link dependency in a module without entry points',
      code: '#pragma comment(lib, "contoso_helper.lib")\nvoid f(void) { }\n',
    },
  ],
  invalid: [
    {
      name: 'a load in the entry point itself',
      code: `${CO}
{
    if (Fn == DIF_INSTALLDEVICE) {
        LoadLibraryW(L"helper.dll");
    }
    return NO_ERROR;
}`,
      errors: [
        {
          messageId: 'loadInContext',
          data: { api: 'LoadLibraryW', entryPoint: 'CoInst', difCode: 'DIF_INSTALLDEVICE' },
          line: 4,
          column: 9,
          endColumn: 21,
          related: ['CoInst handles DIF_INSTALLDEVICE'],
        },
      ],
    },
    {
      name: 'a load in a helper of another file, reached through two calls',
      code: `void LoadPlugin(void)
{
    HMODULE h = LoadLibraryExW(L"plugin.dll", NULL, 0);
}`,
      moduleFiles: {
        'entry.c': `void Prepare(void);\n${CO} { switch (Fn) { case DIF_REMOVE: Prepare(); break; } return NO_ERROR; }`,
        'prepare.c': 'void LoadPlugin(void);\nvoid Prepare(void) { LoadPlugin(); }',
      },
      errors: [
        {
          messageId: 'loadInContext',
          data: { api: 'LoadLibraryExW', entryPoint: 'CoInst', difCode: 'DIF_REMOVE' },
          line: 3,
          column: 17,
          related: ['CoInst handles DIF_REMOVE', 'calls Prepare()', 'calls LoadPlugin()'],
        },
      ],
    },
    {
      name: 'a load on every code: before the switch',
      code: `${CO} { LoadLibraryA("a.dll"); switch (Fn) { default: break; } return NO_ERROR; }`,
      errors: [{ messageId: 'loadInContext', data: { api: 'LoadLibraryA', entryPoint: 'CoInst', difCode: 'any DIF code' }, related: ['CoInst handles any DIF code'] }],
    },
    {
      name: 'the finish-install action is interactive but loading is still not allowed',
      code: `${CO} { if (Fn == DIF_FINISHINSTALL_ACTION) LoadLibraryW(L"x.dll"); return NO_ERROR; }`,
      errors: [{ messageId: 'loadInContext', data: { api: 'LoadLibraryW', entryPoint: 'CoInst', difCode: 'DIF_FINISHINSTALL_ACTION' } }],
    },
    {
      name: 'a load in a worker thread started by the entry point',
      code: `static DWORD WINAPI Worker(LPVOID p) { CoLoadLibrary(L"x.dll", TRUE); return 0; }
${CO} { if (Fn == DIF_INSTALLDEVICE) CreateThread(NULL, 0, Worker, NULL, 0, NULL); return NO_ERROR; }`,
      errors: [
        {
          messageId: 'loadInContext',
          data: { api: 'CoLoadLibrary', entryPoint: 'CoInst', difCode: 'DIF_INSTALLDEVICE' },
          related: ['CoInst handles DIF_INSTALLDEVICE', 'starts a thread running Worker() (CreateThread)'],
        },
      ],
    },
    {
      name: 'a load hidden in a macro of the module',
      code: `${CO} { if (Fn == DIF_INSTALLDEVICE) LOAD_HELPER(); return NO_ERROR; }`,
      moduleFiles: { 'helper.h': '#define LOAD_HELPER() LoadLibraryW(L"helper.dll")\n' },
      errors: [
        {
          messageId: 'loadInContext',
          data: { api: 'LoadLibraryW (through macro LOAD_HELPER)', entryPoint: 'CoInst', difCode: 'DIF_INSTALLDEVICE' },
          // after the entry point's header: the column of LOAD_HELPER in the one-line code
          column: CO.length + 33,
          endColumn: CO.length + 44,
        },
      ],
    },
    {
      name: 'DllMain-only loads with reportDllMain',
      code: `static void Init(void) { LoadLibraryW(L"x.dll"); }
BOOL WINAPI DllMain(HINSTANCE i, DWORD r, LPVOID p) { Init(); return TRUE; }
${CO} { return NO_ERROR; }`,
      options: [{ reportDllMain: true }],
      errors: [{ messageId: 'loadInDllMain', data: { api: 'LoadLibraryW' }, line: 1, column: 26 }],
    },
    {
      name: 'a link dependency of a module with an entry point',
      code: `#pragma comment(lib, "contoso_helper.lib")\n${CO} { return NO_ERROR; }`,
      errors: [{ messageId: 'linkDependency', data: { library: 'contoso_helper.lib' } }],
    },
  ],
});
