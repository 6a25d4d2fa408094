/**
 * Over real JSON-RPC: the flagship quick fix. The domain's before.c shows a message box under
 * DIF_INSTALLDEVICE; the preferred fix of that diagnostic, applied as an editor applies it, gives
 * the domain's after.c (the call moved into a finish-install action), and the result re-lints clean.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient, pathUri } from './support/lsp-client.js';
import { tempWorkspace, type TempWorkspace } from './support/workspace.js';

const DOMAIN = join(import.meta.dirname, '../fixtures/domain/finish-install-example');

let client: TestClient | undefined;
let ws: TempWorkspace | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  ws?.remove();
  ws = undefined;
});

describe('the finish-install quick fix through the server', () => {
  it('turns before.c into after.c, and after.c lints clean of UI findings', async () => {
    const before = readFileSync(`${DOMAIN}/before.c`, 'utf8');
    const after = readFileSync(`${DOMAIN}/after.c`, 'utf8');
    ws = tempWorkspace({ 'coinstaller.c': before });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('coinstaller.c'));
    await client.open(uri, before, 1);
    const ui = (await client.waitForDiagnostics(uri, 1)).diagnostics.filter((d: Diagnostic) => d.code === 'no-ui-outside-finish-install');
    // MessageBoxW in WarnAboutFirmware, line 7 (0-based), after four spaces.
    expect(ui.map((d) => d.range.start)).toEqual([{ line: 7, character: 4 }]);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: ui[0].range,
      context: { diagnostics: ui, only: ['quickfix'] },
    });
    const move = actions.find((a) => a.isPreferred) ?? actions.find((a) => a.edit && !a.title.startsWith('Disable'))!;
    const edits: TextEdit[] = move.edit!.changes![uri];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'c', 1, before), edits);
    // The two files differ only in their opening comment, which describes each file.
    const body = (t: string) => t.slice(t.indexOf('#include'));
    expect(body(fixed)).toBe(body(after));
    expect(move.isPreferred).toBe(true);
    await client.change(uri, 2, [{ text: fixed }]);
    const relinted = (await client.waitForDiagnostics(uri, 2)).diagnostics;
    expect(relinted.filter((d) => d.code === 'no-ui-outside-finish-install')).toEqual([]);
  });

  it('keeps CRLF line endings and non-ASCII text around the edits', async () => {
    const before = readFileSync(`${DOMAIN}/before.c`, 'utf8').replace('Contoso Setup', 'Contoso Setup – é😀').replace(/\n/g, '\r\n');
    ws = tempWorkspace({ 'coinstaller.c': before });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('coinstaller.c'));
    await client.open(uri, before, 1);
    const ui = (await client.waitForDiagnostics(uri, 1)).diagnostics.filter((d: Diagnostic) => d.code === 'no-ui-outside-finish-install');
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: ui[0].range,
      context: { diagnostics: ui, only: ['quickfix'] },
    });
    const move = actions.find((a) => a.isPreferred)!;
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'c', 1, before), move.edit!.changes![uri]);
    expect(fixed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(fixed).toContain('case DIF_FINISHINSTALL_ACTION:\r\n');
    expect(fixed).toContain('L"Contoso Setup – é😀"');
    await client.change(uri, 2, [{ text: fixed }]);
    const relinted = (await client.waitForDiagnostics(uri, 2)).diagnostics;
    expect(relinted.filter((d) => d.code === 'no-ui-outside-finish-install')).toEqual([]);
  });
});
