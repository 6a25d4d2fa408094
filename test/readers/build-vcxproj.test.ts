import { describe, expect, it } from 'vitest';
import { type BuildConfiguration, type BuildItem } from '../../engine/readers/build/build-types.js';
import { readBuildFile } from '../../engine/readers/build/index.js';
import { evaluateCondition } from '../../engine/readers/build/msbuild-condition.js';
import { readVcxproj } from '../../engine/readers/build/vcxproj-reader.js';

const DIR = '/work/contoso';
const PROJECT = `${DIR}/ContosoCoInst.vcxproj`;
const PROPS = `${DIR}/contoso.props`;

function configurationOf(configs: BuildConfiguration[], name: string | null): BuildConfiguration {
  const config = configs.find((c) => c.name === name);
  if (!config) throw new Error(`no configuration ${String(name)}`);
  return config;
}

for (const [eolName, eol] of [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
  ['CR', '\r'],
] as const) {
  const files = new Map<string, string>();
  /** Each item's text as written, read from the file that holds it. */
  const written = (item: BuildItem | undefined): string => (item ? files.get(item.file)!.slice(...item.range) : '<none>');
  const readFile = (p: string): string | undefined => files.get(p);

  const project = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<Project DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">',
    '  <ItemGroup Label="ProjectConfigurations">',
    '    <ProjectConfiguration Include="Debug|x64"><Configuration>Debug</Configuration><Platform>x64</Platform></ProjectConfiguration>',
    '    <ProjectConfiguration Include="Release|x64"><Configuration>Release</Configuration><Platform>x64</Platform></ProjectConfiguration>',
    '  </ItemGroup>',
    '  <PropertyGroup Label="Globals">',
    "    <Configuration Condition=\"'$(Configuration)' == ''\">Debug</Configuration>",
    '  </PropertyGroup>',
    '  <Import Project="$(VCTargetsPath)\\Microsoft.Cpp.Default.props" />',
    '  <Import Project="contoso.props" />',
    "  <PropertyGroup Condition=\"'$(Configuration)|$(Platform)'=='Release|x64'\" Label=\"Configuration\">",
    '    <ConfigurationType>DynamicLibrary</ConfigurationType>',
    '    <TargetName>ContosoCo</TargetName>',
    '  </PropertyGroup>',
    "  <PropertyGroup Condition=\"'$(Configuration)'=='Debug'\">",
    '    <ConfigurationType>Application</ConfigurationType>',
    '  </PropertyGroup>',
    "  <ItemDefinitionGroup Condition=\"'$(Configuration)'=='Debug' and '$(Platform)'=='x64'\">",
    '    <ClCompile>',
    '      <PreprocessorDefinitions>CONTOSO_UI;%(PreprocessorDefinitions)</PreprocessorDefinitions>',
    '      <RuntimeLibrary>MultiThreadedDebugDLL</RuntimeLibrary>',
    '    </ClCompile>',
    '  </ItemDefinitionGroup>',
    "  <ItemDefinitionGroup Condition=\"'$(Configuration)' != 'Debug'\">",
    '    <ClCompile>',
    '      <PreprocessorDefinitions>NDEBUG;NAME=&quot;Contoso&quot;;%(PreprocessorDefinitions)</PreprocessorDefinitions>',
    '      <AdditionalIncludeDirectories>..\\inc;$(DDK_INC_PATH);%(AdditionalIncludeDirectories)</AdditionalIncludeDirectories>',
    '      <RuntimeLibrary>MultiThreaded</RuntimeLibrary>',
    '    </ClCompile>',
    '    <Link>',
    '      <AdditionalDependencies>setupapi.lib;$(ContosoLibs);%(AdditionalDependencies)</AdditionalDependencies>',
    '      <DelayLoadDLLs>contosoui.dll</DelayLoadDLLs>',
    '      <AdditionalOptions>/DELAYLOAD:contosonet.dll %(AdditionalOptions)</AdditionalOptions>',
    '      <ModuleDefinitionFile>$(TargetName).def</ModuleDefinitionFile>',
    '    </Link>',
    '  </ItemDefinitionGroup>',
    '  <ItemGroup>',
    '    <ClCompile Include="coinst.c;util.c" />',
    '    <ClCompile Include="..\\common\\log.c">',
    "      <ExcludedFromBuild Condition=\"'$(Configuration)|$(Platform)'=='Release|x64'\">true</ExcludedFromBuild>",
    '    </ClCompile>',
    '    <ClInclude Include="coinst.h" />',
    '    <ClInclude Include="*.hpp" />',
    "    <ClCompile Include=\"debugonly.c\" Condition=\"'$(Configuration)'=='Debug'\" />",
    '  </ItemGroup>',
    '  <Import Project="$(VCTargetsPath)\\Microsoft.Cpp.targets" />',
    '</Project>',
    '',
  ].join(eol);
  const props = [
    '<Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">',
    '  <PropertyGroup>',
    '    <ContosoLibs>contosohw.lib;contosolog.lib</ContosoLibs>',
    '  </PropertyGroup>',
    '  <ItemDefinitionGroup>',
    '    <Link>',
    '      <AdditionalDependencies>advapi32.lib;%(AdditionalDependencies)</AdditionalDependencies>',
    '      <AdditionalOptions>-delayload:contosoext.dll</AdditionalOptions>',
    '    </Link>',
    '  </ItemDefinitionGroup>',
    '</Project>',
    '',
  ].join(eol);
  files.set(PROJECT, project);
  files.set(PROPS, props);

  describe(`readVcxproj (${eolName})`, () => {
    const result = readVcxproj(PROJECT, project, readFile);

    it('reads one configuration per ProjectConfiguration item, and the props it imports', () => {
      expect(result.kind).toBe('vcxproj');
      expect(result.diagnostics).toEqual([]);
      expect(result.files).toEqual([PROJECT, PROPS]);
      expect(result.configurations.map((c) => c.name)).toEqual(['Debug|x64', 'Release|x64']);
    });

    it('Release|x64: a DLL named by TargetName, with its libraries, delay loads, .def and static run time', () => {
      const release = configurationOf(result.configurations, 'Release|x64');
      expect(release.targetType?.value).toBe('DynamicLibrary');
      expect(written(release.targetType)).toBe('DynamicLibrary');
      expect(release.targetName?.value).toBe('ContosoCo');
      expect(written(release.targetName)).toBe('ContosoCo');
      // the props' definition comes first, and the project's %(AdditionalDependencies) keeps it at its place
      expect(release.libraries.map((l) => l.value)).toEqual(['setupapi.lib', 'contosohw.lib', 'contosolog.lib', 'advapi32.lib']);
      expect(release.libraries.map((l) => l.file)).toEqual([PROJECT, PROJECT, PROJECT, PROPS]);
      expect(release.libraries.map(written)).toEqual(['setupapi.lib', '$(ContosoLibs)', '$(ContosoLibs)', 'advapi32.lib']);
      expect(release.delayLoad.map((d) => d.value)).toEqual(['contosoui.dll', 'contosonet.dll', 'contosoext.dll']);
      expect(release.delayLoad.map(written)).toEqual(['contosoui.dll', 'contosonet.dll', 'contosoext.dll']);
      expect(release.moduleDefinitionFile?.value).toBe(`${DIR}/ContosoCo.def`);
      expect(written(release.moduleDefinitionFile)).toBe('$(TargetName).def');
      expect(release.runtime).toBe('static');
    });

    it('Release|x64: defines and include folders, metadata references dropped, unknown properties unresolved', () => {
      const release = configurationOf(result.configurations, 'Release|x64');
      expect(release.defines.map((d) => d.value)).toEqual(['NDEBUG', 'NAME="Contoso"']);
      expect(release.defines.map(written)).toEqual(['NDEBUG', 'NAME=&quot;Contoso&quot;']);
      expect(release.includeDirs).toEqual([
        { value: '/work/inc', file: PROJECT, range: expect.any(Array) as unknown },
        { value: '$(DDK_INC_PATH)', file: PROJECT, range: expect.any(Array) as unknown, unresolved: true },
      ]);
      expect(release.includeDirs.map(written)).toEqual(['..\\inc', '$(DDK_INC_PATH)']);
    });

    it('Release|x64: sources and headers against the project folder; excluded and other-configuration items left out; wildcards kept', () => {
      const release = configurationOf(result.configurations, 'Release|x64');
      expect(release.sources.map((s) => s.value)).toEqual([`${DIR}/coinst.c`, `${DIR}/util.c`]);
      expect(release.sources.map(written)).toEqual(['coinst.c', 'util.c']);
      expect(release.headers).toEqual([
        { value: `${DIR}/coinst.h`, file: PROJECT, range: expect.any(Array) as unknown },
        { value: '*.hpp', file: PROJECT, range: expect.any(Array) as unknown, unresolved: true },
      ]);
      expect(release.headers.map(written)).toEqual(['coinst.h', '*.hpp']);
    });

    it('Debug|x64: the other group of each condition; TargetName defaults to the project name', () => {
      const debug = configurationOf(result.configurations, 'Debug|x64');
      expect(debug.targetType?.value).toBe('Application');
      expect(debug.targetName?.value).toBe('ContosoCoInst');
      expect(debug.targetName?.range).toEqual([0, 0]);
      expect(debug.defines.map(written)).toEqual(['CONTOSO_UI']);
      expect(debug.runtime).toBe('dll');
      expect(debug.libraries.map((l) => l.value)).toEqual(['advapi32.lib']);
      expect(debug.delayLoad.map((d) => d.value)).toEqual(['contosoext.dll']);
      expect(debug.moduleDefinitionFile).toBeUndefined();
      expect(debug.sources.map(written)).toEqual(['coinst.c', 'util.c', '..\\common\\log.c', 'debugonly.c']);
      expect(debug.sources[2].value).toBe('/work/common/log.c');
    });

    it('readBuildFile reads a .vcxproj by its name, and a .props alone as nothing', () => {
      expect(readBuildFile(PROJECT, project, readFile)?.configurations).toHaveLength(2);
      expect(readBuildFile(PROPS, props, readFile)).toBeUndefined();
      expect(readBuildFile(`${DIR}/readme.txt`, 'x', readFile)).toBeUndefined();
    });

    it('a malformed project gives a diagnostic at the error and no configuration', () => {
      const broken = ['<Project>', '  <PropertyGroup>', '    <TargetName>x</TargetNam>', '  </PropertyGroup>', '</Project>'].join(eol);
      const read = readVcxproj(PROJECT, broken, readFile);
      expect(read.configurations).toEqual([]);
      expect(read.diagnostics).toHaveLength(1);
      expect(read.diagnostics[0].file).toBe(PROJECT);
      expect(read.diagnostics[0].message).toMatch(/malformed XML: <\/TargetNam> does not close <TargetName>/);
      expect(broken.slice(...read.diagnostics[0].range)).toBe('TargetNam');
    });

    it('a malformed import gives a diagnostic on the import; the project is still read', () => {
      const badProps = ['<Project>', '  <PropertyGroup><ContosoLibs>a.lib & b.lib</ContosoLibs></PropertyGroup>', '</Project>'].join(eol);
      const read = readVcxproj(PROJECT, project, (p) => (p === PROPS ? badProps : files.get(p)));
      expect(read.diagnostics).toHaveLength(1);
      expect(read.diagnostics[0].file).toBe(PROPS);
      expect(badProps.slice(...read.diagnostics[0].range)).toBe('&');
      const release = configurationOf(read.configurations, 'Release|x64');
      expect(release.libraries.map((l) => l.value)).toEqual(['setupapi.lib', '$(ContosoLibs)']);
      expect(release.libraries[1].unresolved).toBe(true);
    });

    it('a root that is not <Project> is reported', () => {
      const text = ['<?xml version="1.0"?>', '<Solution/>'].join(eol);
      const read = readVcxproj(PROJECT, text, readFile);
      expect(read.configurations).toEqual([]);
      expect(text.slice(...read.diagnostics[0].range)).toBe('Solution');
    });

    it('imports that cycle or leave the workspace are not followed; the read ends', () => {
      const a = `${DIR}/a.props`;
      const b = `${DIR}/sub/b.props`;
      const cyclic = new Map<string, string>([
        [a, ['<Project>', '  <Import Project="sub\\b.props" />', '  <PropertyGroup><FromA>1</FromA></PropertyGroup>', '</Project>'].join(eol)],
        [b, ['<Project>', '  <Import Project="$(MSBuildThisFileDirectory)..\\a.props" />', '  <PropertyGroup><TargetName>FromB</TargetName></PropertyGroup>', '</Project>'].join(eol)],
      ]);
      const text = ['<Project>', '  <Import Project="a.props" />', '  <Import Project="..\\..\\outside.props" />', '</Project>'].join(eol);
      const asked: string[] = [];
      const read = readVcxproj(PROJECT, text, (p) => {
        asked.push(p);
        return cyclic.get(p);
      });
      expect(read.diagnostics).toEqual([]);
      expect(read.files).toEqual([PROJECT, a, b]);
      expect(asked).toContain('/outside.props');
      const only = configurationOf(read.configurations, null);
      expect(only.targetName?.value).toBe('FromB');
      expect(only.targetName?.file).toBe(b);
    });

    it('a project without ProjectConfiguration items has one configuration, named null; Windows paths resolve as Windows paths', () => {
      const winProject = 'C:\\src\\contoso\\contoso.vcxproj';
      const text = [
        '<Project>',
        '  <ItemDefinitionGroup><ClCompile><AdditionalIncludeDirectories>..\\inc</AdditionalIncludeDirectories></ClCompile></ItemDefinitionGroup>',
        '  <ItemGroup><ClCompile Include="coinst.cpp" /></ItemGroup>',
        '</Project>',
      ].join(eol);
      const read = readVcxproj(winProject, text, () => undefined);
      const only = configurationOf(read.configurations, null);
      expect(only.sources.map((s) => s.value)).toEqual(['C:\\src\\contoso\\coinst.cpp']);
      expect(only.includeDirs.map((s) => s.value)).toEqual(['C:\\src\\inc']);
      expect(only.targetName?.value).toBe('contoso');
      expect(only.targetType).toBeUndefined();
    });
  });
}

describe('evaluateCondition', () => {
  const known: Record<string, string> = { configuration: 'Release', platform: 'x64', empty: '' };
  const expand = (text: string): { value: string; unresolved: boolean } => {
    let unresolved = false;
    const value = text.replace(/\$\((\w+)\)/g, (whole, name: string) => {
      const v = known[name.toLowerCase()];
      if (v === undefined) unresolved = true;
      return v ?? whole;
    });
    return { value, unresolved };
  };
  const cases: [string, boolean | 'any'][] = [
    ["'$(Configuration)|$(Platform)'=='Release|x64'", true],
    ["'$(Configuration)|$(Platform)'=='Debug|x64'", false],
    ["'$(Configuration)' == 'release'", true],
    ["'$(Configuration)'!='Debug'", true],
    ["'$(Configuration)'=='Debug' or '$(Platform)'=='x64'", true],
    ["'$(Configuration)'=='Debug' and '$(Platform)'=='x64'", false],
    ["!('$(Configuration)'=='Debug')", true],
    ["'$(Empty)' == ''", true],
    ["Exists('$(UserRootDir)\\x.props')", 'any'],
    ["exists('a') and '$(Configuration)'=='Debug'", false],
    ["exists('a') or '$(Configuration)'=='Release'", true],
    ["'$(Unknown)'=='1'", 'any'],
    ["$(Configuration.EndsWith('Release'))", 'any'],
    ["'$(Platform)' >= '1'", 'any'],
    ['true', true],
    ["'unterminated", 'any'],
    ["'a'=='a' 'b'", 'any'],
  ];
  for (const [condition, expected] of cases) {
    it(`${condition} -> ${String(expected)}`, () => {
      expect(evaluateCondition(condition, expand)).toBe(expected);
    });
  }
});
