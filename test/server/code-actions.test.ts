/** Over real JSON-RPC: code actions, applied to the text, and the result re-linted. */
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient, messageText, pathUri } from './support/lsp-client.js';
import { CO_INSTALLER, tempWorkspace, type TempWorkspace } from './support/workspace.js';

let client: TestClient | undefined;
let ws: TempWorkspace | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  ws?.remove();
  ws = undefined;
});

const ours = (ds: Diagnostic[]) => ds.filter((d) => d.source === 'coinstaller-lint');

async function actionsFor(c: TestClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
}

/** Applies an action's edits to `text` the way an editor does, and sends them as an incremental change. */
async function applyAction(c: TestClient, uri: string, text: string, version: number, action: CodeAction): Promise<string> {
  const edits: TextEdit[] = action.edit!.changes![uri];
  const doc = TextDocument.create(uri, 'c', version - 1, text);
  await c.change(
    uri,
    version,
    // Later edits first, so that each range is still valid when it is applied.
    [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character).map((e) => ({ range: e.range, text: e.newText })),
  );
  return TextDocument.applyEdits(doc, edits);
}

describe('code actions', () => {
  it('offers disable-for-line, disable-for-file and documentation for a finding; the line action re-lints clean', async () => {
    ws = tempWorkspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    const found = ours((await client.waitForDiagnostics(uri, 1)).diagnostics).filter((d) => d.code === 'no-dll-load');
    const actions = await actionsFor(client, uri, found);
    expect(actions.map((a) => a.title)).toEqual([
      'Disable no-dll-load for this line',
      'Disable no-dll-load for the entire file',
      'Show documentation for no-dll-load',
    ]);
    expect(actions.every((a) => a.kind === 'quickfix')).toBe(true);
    expect(actions[0].edit!.changes![uri]).toEqual([
      { range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, newText: '        // coinstaller-lint-disable-next-line no-dll-load\n' },
    ]);
    expect(actions[2].command).toEqual({ title: 'Show documentation for no-dll-load', command: 'coinstallerLint.showRuleDocumentation', arguments: ['no-dll-load'] });

    const text = await applyAction(client, uri, CO_INSTALLER, 2, actions[0]);
    expect(text.split('\n')[9]).toBe('        // coinstaller-lint-disable-next-line no-dll-load');
    expect(ours((await client.waitForDiagnostics(uri, 2)).diagnostics)).toEqual([]);
  });

  it('applies the preferred fix of a diagnostic (an unused directive is removed) and the file lints clean', async () => {
    const source = CO_INSTALLER.replace('        break;\n    case DIF_FINISHINSTALL_ACTION:', '        break;\n    case DIF_FINISHINSTALL_ACTION: // coinstaller-lint-disable-line no-dll-load');
    ws = tempWorkspace({ 'co.c': source });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, source, 1);
    const unused = ours((await client.waitForDiagnostics(uri, 1)).diagnostics).filter((d) => d.code === undefined);
    expect(unused).toHaveLength(1);
    expect(unused[0].message).toMatch(/Unused coinstaller-lint directive/);
    // The directive is a trailing comment on line 11 after "    case DIF_FINISHINSTALL_ACTION:" (34 characters).
    expect(unused[0].range.start).toEqual({ line: 11, character: 35 });
    const actions = await actionsFor(client, uri, unused, ['quickfix']);
    const preferred = actions.filter((a) => a.isPreferred);
    expect(preferred).toHaveLength(1);
    const fixed = await applyAction(client, uri, source, 2, preferred[0]);
    expect(fixed.split('\n')[11]).toBe('    case DIF_FINISHINSTALL_ACTION:');
    const after = ours((await client.waitForDiagnostics(uri, 2)).diagnostics);
    expect(after.map((d) => d.code)).toEqual(['no-dll-load']);
  });

  it('speaks UTF-8 columns both ways when negotiated: the edit it gives, sent back as a change, fixes the file', async () => {
    const source = CO_INSTALLER.replace('    case DIF_FINISHINSTALL_ACTION:', '    case DIF_FINISHINSTALL_ACTION: /* é */ // coinstaller-lint-disable-line no-dll-load');
    ws = tempWorkspace({ 'co.c': source });
    client = await TestClient.start({ workspaceFolders: [ws.root], capabilities: { general: { positionEncodings: ['utf-8'] } } });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, source, 1);
    const [unused] = ours((await client.waitForDiagnostics(uri, 1)).diagnostics).filter((d) => d.code === undefined);
    // "    case DIF_FINISHINSTALL_ACTION: /* é */ " is 43 UTF-16 units, 44 bytes ("é" is 2).
    expect(unused.range.start).toEqual({ line: 11, character: 44 });
    const [fix] = (await actionsFor(client, uri, [unused], ['quickfix'])).filter((a) => a.isPreferred);
    const [edit] = fix.edit!.changes![uri];
    // The trailing comment and the blank before it: from byte 43 to the end of the line.
    expect(edit.range.start).toEqual({ line: 11, character: 43 });
    expect(edit.newText).toBe('');
    await client.change(uri, 2, [{ range: edit.range, text: edit.newText }]);
    const after = ours((await client.waitForDiagnostics(uri, 2)).diagnostics);
    expect(after.map((d) => d.code)).toEqual(['no-dll-load']);
    // Before the non-ASCII text bytes and UTF-16 units agree: the DIF code still hovers at 9..33.
    const hover = await client.connection.sendRequest<{ range: unknown } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 11, character: 12 },
    });
    expect(hover?.range).toEqual({ start: { line: 11, character: 9 }, end: { line: 11, character: 33 } });
  });

  it('merges "disable for this line" into the directive already above the line', async () => {
    const source = CO_INSTALLER.replace('        h = LoadLibraryW', '        // coinstaller-lint-disable-next-line no-service-control -- reviewed\n        h = LoadLibraryW');
    ws = tempWorkspace({ 'co.c': source });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, source, 1);
    const found = ours((await client.waitForDiagnostics(uri, 1)).diagnostics).filter((d) => d.code === 'no-dll-load');
    const [line] = await actionsFor(client, uri, found);
    // Inserted after "no-service-control", before " -- reviewed": column 8 + 38 + 18 = 64.
    expect(line.edit!.changes![uri]).toEqual([{ range: { start: { line: 9, character: 64 }, end: { line: 9, character: 64 } }, newText: ', no-dll-load' }]);
    await applyAction(client, uri, source, 2, line);
    const after = ours((await client.waitForDiagnostics(uri, 2)).diagnostics);
    expect(after.filter((d) => d.code === 'no-dll-load')).toEqual([]);
    // Left: only the directive's own report about the other rule, which suppresses nothing here.
    expect(after.every((d) => d.code === undefined && messageText(d).includes("'no-service-control'"))).toBe(true);
  });

  it('fixes everything with source.fixAll.coinstaller-lint', async () => {
    const source = `// coinstaller-lint-disable-next-line no-dll-load\nint a;\n${CO_INSTALLER}`;
    ws = tempWorkspace({ 'co.c': source });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, source, 1);
    await client.waitForDiagnostics(uri, 1);
    const actions = await actionsFor(client, uri, [], ['source.fixAll.coinstaller-lint']);
    expect(actions.map((a) => [a.title, a.kind])).toEqual([['Fix all coinstaller-lint problems', 'source.fixAll.coinstaller-lint']]);
    const fixed = await applyAction(client, uri, source, 2, actions[0]);
    expect(fixed).toBe(`int a;\n${CO_INSTALLER}`);
    const after = ours((await client.waitForDiagnostics(uri, 2)).diagnostics);
    expect(after.map((d) => d.code)).toEqual(['no-dll-load']);
  });

  it('gives only the actions of diagnostics in the requested range', async () => {
    ws = tempWorkspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    await client.waitForDiagnostics(uri, 1);
    const none = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
      context: { diagnostics: [] },
    });
    expect(none).toEqual([]);
  });

  it('answers automatic requests while the user types without linting ahead of the debounce', async () => {
    ws = tempWorkspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({ workspaceFolders: [ws.root], initializationOptions: { debounceMs: 5000 } });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    await client.waitForDiagnostics(uri, 1);
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    const request = (triggerKind: number) =>
      client!.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 10, character: 12 }, end: { line: 10, character: 12 } },
        context: { diagnostics: [], triggerKind },
      });
    // Automatic (a cursor move), before the debounced lint: nothing, and no lint was run for it.
    const stats = () => client!.connection.sendRequest<{ moduleLints: number }>('coinstallerLint/stats');
    const lintsBefore = (await stats()).moduleLints;
    expect(await request(2)).toEqual([]);
    expect((await stats()).moduleLints).toBe(lintsBefore);
    // Invoked (the user asked): lints the current version and answers.
    expect((await request(1)).map((a) => a.title)).toContain('Disable no-dll-load for this line');
  });

  it('opens the documentation through window/showDocument', async () => {
    client = await TestClient.start({ capabilities: { window: { showDocument: { support: true } } } });
    const shown: unknown[] = [];
    client.connection.onRequest('window/showDocument', (p: unknown) => {
      shown.push(p);
      return { success: true };
    });
    await client.connection.sendRequest('workspace/executeCommand', { command: 'coinstallerLint.showRuleDocumentation', arguments: ['no-dll-load'] });
    expect(shown).toHaveLength(1);
    expect((shown[0] as { uri: string }).uri).toMatch(/docs\/rules\/no-dll-load\.md$/);
  });
});
