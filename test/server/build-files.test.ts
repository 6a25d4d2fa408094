/**
 * Over real JSON-RPC: a build file gets diagnostics (no-dll-load on a vendor library of a
 * co-installer DLL project), and its disable action writes an XML comment.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../engine/index.js';
import { commentStyleOf, disableForFile, disableForLine } from '../../server/providers/disable-directive.js';
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

const CO = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
  '{',
  '    return NO_ERROR;',
  '}',
  '',
].join('\r\n');

const PROJECT = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">',
  '  <PropertyGroup>',
  '    <ConfigurationType>DynamicLibrary</ConfigurationType>',
  '    <TargetName>ContosoCoInst</TargetName>',
  '  </PropertyGroup>',
  '  <ItemDefinitionGroup>',
  '    <Link>',
  '      <AdditionalDependencies>setupapi.lib;ContosoVendor.lib</AdditionalDependencies>', // line 8 (0-based)
  '    </Link>',
  '  </ItemDefinitionGroup>',
  '  <ItemGroup>',
  '    <ClCompile Include="coinst.c" />',
  '  </ItemGroup>',
  '</Project>',
  '',
].join('\r\n');

describe('build files', () => {
  it('reports a vendor library of a co-installer DLL project, and disables it with an XML comment', async () => {
    ws = tempWorkspace({ 'contoso.vcxproj': PROJECT, 'coinst.c': CO });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('contoso.vcxproj'));
    await client.open(uri, PROJECT, 1, 'xml');
    const found = (await client.waitForDiagnostics(uri, 1)).diagnostics.filter((d: Diagnostic) => d.code === 'no-dll-load');
    // `      <AdditionalDependencies>setupapi.lib;` is 43 characters, then ContosoVendor.lib
    expect(found.map((d) => d.range)).toEqual([{ start: { line: 8, character: 43 }, end: { line: 8, character: 60 } }]);
    // which kind of DLL depends on the module the session gives the project file (the rule's tests check it)
    expect(found[0].message).toMatch(/^ContosoVendor\.lib is linked into the (co-installer )?DLL ContosoCoInst: /);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: found[0].range,
      context: { diagnostics: found, only: ['quickfix'] },
    });
    const line = actions.find((a) => a.title === 'Disable no-dll-load for this line')!;
    expect(line.edit!.changes![uri]).toEqual([
      { range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, newText: '      <!-- coinstaller-lint-disable-next-line no-dll-load -->\r\n' },
    ]);
    await client.change(uri, 2, [{ range: line.edit!.changes![uri][0].range, text: line.edit!.changes![uri][0].newText }]);
    const after = await client.waitForDiagnostics(uri, 2);
    expect(after.diagnostics).toEqual([]);
  });
});

describe('disable directives in build files', () => {
  it('XML comments in MSBuild files, # in sources and makefile.inc, none in compile_commands.json', () => {
    expect(['/p/a.vcxproj', '/p/a.props', '/p/a.targets', '/p/sources', '/p/makefile.inc', '/p/compile_commands.json', '/p/a.inf', '/p/a.c'].map(commentStyleOf)).toEqual(
      ['xml', 'xml', 'xml', 'hash', 'hash', null, 'inf', 'c'],
    );
    expect(disableForLine(new LineIndex('[{"file": "a.c"}]'), 0, 'no-dll-load', null)).toBeNull();
  });

  it('the file directive goes after the XML declaration, which must stay first, and merges there', () => {
    const text = '<?xml version="1.0"?>\r\n<Project>\r\n</Project>\r\n';
    expect(disableForFile(new LineIndex(text), 'no-dll-load', 'xml')).toEqual({ range: [23, 23], text: '<!-- coinstaller-lint-disable no-dll-load -->\r\n' });
    const disabled = '<?xml version="1.0"?>\n<!-- coinstaller-lint-disable no-dll-load -->\n<Project/>\n';
    // after "no-dll-load", before " -->": offset 22 + 41
    expect(disableForFile(new LineIndex(disabled), 'other-rule', 'xml')).toEqual({ range: [63, 63], text: ', other-rule' });
  });

  it('a sources file gets # directives', () => {
    const text = 'TARGETNAME=x\nTARGETLIBS=contoso.lib\n';
    expect(disableForLine(new LineIndex(text), 1, 'no-dll-load', 'hash')).toEqual({ range: [13, 13], text: '# coinstaller-lint-disable-next-line no-dll-load\n' });
    expect(disableForFile(new LineIndex(text), 'no-dll-load', 'hash')).toEqual({ range: [0, 0], text: '# coinstaller-lint-disable no-dll-load\n' });
  });
});
