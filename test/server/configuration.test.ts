/**
 * Over real JSON-RPC: with settings.configuration, a branch the configuration's defines make
 * dead is not reported (engine/parsing/conditional-evaluation.ts), and stays so while the document
 * is edited; the configuration that defines the name reports it. C and C++, LF and CRLF.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, pathUri } from './support/lsp-client.js';
import { tempWorkspace, type TempWorkspace } from './support/workspace.js';

let client: TestClient | undefined;
let ws: TempWorkspace | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  ws?.remove();
  ws = undefined;
});

const co = (eol: string) =>
  [
    '#include <windows.h>',
    '#include <setupapi.h>',
    'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
    '{',
    '    switch (Fn) {',
    '    case DIF_INSTALLDEVICE:',
    '#ifdef CONTOSO_VERBOSE',
    '        MessageBoxW(NULL, L"Installing", L"Contoso", MB_OK);', // line 7 (0-based)
    '#endif',
    '        break;',
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ].join(eol);

const project = (source: string) => {
  const cond = (name: string) => `Condition="'$(Configuration)|$(Platform)'=='${name}'"`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">',
    '  <ItemGroup Label="ProjectConfigurations">',
    '    <ProjectConfiguration Include="Debug|x64"><Configuration>Debug</Configuration><Platform>x64</Platform></ProjectConfiguration>',
    '    <ProjectConfiguration Include="Release|x64"><Configuration>Release</Configuration><Platform>x64</Platform></ProjectConfiguration>',
    '  </ItemGroup>',
    `  <PropertyGroup ${cond('Debug|x64')}><ConfigurationType>DynamicLibrary</ConfigurationType></PropertyGroup>`,
    `  <PropertyGroup ${cond('Release|x64')}><ConfigurationType>DynamicLibrary</ConfigurationType></PropertyGroup>`,
    `  <ItemDefinitionGroup ${cond('Debug|x64')}><ClCompile><PreprocessorDefinitions>CONTOSO_VERBOSE;%(PreprocessorDefinitions)</PreprocessorDefinitions></ClCompile></ItemDefinitionGroup>`,
    `  <ItemGroup><ClCompile Include="${source}" /></ItemGroup>`,
    '</Project>',
    '',
  ].join('\r\n');
};

const uiRanges = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'no-ui-outside-finish-install').map((d) => d.range);
/** `        MessageBoxW` on line 7. */
const BOX = { start: { line: 7, character: 8 }, end: { line: 7, character: 19 } };

for (const source of ['coinst.c', 'coinst.cpp']) {
  for (const [eolName, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const) {
    describe(`${source}, ${eolName}`, () => {
      it('Release|x64 does not define CONTOSO_VERBOSE: the MessageBox is not reported, before and after an edit', async () => {
        const text = co(eol);
        ws = tempWorkspace({ 'contoso.vcxproj': project(source), [source]: text, 'coinstaller-lint.json': '{ "settings": { "configuration": "Release|x64" } }' });
        client = await TestClient.start({ workspaceFolders: [ws.root] });
        const uri = pathUri(ws.path(source));
        await client.open(uri, text, 1, source.endsWith('.c') ? 'c' : 'cpp');
        expect(uiRanges((await client.waitForDiagnostics(uri, 1)).diagnostics)).toEqual([]);
        // a keystroke inside the function (a space before `break;` on line 9)
        await client.change(uri, 2, [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: ' ' }]);
        expect(uiRanges((await client.waitForDiagnostics(uri, 2)).diagnostics)).toEqual([]);
      });

      it('Debug|x64 defines it: the MessageBox is reported', async () => {
        const text = co(eol);
        ws = tempWorkspace({ 'contoso.vcxproj': project(source), [source]: text, 'coinstaller-lint.json': '{ "settings": { "configuration": "Debug|x64" } }' });
        client = await TestClient.start({ workspaceFolders: [ws.root] });
        const uri = pathUri(ws.path(source));
        await client.open(uri, text, 1, source.endsWith('.c') ? 'c' : 'cpp');
        expect(uiRanges((await client.waitForDiagnostics(uri, 1)).diagnostics)).toEqual([BOX]);
      });
    });
  }
}
