/** Over real JSON-RPC: capabilities, position encoding, malformed requests, shutdown and exit. */
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocumentSyncKind } from 'vscode-languageserver-protocol';
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

describe('lifecycle', () => {
  it('negotiates UTF-16 by default, incremental sync, and push diagnostics without pull support', async () => {
    client = await TestClient.start();
    const caps = client.initializeResult.capabilities;
    expect(caps.positionEncoding).toBe('utf-16');
    expect(caps.textDocumentSync).toMatchObject({ openClose: true, change: TextDocumentSyncKind.Incremental });
    expect(caps.diagnosticProvider).toBeUndefined();
    expect(caps.hoverProvider).toBe(true);
    expect(caps.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.coinstaller-lint'] });
    expect(client.initializeResult.serverInfo?.name).toBe('coinstaller-lint');
  });

  it('uses UTF-8 when the client prefers it, and offers pull diagnostics when the client supports them', async () => {
    client = await TestClient.start({
      capabilities: { general: { positionEncodings: ['utf-8', 'utf-16'] }, textDocument: { diagnostic: {} } },
    });
    const caps = client.initializeResult.capabilities;
    expect(caps.positionEncoding).toBe('utf-8');
    expect(caps.diagnosticProvider).toMatchObject({ interFileDependencies: true, workspaceDiagnostics: true });
  });

  it('keeps UTF-16 when the client lists it first', async () => {
    client = await TestClient.start({ capabilities: { general: { positionEncodings: ['utf-16', 'utf-8'] } } });
    expect(client.initializeResult.capabilities.positionEncoding).toBe('utf-16');
  });

  it('answers malformed and out-of-range requests with LSP errors and keeps working', async () => {
    ws = tempWorkspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER);
    await client.waitForDiagnostics(uri);
    const c = client.connection;
    await expect(c.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 500, character: 0 } })).rejects.toMatchObject({ code: -32602 });
    await expect(c.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 'x' } })).rejects.toMatchObject({ code: -32602 });
    await expect(c.sendRequest('textDocument/hover', {})).rejects.toMatchObject({ code: -32602 });
    await expect(c.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: null, context: {} })).rejects.toMatchObject({ code: -32602 });
    await expect(c.sendRequest('workspace/executeCommand', { command: 'coinstallerLint.showRuleDocumentation', arguments: [42] })).rejects.toMatchObject({ code: -32602 });
    await expect(c.sendRequest('coinstallerLint/noSuchMethod', {})).rejects.toMatchObject({ code: -32601 });
    // Garbage notifications are ignored (and logged), not fatal.
    await c.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: 1 }, text: 5 }] });
    await c.sendNotification('textDocument/didOpen', { textDocument: null });
    // Still alive: a well-formed request works.
    const hover = await c.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 14 } });
    expect(hover).not.toBeNull();
    expect(client.logs.some((l) => l.message.includes('Ignored a malformed textDocument/didChange'))).toBe(true);
  });

  it('leaves files that are neither C/C++ nor INF alone', async () => {
    // C text that would be reported in a .c file.
    ws = tempWorkspace({ 'notes.txt': CO_INSTALLER });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('notes.txt'));
    await client.open(uri, CO_INSTALLER, 1, 'plaintext');
    expect((await client.waitForDiagnostics(uri, 1)).diagnostics).toEqual([]);
  });

  it('refuses requests before initialize with ServerNotInitialized', async () => {
    client = TestClient.launch();
    await expect(
      client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///x.c' }, position: { line: 0, character: 0 } }),
    ).rejects.toMatchObject({ code: -32002 });
    // initialize still works afterwards.
    const result = await client.connection.sendRequest<{ capabilities: unknown }>('initialize', { processId: null, rootUri: null, capabilities: {} });
    expect(result.capabilities).toBeDefined();
  });

  it('shuts down cleanly: requests after shutdown are refused, exit ends the process with status 0', async () => {
    const c = await TestClient.start();
    await c.connection.sendRequest('shutdown');
    await expect(c.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///x.c' }, position: { line: 0, character: 0 } })).rejects.toMatchObject({
      code: -32600,
    });
    const exited = new Promise<number | null>((resolve) => c.child.once('exit', (code) => resolve(code)));
    await c.connection.sendNotification('exit');
    expect(await exited).toBe(0);
    c.connection.dispose();
  });
});
