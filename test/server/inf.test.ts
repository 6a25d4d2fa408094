/** Over real JSON-RPC: INF files get diagnostics, and their disable action uses a ";" comment. */
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
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

const INF = ['[Version]', 'Signature = "$WINDOWS NT$"', '', '[Install.NT.CoInstallers]', 'AddReg = CoInstaller_AddReg', ''].join('\r\n');

describe('INF files', () => {
  it('reports a co-installer section in a Windows Driver package, and disables it with a ; directive', async () => {
    ws = tempWorkspace({ 'pkg.inf': INF });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('pkg.inf'));
    await client.open(uri, INF, 1, 'inf');
    const found = (await client.waitForDiagnostics(uri, 1)).diagnostics.filter((d: Diagnostic) => d.code === 'inf-no-legacy-installer');
    // The section's name inside its brackets, on line 3.
    expect(found.map((d) => d.range)).toEqual([{ start: { line: 3, character: 1 }, end: { line: 3, character: 24 } }]);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: found[0].range,
      context: { diagnostics: found, only: ['quickfix'] },
    });
    const line = actions.find((a) => a.title === 'Disable inf-no-legacy-installer for this line')!;
    expect(line.edit!.changes![uri]).toEqual([
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '; coinstaller-lint-disable-next-line inf-no-legacy-installer\r\n' },
    ]);
    await client.change(uri, 2, [{ range: line.edit!.changes![uri][0].range, text: line.edit!.changes![uri][0].newText }]);
    const after = await client.waitForDiagnostics(uri, 2);
    expect(after.diagnostics.filter((d) => d.code === 'inf-no-legacy-installer')).toEqual([]);
  });
});
