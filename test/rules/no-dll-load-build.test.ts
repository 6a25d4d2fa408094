/**
 * no-dll-load on build files (docs/rules/no-dll-load.md, "Build files"): the guideline forbids
 * loading DLLs through link dependencies, so a vendor import library in AdditionalDependencies or
 * TARGETLIBS, and a delay-loaded DLL that is not Windows', are reported where the build file
 * writes them; Windows' import libraries and the static C run time are not. Hand-written
 * projects, with LF and CRLF line ends; positions counted by hand (1-based, UTF-16 columns).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import rule from '../../rules/no-dll-load.js';
import { lintFiles } from '../../api/index.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { buildFilesProvider } from '../../engine/linter/build-files.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const asModule: RuleModule = rule;

const CO = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
  '{',
  '    return NO_ERROR;',
  '}',
  '',
].join('\n');
const CLASS = CO.replace(', PCOINSTALLER_CONTEXT_DATA Ctx)', ')').replace('ContosoCoInstaller', 'ContosoClassInstaller').replace('NO_ERROR', 'ERROR_DI_DO_DEFAULT');
const NOT_INSTALLER = '#include <windows.h>\nBOOL WINAPI DllMain(HINSTANCE h, DWORD r, LPVOID p) { return TRUE; }\n';

/** A DLL project; `link` are the lines inside its <Link> (line 19 on). */
const vcxproj = (link: string[], extra: string[] = []) => [
  '<?xml version="1.0" encoding="utf-8"?>', // 1
  '<Project DefaultTargets="Build" ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">',
  '  <ItemGroup Label="ProjectConfigurations">',
  '    <ProjectConfiguration Include="Debug|x64">',
  '      <Configuration>Debug</Configuration>', // 5
  '      <Platform>x64</Platform>',
  '    </ProjectConfiguration>',
  '    <ProjectConfiguration Include="Release|x64">',
  '      <Configuration>Release</Configuration>',
  '      <Platform>x64</Platform>', // 10
  '    </ProjectConfiguration>',
  '  </ItemGroup>',
  '  <PropertyGroup>',
  '    <ConfigurationType>DynamicLibrary</ConfigurationType>',
  '    <TargetName>ContosoCoInst</TargetName>', // 15
  '  </PropertyGroup>',
  '  <ItemDefinitionGroup>',
  '    <Link>',
  ...link,
  '    </Link>',
  '  </ItemDefinitionGroup>',
  ...extra,
  '  <ItemGroup>',
  '    <ClCompile Include="coinst.c" />',
  '  </ItemGroup>',
  '</Project>',
  '',
];

const DEPENDENCIES = '      <AdditionalDependencies>kernel32.lib;setupapi.lib;advapi32.lib;libcmt.lib;ContosoVendor.lib;%(AdditionalDependencies)</AdditionalDependencies>';
const DELAY = '      <DelayLoadDLLs>ContosoHelper.dll;shell32.dll</DelayLoadDLLs>';
const vendorLib = (line: number, target = 'co-installer DLL ContosoCoInst', where = '') => ({
  messageId: 'buildLibrary',
  data: { library: 'ContosoVendor.lib', target, where },
  // `      <AdditionalDependencies>` is 30 columns, then kernel32.lib; setupapi.lib; advapi32.lib; libcmt.lib; (50)
  line, column: 81, endLine: line, endColumn: 98,
});
const helperDll = (line: number) => ({
  messageId: 'buildDelayLoad',
  data: { dll: 'ContosoHelper.dll', target: 'co-installer DLL ContosoCoInst', where: '' },
  // `      <DelayLoadDLLs>` is 21 columns
  line, column: 22, endLine: line, endColumn: 39,
});

/** A WDK sources file; without `before`, TARGETLIBS on lines 4-6, DELAYLOAD on line 7. */
const sources = (before: string[] = [], delayLoad = ['DELAYLOAD=ContosoHelper.dll']) => [
  'TARGETNAME=ContosoCoInst',
  'TARGETTYPE=DYNLINK',
  'USE_LIBCMT=1',
  ...before,
  'TARGETLIBS=$(SDK_LIB_PATH)\\kernel32.lib \\',
  '           $(SDK_LIB_PATH)\\setupapi.lib \\',
  '           ..\\lib\\ContosoVendor.lib',
  ...delayLoad,
  'SOURCES=coinst.c',
  '',
];

type Case = { name: string; file: string; lines: string[]; module: Record<string, string>; errors?: InvalidCase['errors'] };

const CASES: Case[] = [
  {
    name: 'vcxproj: the vendor library and the delay-loaded vendor DLL of a co-installer DLL',
    file: 'contoso.vcxproj',
    lines: vcxproj([DEPENDENCIES, DELAY]),
    module: { 'coinst.c': CO },
    errors: [vendorLib(19), helperDll(20)],
  },
  {
    name: 'vcxproj: a class installer DLL',
    file: 'contoso.vcxproj',
    lines: vcxproj([DEPENDENCIES]),
    module: { 'coinst.c': CLASS },
    errors: [vendorLib(19, 'class installer DLL ContosoCoInst')],
  },
  {
    name: 'vcxproj: a library only one configuration lists says which',
    file: 'contoso.vcxproj',
    lines: vcxproj(['      <AdditionalDependencies>kernel32.lib</AdditionalDependencies>'], [
      '  <ItemDefinitionGroup Condition="\'$(Configuration)|$(Platform)\'==\'Debug|x64\'">', // 22
      '    <Link>',
      '      <AdditionalDependencies>ContosoTrace.lib;%(AdditionalDependencies)</AdditionalDependencies>', // 24
      '    </Link>',
      '  </ItemDefinitionGroup>',
    ]),
    module: { 'coinst.c': CO },
    errors: [{ messageId: 'buildLibrary', data: { library: 'ContosoTrace.lib', target: 'co-installer DLL ContosoCoInst', where: ' (configuration Debug|x64)' }, line: 24, column: 31, endLine: 24, endColumn: 47 }],
  },
  {
    name: 'vcxproj: Windows libraries, the static run time, Windows DLLs delay-loaded: nothing',
    file: 'contoso.vcxproj',
    lines: vcxproj(['      <AdditionalDependencies>kernel32.lib;$(SDK_LIB_PATH)\\setupapi.lib;advapi32.lib;libcmt.lib;%(AdditionalDependencies)</AdditionalDependencies>', '      <DelayLoadDLLs>shell32.dll;cfgmgr32.dll</DelayLoadDLLs>']),
    module: { 'coinst.c': CO },
  },
  {
    name: 'vcxproj: a DLL that is no installer is not reported',
    file: 'contoso.vcxproj',
    lines: vcxproj([DEPENDENCIES, DELAY]),
    module: { 'coinst.c': NOT_INSTALLER },
  },
  {
    name: 'vcxproj: disable-next-line in an XML comment',
    file: 'contoso.vcxproj',
    lines: vcxproj(['      <!-- coinstaller-lint-disable-next-line no-dll-load -->', DEPENDENCIES, DELAY]),
    module: { 'coinst.c': CO },
    errors: [helperDll(21)],
  },
  {
    name: 'vcxproj: a disable ... enable block of XML comments',
    file: 'contoso.vcxproj',
    lines: vcxproj(['      <!-- coinstaller-lint-disable no-dll-load -->', DEPENDENCIES, '      <!-- coinstaller-lint-enable no-dll-load -->', DELAY]),
    module: { 'coinst.c': CO },
    errors: [helperDll(22)],
  },
  {
    name: 'sources: a vendor library in TARGETLIBS and a delay-loaded vendor DLL',
    file: 'sources',
    lines: sources(),
    module: { 'coinst.c': CO },
    errors: [
      // `           ..\lib\ContosoVendor.lib`: the entry from column 12
      { messageId: 'buildLibrary', data: { library: '..\\lib\\ContosoVendor.lib', target: 'co-installer DLL ContosoCoInst', where: '' }, line: 6, column: 12, endLine: 6, endColumn: 36 },
      { messageId: 'buildDelayLoad', data: { dll: 'ContosoHelper.dll', target: 'co-installer DLL ContosoCoInst', where: '' }, line: 7, column: 11, endLine: 7, endColumn: 28 },
    ],
  },
  {
    name: 'sources: # comments disable the rule',
    file: 'sources',
    lines: sources(['# coinstaller-lint-disable no-dll-load -- the vendor library is static'], ['# coinstaller-lint-enable no-dll-load', '# coinstaller-lint-disable-next-line no-dll-load', 'DELAYLOAD=ContosoHelper.dll']),
    module: { 'coinst.c': CO },
  },
];

const PROPS = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">',
  '  <ItemDefinitionGroup>',
  '    <Link>',
  '      <AdditionalDependencies>ContosoShared.lib;%(AdditionalDependencies)</AdditionalDependencies>', // 5
  '    </Link>',
  '  </ItemDefinitionGroup>',
  '</Project>',
  '',
];
const IMPORT = ['  <Import Project="contoso.props" />'];
const sharedLib = (line: number, target: string) => ({ messageId: 'buildLibrary', data: { library: 'ContosoShared.lib', target, where: '' }, line, column: 31, endLine: line, endColumn: 48 });

const PROPS_CASES: Case[] = [
  {
    name: 'props: an imported .props entry is reported in the .props',
    file: 'contoso.props',
    lines: PROPS,
    module: { 'contoso.vcxproj': vcxproj(['      <AdditionalDependencies>kernel32.lib;%(AdditionalDependencies)</AdditionalDependencies>'], IMPORT).join('\n'), 'coinst.c': CO },
    errors: [sharedLib(5, 'co-installer DLL ContosoCoInst')],
  },
  {
    name: 'props: the project importing it does not report the .props entry',
    file: 'contoso.vcxproj',
    lines: vcxproj(['      <AdditionalDependencies>kernel32.lib;%(AdditionalDependencies)</AdditionalDependencies>'], IMPORT),
    module: { 'contoso.props': PROPS.join('\n'), 'coinst.c': CO },
  },
  {
    name: 'props: shared by two DLL projects, reported once naming both',
    file: 'contoso.props',
    lines: PROPS,
    module: {
      'a.vcxproj': vcxproj([], IMPORT).join('\n').replace('ContosoCoInst', 'ContosoA'),
      'b.vcxproj': vcxproj([], IMPORT).join('\n').replace('ContosoCoInst', 'ContosoB'),
      'coinst.c': CO,
    },
    errors: [sharedLib(5, 'co-installer DLL ContosoA and the co-installer DLL ContosoB')],
  },
];

function run(tester: RuleTester, title: string, cases: Case[]): void {
  for (const [eolName, eol] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
    const valid: ValidCase[] = [];
    const invalid: InvalidCase[] = [];
    for (const c of cases) {
      const module = Object.fromEntries(Object.entries(c.module).map(([name, text]) => [name, text.replace(/\n/g, eol)]));
      const base = { name: `${c.name} (${eolName})`, code: c.lines.join(eol), filename: c.file, moduleFiles: module };
      if (c.errors) invalid.push({ ...base, errors: c.errors });
      else valid.push(base);
    }
    describe(`${title}, ${eolName}`, () => tester.run('no-dll-load', asModule, { valid, invalid }));
  }
}

run(new RuleTester({ serviceProviders: [installerModelProvider, buildFilesProvider()] }), 'build files', [...CASES, ...PROPS_CASES]);

// without the installer model the rule cannot tell an installer: "the DLL"
run(new RuleTester({ serviceProviders: [buildFilesProvider()] }), 'build files without the model', [
  {
    name: 'vcxproj without the model',
    file: 'contoso.vcxproj',
    lines: vcxproj([DEPENDENCIES]),
    module: {},
    errors: [vendorLib(19, 'DLL ContosoCoInst')],
  },
  {
    name: 'an application project links what it likes: no DLL, no finding',
    file: 'contoso.vcxproj',
    lines: vcxproj([DEPENDENCIES]).map((l) => l.replace('DynamicLibrary', 'Application')),
    module: {},
  },
]);

describe('a malformed build file through lintFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'coinstaller-lint-build-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('gives a fatal message on the build file, and the other files are still linted', async () => {
    writeFileSync(join(root, 'contoso.vcxproj'), ['<?xml version="1.0" encoding="utf-8"?>', '<Project>', '  <ItemGroup>', '    <ClCompile Include="coinst.c" />', '  </ItemGrup>', '</Project>', ''].join('\r\n'));
    writeFileSync(
      join(root, 'coinst.c'),
      CO.replace('    return NO_ERROR;', '    if (Fn == DIF_INSTALLDEVICE) LoadLibraryW(L"contoso.dll");\n    return NO_ERROR;'),
    );
    const results = await lintFiles([root], { cwd: root });
    const project = results.find((r) => r.filePath.endsWith('contoso.vcxproj'))!;
    const source = results.find((r) => r.filePath.endsWith('coinst.c'))!;
    // the closing tag on line 5 does not match <ItemGroup>
    expect(project.messages.map((m) => ({ fatal: m.fatal, ruleId: m.ruleId, line: m.line }))).toEqual([{ fatal: true, ruleId: null, line: 5 }]);
    expect(project.messages[0].message).toMatch(/^Malformed build file: /);
    expect(source.messages.map((m) => [m.ruleId, m.line])).toEqual([['no-dll-load', 5]]);
  });
});
