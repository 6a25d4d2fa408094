/**
 * Over real JSON-RPC, with the installer model: an edit in one file of a module changes another
 * file's diagnostics (push and pull); only the edited file's summary is rebuilt; hover on an
 * entry point lists its DIF codes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic, MarkupContent } from 'vscode-languageserver-protocol';
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

const dllLoads = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'no-dll-load');

/** helper.c: the load is on line 4 (0-based), `    LoadLibraryW` at columns 4..16. */
const HELPER = ['#include <windows.h>', '', 'void LoadHelper(void)', '{', '    LoadLibraryW(L"helper.dll");', '}', ''].join('\n');

/** co.c: the entry point calls LoadHelper() under DIF_INSTALLDEVICE, on line 9 (0-based), columns 8..21. */
const ENTRY = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  'void LoadHelper(void);',
  '',
  'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,',
  '                           PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
  '{',
  '    switch (InstallFunction) {',
  '    case DIF_INSTALLDEVICE:',
  '        LoadHelper();',
  '        break;',
  '    default:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
].join('\n');

const CALL = { start: { line: 9, character: 8 }, end: { line: 9, character: 21 } };

describe('modules', () => {
  it('push: removing the call in the entry point clears the finding in the helper file, restoring it brings it back', async () => {
    ws = tempWorkspace({ 'co.c': ENTRY, 'helper.c': HELPER, 'other.c': 'int unrelated;\n' });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const co = pathUri(ws.path('co.c'));
    const helper = pathUri(ws.path('helper.c'));
    await client.open(helper, HELPER, 1);
    await client.open(co, ENTRY, 1);
    const first = await client.waitFor('the helper finding', () => {
      const d = client!.lastDiagnostics(helper);
      return d && dllLoads(d.diagnostics).length === 1 ? d : undefined;
    });
    const [load] = dllLoads(first.diagnostics);
    expect(load.range).toEqual({ start: { line: 4, character: 4 }, end: { line: 4, character: 16 } });
    // The chain from the entry point is attached as related information, in co.c.
    expect(load.relatedInformation?.some((r) => r.location.uri === co)).toBe(true);

    type Stats = { summaries: { built: number; spliced: number } };
    const stats1 = await client.connection.sendRequest<Stats>('coinstallerLint/stats');
    await client.change(co, 2, [{ range: CALL, text: ';' }]);
    await client.waitFor('the helper finding to go', () => {
      const d = client!.lastDiagnostics(helper);
      return d && dllLoads(d.diagnostics).length === 0 ? d : undefined;
    });
    // Only co.c's summary was made again (spliced from its last one: the edit is inside a function);
    // helper.c's and other.c's were reused.
    const stats2 = await client.connection.sendRequest<Stats>('coinstallerLint/stats');
    expect(stats2.summaries.built - stats1.summaries.built).toBe(0);
    expect(stats2.summaries.spliced - stats1.summaries.spliced).toBe(1);

    await client.change(co, 3, [{ range: { start: CALL.start, end: { line: 9, character: 9 } }, text: 'LoadHelper();' }]);
    await client.waitFor('the helper finding to return', () => {
      const d = client!.lastDiagnostics(helper);
      return d && dllLoads(d.diagnostics).length === 1 ? d : undefined;
    });
  });

  it('pull: an edit in one file asks the client to pull again (workspace/diagnostic/refresh), and the other file\'s result follows', async () => {
    ws = tempWorkspace({ 'co.c': ENTRY, 'helper.c': HELPER });
    client = await TestClient.start({
      workspaceFolders: [ws.root],
      capabilities: { textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true } } },
    });
    const co = pathUri(ws.path('co.c'));
    const helper = pathUri(ws.path('helper.c'));
    await client.open(helper, HELPER, 1);
    await client.open(co, ENTRY, 1);
    const pull = (uri: string) => client!.connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(dllLoads((await pull(helper)).items)).toHaveLength(1);
    const refreshes = client.refreshes.length;
    await client.change(co, 2, [{ range: CALL, text: ';' }]);
    await client.waitFor('a refresh', () => (client!.refreshes.length > refreshes ? true : undefined));
    expect(dllLoads((await pull(helper)).items)).toEqual([]);
  });

  it('pull: with relatedDocumentSupport, the report of one file carries the other open files of its module', async () => {
    ws = tempWorkspace({ 'co.c': ENTRY, 'helper.c': HELPER });
    client = await TestClient.start({
      workspaceFolders: [ws.root],
      capabilities: { textDocument: { diagnostic: { relatedDocumentSupport: true } } },
    });
    const co = pathUri(ws.path('co.c'));
    const helper = pathUri(ws.path('helper.c'));
    await client.open(helper, HELPER, 1);
    await client.open(co, ENTRY, 1);
    type Report = { kind: string; relatedDocuments?: Record<string, { kind: string; items: Diagnostic[] }> };
    const before = await client.connection.sendRequest<Report>('textDocument/diagnostic', { textDocument: { uri: co } });
    expect(dllLoads(before.relatedDocuments![helper].items)).toHaveLength(1);
    await client.change(co, 2, [{ range: CALL, text: ';' }]);
    const report = await client.connection.sendRequest<Report>('textDocument/diagnostic', { textDocument: { uri: co } });
    // The call is gone, so helper.c's load is no longer reached: its related report says so.
    expect(report.relatedDocuments?.[helper]?.kind).toBe('full');
    expect(dllLoads(report.relatedDocuments![helper].items)).toEqual([]);
    expect(Object.keys(report.relatedDocuments!)).toEqual([helper]);
  });

  it('a file of the module created on disk (a watched-file event) changes an open file\'s diagnostics', async () => {
    // A link dependency counts only in a DLL with an installer entry point (guideline 3).
    const pragma = '#pragma comment(lib, "vendor.lib")\n';
    ws = tempWorkspace({ 'link.c': pragma });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const link = pathUri(ws.path('link.c'));
    await client.open(link, pragma, 1);
    expect(dllLoads((await client.waitForDiagnostics(link, 1)).diagnostics)).toEqual([]);
    const created = ws.write('co.c', ENTRY);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathUri(created), type: 1 }] });
    const after = await client.waitFor('the link dependency finding', () => {
      const d = client!.lastDiagnostics(link);
      return d && dllLoads(d.diagnostics).length === 1 ? d : undefined;
    });
    // `#pragma comment(lib, "vendor.lib")`, from its `#`: columns 0..34.
    expect(dllLoads(after.diagnostics)[0].range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 34 } });
  });

  it('hover on an entry point lists the DIF codes it handles and what it calls under each', async () => {
    ws = tempWorkspace({ 'co.c': ENTRY, 'helper.c': HELPER });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const co = pathUri(ws.path('co.c'));
    await client.open(co, ENTRY, 1);
    await client.waitForDiagnostics(co, 1);
    // "CoInstaller" on line 4, after "DWORD CALLBACK " (15 characters).
    const hover = await client.connection.sendRequest<{ contents: MarkupContent; range: unknown }>('textDocument/hover', {
      textDocument: { uri: co },
      position: { line: 4, character: 18 },
    });
    expect(hover.contents.value).toContain('**CoInstaller**: Co-installer entry point');
    expect(hover.contents.value).toMatch(/Handles:\n- `DIF_INSTALLDEVICE`: Install the selected driver on the device\. .*Calls `LoadHelper`\.$/m);
    expect(hover.contents.value).toContain('returns `NO_ERROR`');
    expect(hover.range).toEqual({ start: { line: 4, character: 15 }, end: { line: 4, character: 26 } });
  });
});
