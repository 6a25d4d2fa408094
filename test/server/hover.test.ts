/** Over real JSON-RPC: hover on a finding, on DIF codes. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { TestClient, pathUri } from './support/lsp-client.js';
import { CO_INSTALLER, tempWorkspace, type TempWorkspace } from './support/workspace.js';

let client: TestClient | undefined;
let ws: TempWorkspace | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  ws?.remove();
  ws = undefined;
});

async function hoverAt(line: number, character: number): Promise<Hover | null> {
  const uri = pathUri(ws!.path('co.c'));
  return client!.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
}

async function setup(): Promise<void> {
  ws = tempWorkspace({ 'co.c': CO_INSTALLER });
  client = await TestClient.start({ workspaceFolders: [ws.root] });
  const uri = pathUri(ws.path('co.c'));
  await client.open(uri, CO_INSTALLER, 1);
  await client.waitForDiagnostics(uri, 1);
}

describe('hover', () => {
  it('explains the rule of a finding: guideline, why it matters, how to fix it', async () => {
    await setup();
    const hover = (await hoverAt(9, 15))!;
    const value = (hover.contents as MarkupContent).value;
    expect((hover.contents as MarkupContent).kind).toBe('markdown');
    expect(value).toContain('**no-dll-load**');
    expect(value).toContain('**Guideline:** Loading executable or DLL files');
    expect(value).toMatch(/\*\*Why it matters\.\*\* Device installation runs in a locked-down, non-interactive service/);
    expect(value).toMatch(/\*\*How to fix it\.\*\* Link the code into the installer DLL/);
    expect(hover.range).toEqual({ start: { line: 9, character: 12 }, end: { line: 9, character: 24 } });
  });

  it('tells what a DIF code means and whether it runs in an interactive context', async () => {
    await setup();
    const install = (await hoverAt(8, 12))!;
    expect((install.contents as MarkupContent).value).toContain('**DIF_INSTALLDEVICE** (0x02)');
    expect((install.contents as MarkupContent).value).toContain('Not interactive');
    expect(install.range).toEqual({ start: { line: 8, character: 9 }, end: { line: 8, character: 26 } });
    const action = (await hoverAt(11, 20))!;
    expect((action.contents as MarkupContent).value).toContain('**DIF_FINISHINSTALL_ACTION** (0x2A)');
    expect((action.contents as MarkupContent).value).toContain('Interactive: user interface and processes are allowed.');
  });

  it('has nothing to say elsewhere', async () => {
    await setup();
    // On "HMODULE h;" - neither a finding nor a DIF code.
    expect(await hoverAt(6, 5)).toBeNull();
  });
});
