/**
 * settings.configuration and settings.defines (docs/architecture.md, "Summaries"): with a
 * configuration, a branch its defines make false is dead, so a MessageBox there is not reported by
 * no-ui-outside-finish-install; without one, every branch is live as before. Through lintFiles on
 * a folder with a hand-written .vcxproj whose configurations define other names, in C and C++,
 * with LF and CRLF line ends. The guideline: no user interface while DIF_INSTALLDEVICE is
 * processed (docs/installer-facts.md#dif-codes-and-interactivity).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintFiles } from '../../api/index.js';

const CONFIGURATIONS = [
  ['Debug|x64', 'CONTOSO_VERBOSE;CONTOSO_LEVEL=2;%(PreprocessorDefinitions)'],
  ['Release|x64', 'NDEBUG;CONTOSO_LEVEL=0;%(PreprocessorDefinitions)'],
  ['Release|Win32', 'NDEBUG;%(PreprocessorDefinitions)'],
] as const;

/** A DLL project compiling `source`, each configuration with its own PreprocessorDefinitions. */
function vcxproj(source: string): string {
  const cond = (name: string) => `Condition="'$(Configuration)|$(Platform)'=='${name}'"`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<Project DefaultTargets="Build" ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">',
    '  <ItemGroup Label="ProjectConfigurations">',
    ...CONFIGURATIONS.map(([name]) => {
      const [configuration, platform] = name.split('|');
      return `    <ProjectConfiguration Include="${name}"><Configuration>${configuration}</Configuration><Platform>${platform}</Platform></ProjectConfiguration>`;
    }),
    '  </ItemGroup>',
    ...CONFIGURATIONS.map(([name]) => `  <PropertyGroup ${cond(name)} Label="Configuration"><ConfigurationType>DynamicLibrary</ConfigurationType><TargetName>ContosoCo</TargetName></PropertyGroup>`),
    ...CONFIGURATIONS.map(([name, defines]) => `  <ItemDefinitionGroup ${cond(name)}><ClCompile><PreprocessorDefinitions>${defines}</PreprocessorDefinitions></ClCompile></ItemDefinitionGroup>`),
    `  <ItemGroup><ClCompile Include="${source}" /></ItemGroup>`,
    '</Project>',
    '',
  ].join('\r\n');
}

/** A co-installer whose DIF_INSTALLDEVICE case holds `body` (from line 9). */
const coinstaller = (...body: string[]) => [
  '#include <windows.h>', // 1
  '#include <setupapi.h>',
  '',
  'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,',
  '    PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)', // 5
  '{',
  '    switch (InstallFunction) {',
  '    case DIF_INSTALLDEVICE:',
  ...body, // 9...
  '        break;',
  '    default:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];

const BOX = '        MessageBoxW(NULL, L"Installing", L"Contoso", MB_OK);';

const VERBOSE = coinstaller('#ifdef CONTOSO_VERBOSE', BOX, '#endif'); // the call on line 10
const WIN64 = coinstaller('#if _WIN64', BOX, '#endif'); // line 10
const ELSE = coinstaller('#ifndef CONTOSO_VERBOSE', '        OutputDebugStringW(L"quiet");', '#else', BOX, '#endif'); // line 12
const NESTED = coinstaller('#ifdef CONTOSO_VERBOSE', '#if CONTOSO_LEVEL > 1', BOX, '#endif', '#endif'); // line 11

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cil-configuration-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The no-ui-outside-finish-install findings of the source, as `line:column`. */
async function uiFindings(source: string, lines: string[], eol: string, settings: Record<string, unknown> | undefined, withProject = true): Promise<string[]> {
  writeFileSync(join(dir, source), lines.join(eol));
  if (withProject) writeFileSync(join(dir, 'contoso.vcxproj'), vcxproj(source));
  writeFileSync(join(dir, 'coinstaller-lint.json'), JSON.stringify(settings ? { settings } : {}));
  const [result] = await lintFiles(source, { cwd: dir });
  return result.messages.filter((m) => m.ruleId === 'no-ui-outside-finish-install').map((m) => `${m.line}:${m.column}`);
}

for (const source of ['contoso.c', 'contoso.cpp']) {
  for (const [eolName, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const) {
    describe(`${source}, ${eolName}`, () => {
      it('#ifdef CONTOSO_VERBOSE: reported when the configuration defines it, not when it does not, and without a configuration', async () => {
        expect(await uiFindings(source, VERBOSE, eol, { configuration: 'Debug|x64' })).toEqual(['10:9']);
        expect(await uiFindings(source, VERBOSE, eol, { configuration: 'Release|x64' })).toEqual([]);
        expect(await uiFindings(source, VERBOSE, eol, undefined)).toEqual(['10:9']);
      });
      it('#if _WIN64: live for x64, dead for Win32', async () => {
        expect(await uiFindings(source, WIN64, eol, { configuration: 'Release|x64' })).toEqual(['10:9']);
        expect(await uiFindings(source, WIN64, eol, { configuration: 'Release|Win32' })).toEqual([]);
      });
      it('the #else branch is live when the #ifndef is false', async () => {
        expect(await uiFindings(source, ELSE, eol, { configuration: 'Debug|x64' })).toEqual(['12:9']);
        expect(await uiFindings(source, ELSE, eol, { configuration: 'Release|x64' })).toEqual([]);
      });
      it('nested groups: both conditions hold in Debug|x64 only', async () => {
        expect(await uiFindings(source, NESTED, eol, { configuration: 'Debug|x64' })).toEqual(['11:9']);
        expect(await uiFindings(source, NESTED, eol, { configuration: 'Release|x64' })).toEqual([]);
      });
      it('a configuration the project does not have, and no settings.defines: every branch live', async () => {
        expect(await uiFindings(source, VERBOSE, eol, { configuration: 'Release|ARM64' })).toEqual(['10:9']);
      });
      it('settings.defines without a build file', async () => {
        expect(await uiFindings(source, NESTED, eol, { defines: ['CONTOSO_VERBOSE', 'CONTOSO_LEVEL=3'] }, false)).toEqual(['11:9']);
        expect(await uiFindings(source, NESTED, eol, { defines: ['CONTOSO_VERBOSE', 'CONTOSO_LEVEL=1'] }, false)).toEqual([]);
        expect(await uiFindings(source, VERBOSE, eol, { defines: [] }, false)).toEqual([]);
        // no configuration file settings at all: today's reading
        expect(await uiFindings(source, VERBOSE, eol, undefined, false)).toEqual(['10:9']);
      });
    });
  }
}
