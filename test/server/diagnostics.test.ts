/**
 * Over real JSON-RPC: diagnostics pushed and pulled, following incremental edits with exact
 * positions (CRLF, non-ASCII text, both encodings), debounced, never for an old version.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CancellationTokenSource, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
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

const dllLoads = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'no-dll-load');
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

// CRLF, and a comment with "é" (1 UTF-16 unit, 2 UTF-8 bytes) and "😀" (2 units, 4 bytes) before the call.
const CRLF_SOURCE = [
  'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,',
  '    PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
  '{',
  '    if (InstallFunction == DIF_INSTALLDEVICE) {',
  '        /* é😀 */ LoadLibraryW(L"x.dll");',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
].join('\r\n');

describe('push diagnostics', () => {
  it('publishes a finding on open, with code, documentation, source and severity', async () => {
    ws = tempWorkspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    const published = await client.waitForDiagnostics(uri, 1);
    const [d, ...rest] = dllLoads(published.diagnostics);
    expect(rest).toEqual([]);
    expect(d.range).toEqual(range(9, 12, 9, 24));
    expect(d.severity).toBe(DiagnosticSeverity.Error);
    expect(d.source).toBe('coinstaller-lint');
    expect(d.codeDescription?.href).toMatch(/^file:\/\/.*\/docs\/rules\/no-dll-load\.md$/);
    expect(d.message).toContain('LoadLibraryW');
    expect(d.data).toMatchObject({ version: 1, ruleId: 'no-dll-load' });
  });

  it('follows incremental edits with exact UTF-16 positions in a CRLF file with non-ASCII text', async () => {
    ws = tempWorkspace({ 'co.c': CRLF_SOURCE });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CRLF_SOURCE, 1);
    // 8 spaces + "/* é😀 */ " (10 UTF-16 units) = column 18.
    expect(dllLoads((await client.waitForDiagnostics(uri, 1)).diagnostics).map((d) => d.range)).toEqual([range(4, 18, 4, 30)]);

    // Insert a line above the call: everything moves down one line.
    await client.change(uri, 2, [{ range: range(4, 0, 4, 0), text: '        int unused;\r\n' }]);
    expect(dllLoads((await client.waitForDiagnostics(uri, 2)).diagnostics).map((d) => d.range)).toEqual([range(5, 18, 5, 30)]);

    // Type before the call on its line (after the emoji): the columns shift by the inserted length.
    await client.change(uri, 3, [{ range: range(5, 18, 5, 18), text: 'h = ' }]);
    expect(dllLoads((await client.waitForDiagnostics(uri, 3)).diagnostics).map((d) => d.range)).toEqual([range(5, 22, 5, 34)]);

    // Several changes in one notification, applied in order: rename the call away, then the comment.
    await client.change(uri, 4, [
      { range: range(5, 22, 5, 34), text: 'FreeLibraryX' },
      { range: range(5, 8, 5, 17), text: '' },
    ]);
    expect(dllLoads((await client.waitForDiagnostics(uri, 4)).diagnostics)).toEqual([]);
  });

  it('reports UTF-8 columns and reads UTF-8 edit positions when that encoding was negotiated', async () => {
    ws = tempWorkspace({ 'co.c': CRLF_SOURCE });
    client = await TestClient.start({ workspaceFolders: [ws.root], capabilities: { general: { positionEncodings: ['utf-8'] } } });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CRLF_SOURCE, 1);
    // 8 + "/* " 3 + "é" 2 + "😀" 4 + " */ " 4 = byte column 21.
    expect(dllLoads((await client.waitForDiagnostics(uri, 1)).diagnostics).map((d) => d.range)).toEqual([range(4, 21, 4, 33)]);
    // Insert "h = " at byte column 21 (just before the call).
    await client.change(uri, 2, [{ range: range(4, 21, 4, 21), text: 'h = ' }]);
    expect(dllLoads((await client.waitForDiagnostics(uri, 2)).diagnostics).map((d) => d.range)).toEqual([range(4, 25, 4, 37)]);
  });

  it('debounces a burst of edits and never publishes for a version older than the document', async () => {
    ws = tempWorkspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({
      workspaceFolders: [ws.root],
      initializationOptions: { debounceMs: 1000, settings: { trace: { server: 'messages' } } },
    });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    await client.waitForDiagnostics(uri, 1);
    // Nothing else running: the five edits below arrive well within one debounce period.
    await client.waitFor('the workspace index', () => (client!.logs.some((l) => /^Indexed 1 files/.test(l.message)) ? true : undefined));
    const before = client.diagnostics.length;
    for (let v = 2; v <= 6; v++) await client.change(uri, v, [{ range: range(9, 8, 9, 8), text: ' ' }]);
    const last = await client.waitForDiagnostics(uri, 6);
    const published = client.diagnostics.slice(before).filter((p) => p.uri === uri);
    expect(published.map((p) => p.version)).toEqual([6]);
    // Five spaces were typed before "h": the call moved right by five.
    expect(dllLoads(last.diagnostics).map((d) => d.range)).toEqual([range(9, 17, 9, 29)]);
  });

  it('gives a file over the size limit one informational diagnostic instead of a lint', async () => {
    ws = tempWorkspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({ workspaceFolders: [ws.root], initializationOptions: { settings: { maxFileSize: 200 } } });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    const { diagnostics } = await client.waitForDiagnostics(uri, 1);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].severity).toBe(DiagnosticSeverity.Information);
    expect(diagnostics[0].message).toMatch(/over the coinstallerLint\.maxFileSize limit/);
  });

  it('re-parses only the edited file: one full parse per file, then incremental parses', async () => {
    ws = tempWorkspace({ 'co.c': CO_INSTALLER, 'other.c': 'static int helper(void) { return 0; }\n', 'third.c': 'int x;\n' });
    client = await TestClient.start({ workspaceFolders: [ws.root], initializationOptions: { settings: { trace: { server: 'messages' } } } });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    await client.waitForDiagnostics(uri, 1);
    await client.waitFor('the workspace index', () => (client!.logs.some((l) => /^Indexed 3 files/.test(l.message)) ? true : undefined));
    const s1 = await client.connection.sendRequest<{ parses: { full: number; incremental: number }; liveDocumentTrees: number }>('coinstallerLint/stats');
    await client.change(uri, 2, [{ range: range(6, 0, 6, 0), text: '    int y;\n' }]);
    await client.waitForDiagnostics(uri, 2);
    const s2 = await client.connection.sendRequest<{ parses: { full: number; incremental: number }; liveDocumentTrees: number }>('coinstallerLint/stats');
    expect(s2.parses.full).toBe(s1.parses.full);
    expect(s2.parses.incremental).toBe(s1.parses.incremental + 1);
    expect(s2.liveDocumentTrees).toBe(1);
  });
});

describe('pull diagnostics', () => {
  const pullCaps = { textDocument: { diagnostic: { relatedDocumentSupport: false } }, workspace: { diagnostics: { refreshSupport: true } } };

  it('answers textDocument/diagnostic with a full report, then unchanged for the same result, and never pushes', async () => {
    ws = tempWorkspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({ workspaceFolders: [ws.root], capabilities: pullCaps });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    const first = await client.connection.sendRequest<{ kind: string; resultId: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(first.kind).toBe('full');
    expect(dllLoads(first.items).map((d) => d.range)).toEqual([range(9, 12, 9, 24)]);
    const again = await client.connection.sendRequest<{ kind: string; resultId: string }>('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: first.resultId,
    });
    expect(again).toEqual({ kind: 'unchanged', resultId: first.resultId });
    // After an edit the result is new.
    await client.change(uri, 2, [{ range: range(9, 12, 9, 24), text: 'GetModuleHandleW' }]);
    const after = await client.connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: first.resultId,
    });
    expect(after.kind).toBe('full');
    expect(dllLoads(after.items)).toEqual([]);
    expect(client.diagnostics).toEqual([]);
  });

  it('answers workspace/diagnostic for the files that are not open, with a broken config file shown on that file', async () => {
    ws = tempWorkspace({
      'a/co.c': CO_INSTALLER,
      'b/co2.c': CO_INSTALLER,
      'b/coinstaller-lint.json': '{\n  "rules": { "no-dll-load": "sometimes" }\n}\n',
    });
    client = await TestClient.start({ workspaceFolders: [ws.root], capabilities: pullCaps });
    const openUri = pathUri(ws.path('a/co.c'));
    await client.open(openUri, CO_INSTALLER, 1);
    const report = await client.connection.sendRequest<{ items: { uri: string; kind: string; items: Diagnostic[]; version: number | null }[] }>(
      'workspace/diagnostic',
      { previousResultIds: [] },
    );
    const byUri = new Map(report.items.map((i) => [i.uri, i]));
    // The open file is pulled on its own, not here.
    expect(byUri.has(openUri)).toBe(false);
    // co2.c is governed by the broken config: not linted, and told so.
    const co2 = byUri.get(pathUri(ws.path('b/co2.c')))!;
    expect(co2.items).toHaveLength(1);
    expect(co2.items[0].message).toMatch(/configuration is invalid/);
    const config = byUri.get(pathUri(ws.path('b/coinstaller-lint.json')))!;
    expect(config.items).toHaveLength(1);
    // The bad value "sometimes" (with its quotes) on line 1 (0-based): `  "rules": { "no-dll-load": ` is 28 characters.
    expect(config.items[0].range).toEqual(range(1, 28, 1, 39));
    expect(config.items[0].severity).toBe(DiagnosticSeverity.Error);
  });

  it('cancels a pull that the client cancels (RequestCancelled) and answers the next one', async () => {
    ws = tempWorkspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({ workspaceFolders: [ws.root], capabilities: pullCaps, initializationOptions: { debounceMs: 3000 } });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    await client.change(uri, 2, [{ range: range(0, 0, 0, 0), text: '\n' }]);
    const source = new CancellationTokenSource();
    // The server waits for the edit to settle (3 s): cancel meanwhile.
    const pending = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
    setTimeout(() => source.cancel(), 100);
    await expect(pending).rejects.toMatchObject({ code: -32800 });
    const next = await client.connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    // The inserted line moved the call down by one.
    expect(dllLoads(next.items).map((d) => d.range)).toEqual([range(10, 12, 10, 24)]);
  });
});
