/**
 * no-dll-load on COM creation (docs/rules/no-dll-load.md, "COM classes"): CoCreateInstance[Ex],
 * CoCreateInstanceFromApp and CoGetClassObject asking for an in-process class context
 * (CLSCTX_INPROC_SERVER, CLSCTX_INPROC_HANDLER, or a combination holding one) load the DLL that
 * serves the class into the installer (docs/installer-facts.md#com-classes-and-dialogs). Classes
 * of Windows and those the allowedClasses option lists are not reported. Written from the
 * guideline, in C and C++, with LF and CRLF line ends, with the installer model.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-dll-load.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleOptionsValidator } from '../../engine/config/rule-options.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const asModule: RuleModule = rule;
const tester = new RuleTester({ serviceProviders: [installerModelProvider] });

/** GUID {6B1D2F3A-1C2D-4E5F-90A1-B2C3D4E5F607}. */
const DEFINE = 'DEFINE_GUID(CLSID_ContosoHelper, 0x6b1d2f3a, 0x1c2d, 0x4e5f, 0x90, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x07);';
const CO = 'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';

/** A co-installer whose `case` (line 11) runs `statement` on line 12. */
const installer = (statement: string, label = 'DIF_INSTALLDEVICE') => [
  '#include <windows.h>', //  1
  '#include <setupapi.h>',
  '#include <initguid.h>',
  '',
  DEFINE, //                   5
  '',
  CO, //                       7
  '{',
  '    IUnknown *unk = NULL;',
  '    switch (Fn) {', //     10
  `    case ${label}:`, //    11
  `        ${statement}`, //  12
  '        break;',
  '    default:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];

/** `ref(x)`: a class or interface identifier as C (`&x`) or C++ (`x`) passes it. */
type Ref = (name: string) => string;

function cases(eol: string, filename: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const text = (lines: string[]) => lines.join(eol);
  const cpp = filename.endsWith('.cpp');
  const ref: Ref = (name) => (cpp ? name : `&${name}`);
  const tag = `${filename}, ${eol === '\n' ? 'LF' : 'CRLF'}`;
  const create = (clsid: string, context: string) => `CoCreateInstance(${ref(clsid)}, NULL, ${context}, ${ref('IID_IUnknown')}, (void **)&unk);`;
  // CLSID_ContosoHelper on line 12 after `        CoCreateInstance(` (25 characters) and, in C, `&`
  const helperColumn = cpp ? 26 : 27;
  const inContext = (classContext: string, column = helperColumn, api = 'CoCreateInstance', difCode = 'DIF_INSTALLDEVICE') => ({
    messageId: 'comCreateInContext',
    data: { api, className: 'CLSID_ContosoHelper', classContext, entryPoint: 'ContosoCoInstaller', difCode },
    line: 12,
    column,
    endLine: 12,
    endColumn: column + 'CLSID_ContosoHelper'.length,
  });

  const valid: ValidCase[] = [
    ...['CLSID_FileOpenDialog', 'CLSID_ShellLink', 'CLSID_WbemLocator', 'CLSID_TaskScheduler', 'CLSID_NetFwPolicy2', 'CLSID_DOMDocument60'].map(
      (clsid): ValidCase => ({ name: `${tag}: a class of Windows, ${clsid}`, code: text(installer(create(clsid, 'CLSCTX_INPROC_SERVER'))), filename }),
    ),
    // `010` is octal 8, CLSCTX_INPROC_SERVER16 (not read as decimal 10, 0xA: CLSCTX_INPROC_HANDLER | CLSCTX_INPROC_SERVER16)
    ...['CLSCTX_LOCAL_SERVER', 'CLSCTX_REMOTE_SERVER', 'CLSCTX_LOCAL_SERVER | CLSCTX_REMOTE_SERVER', '0x4', '(DWORD)CLSCTX_LOCAL_SERVER', '010'].map(
      (context): ValidCase => ({ name: `${tag}: out of process, ${context}`, code: text(installer(create('CLSID_ContosoHelper', context))), filename }),
    ),
    {
      name: `${tag}: a class context the tool cannot read (a variable)`,
      code: text(['static DWORD g_contosoContext = CLSCTX_LOCAL_SERVER;', ...installer(create('CLSID_ContosoHelper', 'g_contosoContext'))]),
      filename,
    },
    {
      name: `${tag}: allowed by name`,
      code: text(installer(create('CLSID_ContosoHelper', 'CLSCTX_INPROC_SERVER'))),
      filename,
      options: [{ allowedClasses: ['CLSID_ContosoHelper'] }],
    },
    {
      name: `${tag}: allowed by the GUID the file defines it with (other case, braces)`,
      code: text(installer(create('CLSID_ContosoHelper', 'CLSCTX_ALL'))),
      filename,
      options: [{ allowedClasses: ['{6b1d2f3a-1c2d-4e5f-90a1-b2c3d4e5f607}'] }],
    },
    {
      name: `${tag}: allowed by the GUID without braces, through a static const CLSID`,
      code: text([
        'static const CLSID CLSID_ContosoFilter = { 0x0a0b0c0d, 0x0e0f, 0x1011, { 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19 } };',
        ...installer(create('CLSID_ContosoFilter', 'CLSCTX_INPROC_SERVER')),
      ]),
      filename,
      options: [{ allowedClasses: ['0A0B0C0D-0E0F-1011-1213-141516171819'] }],
    },
    {
      name: `${tag}: a class identifier held by a local variable (decided at run time)`,
      code: text(installer(`{ CLSID clsid; CLSIDFromProgID(L"Contoso.Helper", &clsid); CoCreateInstance(${ref('clsid')}, NULL, CLSCTX_INPROC_SERVER, ${ref('IID_IUnknown')}, (void **)&unk); }`)),
      filename,
    },
    {
      name: `${tag}: a helper nothing calls`,
      code: text([...installer('unk = NULL;'), `void ContosoUnused(IUnknown **out) { ${create('CLSID_ContosoHelper', 'CLSCTX_INPROC_SERVER').replace('&unk', 'out')} }`]),
      filename,
    },
    {
      name: `${tag}: in #if 0 and in a comment`,
      code: text(installer(`/* ${create('CLSID_ContosoHelper', 'CLSCTX_INPROC_SERVER')} */${eol}#if 0${eol}        ${create('CLSID_ContosoHelper', 'CLSCTX_INPROC_SERVER')}${eol}#endif`)),
      filename,
    },
    {
      name: `${tag}: only DllMain reaches it (reportDllMain off)`,
      code: text([
        ...installer('unk = NULL;'),
        `static void ContosoInit(IUnknown **out) { ${create('CLSID_ContosoHelper', 'CLSCTX_INPROC_SERVER').replace('&unk', 'out')} }`,
        'BOOL WINAPI DllMain(HINSTANCE i, DWORD r, LPVOID p) { IUnknown *u; ContosoInit(&u); return TRUE; }',
      ]),
      filename,
    },
  ];

  const invalid: InvalidCase[] = [
    ...[
      'CLSCTX_INPROC_SERVER',
      'CLSCTX_INPROC_HANDLER',
      'CLSCTX_INPROC',
      'CLSCTX_SERVER',
      'CLSCTX_ALL',
      'CLSCTX_LOCAL_SERVER | CLSCTX_INPROC_SERVER',
      '0x17',
      '1u',
      // octal 10: CLSCTX_INPROC_SERVER16 | CLSCTX_INPROC_HANDLER (decimal 12 would be out of process)
      '012',
      '(DWORD)(CLSCTX_INPROC_SERVER | CLSCTX_NO_CODE_DOWNLOAD)',
    ].map(
      (context): InvalidCase => ({
        name: `${tag}: the module's own class, ${context}`,
        code: text(installer(create('CLSID_ContosoHelper', context))),
        filename,
        errors: [inContext(context)],
      }),
    ),
    {
      name: `${tag}: CoGetClassObject`,
      code: text(installer(`CoGetClassObject(${ref('CLSID_ContosoHelper')}, CLSCTX_INPROC_SERVER, NULL, ${ref('IID_IClassFactory')}, (void **)&unk);`)),
      filename,
      // `        CoGetClassObject(` is 25 characters too
      errors: [inContext('CLSCTX_INPROC_SERVER', helperColumn, 'CoGetClassObject')],
    },
    {
      name: `${tag}: CoCreateInstanceEx`,
      code: text(installer(`CoCreateInstanceEx(${ref('CLSID_ContosoHelper')}, NULL, CLSCTX_ALL, NULL, 0, NULL);`)),
      filename,
      errors: [inContext('CLSCTX_ALL', helperColumn + 2, 'CoCreateInstanceEx')],
    },
    {
      name: `${tag}: a class the module does not define and Windows does not provide`,
      code: text(installer(create('CLSID_FabrikamWidget', 'CLSCTX_INPROC_SERVER'))),
      filename,
      errors: [
        {
          messageId: 'comCreateInContext',
          data: { api: 'CoCreateInstance', className: 'CLSID_FabrikamWidget', classContext: 'CLSCTX_INPROC_SERVER', entryPoint: 'ContosoCoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 12,
          column: helperColumn,
          endColumn: helperColumn + 20,
        },
      ],
    },
    {
      name: `${tag}: allowedClasses naming other classes`,
      code: text(installer(create('CLSID_ContosoHelper', 'CLSCTX_INPROC_SERVER'))),
      filename,
      options: [{ allowedClasses: ['CLSID_ContosoOther', '{6B1D2F3A-1C2D-4E5F-90A1-B2C3D4E5F608}'] }],
      errors: [inContext('CLSCTX_INPROC_SERVER')],
    },
    {
      name: `${tag}: under DIF_FINISHINSTALL_ACTION too (no DLL loads under any DIF code)`,
      code: text(installer(create('CLSID_ContosoHelper', 'CLSCTX_INPROC_SERVER'), 'DIF_FINISHINSTALL_ACTION')),
      filename,
      errors: [inContext('CLSCTX_INPROC_SERVER', helperColumn, 'CoCreateInstance', 'DIF_FINISHINSTALL_ACTION')],
    },
    {
      name: `${tag}: in a helper, with the chain`,
      code: text([
        ...installer('ContosoMake(&unk);'),
        'void ContosoMake(IUnknown **out)', // 20
        '{',
        `    ${create('CLSID_ContosoHelper', 'CLSCTX_INPROC_SERVER').replace('&unk', 'out')}`, // 22
        '}',
      ]),
      filename,
      errors: [
        {
          messageId: 'comCreateInContext',
          line: 22,
          column: helperColumn - 4,
          related: ['ContosoCoInstaller handles DIF_INSTALLDEVICE', 'calls ContosoMake()'],
        },
      ],
    },
    {
      name: `${tag}: only DllMain reaches it (reportDllMain on)`,
      code: text([
        ...installer('unk = NULL;'),
        'static void ContosoInit(IUnknown **out)', // 20
        '{',
        `    ${create('CLSID_ContosoHelper', 'CLSCTX_INPROC_SERVER').replace('&unk', 'out')}`, // 22
        '}',
        'BOOL WINAPI DllMain(HINSTANCE i, DWORD r, LPVOID p) { IUnknown *u; ContosoInit(&u); return TRUE; }',
      ]),
      filename,
      options: [{ reportDllMain: true }],
      errors: [{ messageId: 'comCreateInDllMain', data: { api: 'CoCreateInstance', className: 'CLSID_ContosoHelper', classContext: 'CLSCTX_INPROC_SERVER' }, line: 22, column: helperColumn - 4 }],
    },
  ];
  return { valid, invalid };
}

for (const eol of ['\n', '\r\n']) {
  for (const filename of ['installer.c', 'installer.cpp']) tester.run('no-dll-load', asModule, cases(eol, filename));
}

/** C++ spellings: __uuidof, the ATL and compiler smart pointers' methods, a global-scope call. */
const cppInstaller = (statement: string) => [
  '#include <windows.h>', //                                                        1
  '#include <setupapi.h>',
  '#include <atlbase.h>',
  'class DECLSPEC_UUID("6B1D2F3A-1C2D-4E5F-90A1-B2C3D4E5F607") ContosoHelper;', //  4
  'class __declspec(uuid("0a0b0c0d-0e0f-1011-1213-141516171819")) ContosoFilter;', // 5
  CO, //                                                                            6
  '{',
  '    CComPtr<IUnknown> sp;',
  '    if (Fn == DIF_INSTALLDEVICE)', //                                              9
  `        ${statement}`, //                                                        10
  '    return NO_ERROR;',
  '}',
  '',
];
for (const eol of ['\n', '\r\n']) {
  const text = (lines: string[]) => lines.join(eol);
  const tag = eol === '\n' ? 'LF' : 'CRLF';
  const at = (className: string, column: number, classContext: string, api = 'CoCreateInstance') => ({
    messageId: 'comCreateInContext',
    data: { api, className, classContext, entryPoint: 'ContosoCoInstaller', difCode: 'DIF_INSTALLDEVICE' },
    line: 10,
    column,
    endLine: 10,
    endColumn: column + className.length,
  });
  tester.run('no-dll-load', asModule, {
    valid: [
      ...['FileOpenDialog', 'ShellLink', 'TaskScheduler'].map((coclass) => ({
        name: `C++ (${tag}): __uuidof(${coclass}), a class of Windows`,
        code: text(cppInstaller(`CoCreateInstance(__uuidof(${coclass}), NULL, CLSCTX_INPROC_SERVER, IID_PPV_ARGS(&sp));`)),
        filename: 'installer.cpp',
      })),
      {
        name: `C++ (${tag}): __uuidof of a class allowed by its uuid attribute`,
        code: text(cppInstaller('sp.CoCreateInstance(__uuidof(ContosoFilter));')),
        filename: 'installer.cpp',
        options: [{ allowedClasses: ['{0A0B0C0D-0E0F-1011-1213-141516171819}'] }],
      },
      {
        name: `C++ (${tag}): __uuidof of a class allowed by name`,
        code: text(cppInstaller('sp.CoCreateInstance(__uuidof(ContosoHelper));')),
        filename: 'installer.cpp',
        options: [{ allowedClasses: ['ContosoHelper'] }],
      },
      {
        name: `C++ (${tag}): CComPtr::CoCreateInstance out of process`,
        code: text(cppInstaller('sp.CoCreateInstance(__uuidof(ContosoHelper), NULL, CLSCTX_LOCAL_SERVER);')),
        filename: 'installer.cpp',
      },
      {
        name: `C++ (${tag}): IClassFactory::CreateInstance is not a creation from a CLSID`,
        code: text(cppInstaller('{ IClassFactory *factory = NULL; factory->CreateInstance(NULL, IID_IUnknown, (void **)&sp); }')),
        filename: 'installer.cpp',
      },
    ],
    invalid: [
      {
        name: `C++ (${tag}): __uuidof of a class the module declares`,
        // `        CoCreateInstance(__uuidof(` is 34 characters
        code: text(cppInstaller('CoCreateInstance(__uuidof(ContosoHelper), NULL, CLSCTX_INPROC_SERVER, IID_PPV_ARGS(&sp));')),
        filename: 'installer.cpp',
        errors: [at('ContosoHelper', 35, 'CLSCTX_INPROC_SERVER')],
      },
      {
        name: `C++ (${tag}): CComPtr::CoCreateInstance asks for CLSCTX_ALL by default`,
        // `        sp.CoCreateInstance(` is 28 characters
        code: text(cppInstaller('sp.CoCreateInstance(CLSID_ContosoHelper);')),
        filename: 'installer.cpp',
        errors: [at('CLSID_ContosoHelper', 29, 'CLSCTX_ALL, the default')],
      },
      {
        name: `C++ (${tag}): _com_ptr_t::CreateInstance with __uuidof`,
        // `        { IContosoPtr p; p.CreateInstance(__uuidof(` is 51 characters
        code: text(cppInstaller('{ IContosoPtr p; p.CreateInstance(__uuidof(ContosoFilter)); }')),
        filename: 'installer.cpp',
        errors: [at('ContosoFilter', 52, 'CLSCTX_ALL, the default', 'CreateInstance')],
      },
      {
        name: `C++ (${tag}): a global-scope call`,
        // `        ::CoCreateInstance(` is 27 characters
        code: text(cppInstaller('::CoCreateInstance(CLSID_ContosoHelper, nullptr, CLSCTX_INPROC_HANDLER, IID_PPV_ARGS(&sp));')),
        filename: 'installer.cpp',
        errors: [at('CLSID_ContosoHelper', 28, 'CLSCTX_INPROC_HANDLER')],
      },
    ],
  });
}

// Without the installer model every in-process creation of a class that is not Windows' is reported, as LoadLibrary is.
new RuleTester().run('no-dll-load', asModule, {
  valid: [{ name: 'without the model: a class of Windows', code: 'void f(void) { IUnknown *u; CoCreateInstance(&CLSID_ShellLink, NULL, CLSCTX_ALL, &IID_IUnknown, (void **)&u); }' }],
  invalid: [
    {
      name: 'without the model: a vendor class',
      code: 'void f(void) { IUnknown *u; CoCreateInstance(&CLSID_ContosoHelper, NULL, CLSCTX_ALL, &IID_IUnknown, (void **)&u); }',
      errors: [{ messageId: 'comCreate', data: { api: 'CoCreateInstance', className: 'CLSID_ContosoHelper', classContext: 'CLSCTX_ALL' }, line: 1, column: 47, endColumn: 66 }],
    },
  ],
});

describe('no-dll-load allowedClasses option', () => {
  const validator = new RuleOptionsValidator();
  it('takes CLSID names and GUIDs with or without braces', () => {
    expect(validator.check('no-dll-load', asModule, [{ allowedClasses: ['CLSID_ContosoHelper', 'ContosoHelper', '{6B1D2F3A-1C2D-4E5F-90A1-B2C3D4E5F607}', '6b1d2f3a-1c2d-4e5f-90a1-b2c3d4e5f607'] }])).toBeUndefined();
  });
  it('refuses what is neither', () => {
    expect(validator.check('no-dll-load', asModule, [{ allowedClasses: ['Contoso Helper'] }])?.path).toEqual([0, 'allowedClasses', 0]);
    expect(validator.check('no-dll-load', asModule, [{ allowedClasses: '{6B1D2F3A-1C2D-4E5F-90A1-B2C3D4E5F607}' }])?.problem).toMatch(/expected an array/);
  });
});
