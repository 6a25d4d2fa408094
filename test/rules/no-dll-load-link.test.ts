/**
 * no-dll-load on link dependencies (docs/installer-facts.md#dll-loading-and-link-dependencies):
 * a `#pragma comment(lib, ...)` naming a library of Windows (an import library of a Windows DLL,
 * a static SDK library) or a static run time loads nothing that is not part of Windows; a vendor's
 * import library, or the import library of a Visual C++ run-time DLL, is a link dependency; a
 * `/DELAYLOAD:` of a DLL that is not Windows' own is a load at the first call. Written from the
 * guideline, in C and C++, with LF and CRLF line ends, with the installer model (a DLL with an
 * installer entry point).
 */
import rule from '../../rules/no-dll-load.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const asModule: RuleModule = rule;
const tester = new RuleTester({ serviceProviders: [installerModelProvider] });

const CO = 'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';
/** The directives on lines 1.., then a co-installer. */
const withPragmas = (...pragmas: string[]) => [...pragmas, '#include <windows.h>', '#include <setupapi.h>', CO, '{', '    return NO_ERROR;', '}', ''];

/** A finding of `#pragma comment(lib, ...)`: the whole directive, from its `#`. */
const link = (library: string, line: number, directive: string) => ({
  messageId: 'linkDependency',
  data: { library },
  line,
  column: 1,
  endLine: line,
  endColumn: directive.length + 1,
});
/** A finding of `/DELAYLOAD:`: the DLL's name in the string. */
const delay = (dll: string, line: number, column: number) => ({ messageId: 'delayLoad', data: { dll }, line, column, endLine: line, endColumn: column + dll.length });

function cases(eol: string, filename: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const tag = `${filename}, ${eol === '\n' ? 'LF' : 'CRLF'}`;
  const code = (lines: string[]) => lines.join(eol);
  const valid: ValidCase[] = [
    ...[
      ['Windows import libraries', 'rasapi32.lib', 'msimg32.lib', 'htmlhelp.lib', 'Setupapi.lib', 'NEWDEV', 'winspool.lib'],
      ['a Windows import library by path', 'C:\\\\Program Files (x86)\\\\Windows Kits\\\\10\\\\Lib\\\\um\\\\x64\\\\cfgmgr32.lib'],
      ['an umbrella library of the SDK', 'onecoreuap.lib', 'OneCore.lib'],
      ['static SDK libraries', 'uuid.lib', 'wbemuuid.lib', 'delayimp.lib', 'dxguid.lib'],
      ['the static C and C++ run times', 'libcmt.lib', 'libcmtd.lib', 'libcpmt.lib', 'libcpmtd.lib', 'libucrt.lib', 'libvcruntimed.lib', 'libc.lib'],
      ['static MFC and ATL, COM support', 'nafxcwd.lib', 'uafxcw.lib', 'atls.lib', 'atlsd.lib', 'comsuppw.lib', 'comsuppwd.lib'],
      ["the Universal CRT and Windows' msvcrt", 'ucrt.lib', 'msvcrt.lib'],
      ['the provider library of bcrypt.dll', 'bcrypt_provider.lib'],
      ['an empty name (links nothing)', '', ' '],
    ].map(([what, ...libraries]): ValidCase => ({
      name: `${tag}: ${what}`,
      code: code(withPragmas(...libraries.map((l) => `#pragma comment(lib, "${l}")`))),
      filename,
    })),
    {
      name: `${tag}: delay-loaded Windows DLLs and API sets`,
      code: code(
        withPragmas(
          '#pragma comment(linker, "/DELAYLOAD:setupapi.dll")',
          '#pragma comment(linker, "/delayload:Newdev.dll /DELAYLOAD:api-ms-win-core-synch-l1-2-0.dll")',
          '#pragma comment(linker, "-DELAYLOAD:winspool.drv")',
        ),
      ),
      filename,
    },
    { name: `${tag}: other linker options`, code: code(withPragmas('#pragma comment(linker, "/export:CoDeviceInstall=_CoDeviceInstall@16")', '#pragma comment(linker, "/NODEFAULTLIB:contoso.lib")')), filename },
    { name: `${tag}: a vendor library in #if 0`, code: code(withPragmas('#if 0', '#pragma comment(lib, "contoso.lib")', '#pragma comment(linker, "/DELAYLOAD:contoso.dll")', '#endif')), filename },
    { name: `${tag}: a vendor library in a comment`, code: code(withPragmas('// #pragma comment(lib, "contoso.lib")', '/* #pragma comment(linker, "/DELAYLOAD:contoso.dll") */')), filename },
    {
      name: `${tag}: a vendor library in a DLL without an installer entry point`,
      code: code(['#pragma comment(lib, "contoso.lib")', '#pragma comment(linker, "/DELAYLOAD:contoso.dll")', 'void ContosoHelper(void) { }', '']),
      filename,
    },
  ];
  const invalid: InvalidCase[] = [
    {
      name: `${tag}: a vendor import library`,
      code: code(withPragmas('#pragma comment(lib, "contosohelper.lib")')),
      filename,
      errors: [link('contosohelper.lib', 1, '#pragma comment(lib, "contosohelper.lib")')],
    },
    {
      name: `${tag}: a vendor library by path, and one without .lib, among system ones`,
      code: code(withPragmas('#pragma comment(lib, "setupapi.lib")', '#pragma comment(lib, "..\\\\lib\\\\ContosoUtil.lib")', '#pragma comment( lib , "contoso_api" )')),
      filename,
      errors: [
        link('..\\\\lib\\\\ContosoUtil.lib', 2, '#pragma comment(lib, "..\\\\lib\\\\ContosoUtil.lib")'),
        link('contoso_api', 3, '#pragma comment( lib , "contoso_api" )'),
      ],
    },
    {
      name: `${tag}: import libraries of Visual C++ run-time DLLs, which do not ship with Windows`,
      code: code(withPragmas('#pragma comment(lib, "vcruntime.lib")', '#pragma comment(lib, "msvcprt.lib")', '#pragma comment(lib, "ucrtd.lib")', '#pragma comment(lib, "mfc140u.lib")')),
      filename,
      errors: [
        link('vcruntime.lib', 1, '#pragma comment(lib, "vcruntime.lib")'),
        link('msvcprt.lib', 2, '#pragma comment(lib, "msvcprt.lib")'),
        link('ucrtd.lib', 3, '#pragma comment(lib, "ucrtd.lib")'),
        link('mfc140u.lib', 4, '#pragma comment(lib, "mfc140u.lib")'),
      ],
    },
    {
      // `#pragma comment(linker, "/DELAYLOAD:` is 36 characters: the name starts in column 37
      name: `${tag}: a delay-loaded vendor DLL`,
      code: code(withPragmas('#pragma comment(linker, "/DELAYLOAD:contoso.dll")')),
      filename,
      errors: [delay('contoso.dll', 1, 37)],
    },
    {
      name: `${tag}: lower case, blanks in the pragma, several options in one string`,
      code: code(
        withPragmas(
          '#pragma comment( linker , "/delayload:ContosoApi.dll" )',
          '#pragma comment(linker, "/DELAYLOAD:setupapi.dll /DELAYLOAD:contoso_a.dll  -delayload:contoso_b.dll")',
        ),
      ),
      filename,
      errors: [delay('ContosoApi.dll', 1, 39), delay('contoso_a.dll', 2, 61), delay('contoso_b.dll', 2, 87)],
    },
    {
      name: `${tag}: an option in escaped quotes, and a library next to it`,
      code: code(withPragmas('#pragma comment(linker, "\\"/DELAYLOAD:contoso.dll\\"")', '#pragma comment(lib, "contoso.lib")')),
      filename,
      errors: [delay('contoso.dll', 1, 39), link('contoso.lib', 2, '#pragma comment(lib, "contoso.lib")')],
    },
  ];
  return { valid, invalid };
}

for (const eol of ['\n', '\r\n']) {
  for (const filename of ['installer.c', 'installer.cpp']) tester.run('no-dll-load', asModule, cases(eol, filename));
}

// Without the model nothing tells an installer DLL: every link dependency is reported.
new RuleTester().run('no-dll-load', asModule, {
  valid: ['#pragma comment(lib, "htmlhelp.lib")\n#pragma comment(linker, "/DELAYLOAD:rasapi32.dll")\n'],
  invalid: [{ code: '#pragma comment(linker, "/DELAYLOAD:contoso.dll")\n', errors: [delay('contoso.dll', 1, 37)] }],
});
