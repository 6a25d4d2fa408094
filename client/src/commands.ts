/**
 * The contributed commands: Restart Server, Fix All Problems (the server's
 * source.fixAll.coinstaller-lint action for the active file), Show Output, and Open Rule
 * Documentation (the page shipped in the extension, for the rule under the cursor or picked from
 * the list).
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CodeActionRequest, type CodeAction as LspCodeAction, type Command as LspCommand } from 'vscode-languageclient/node';
import {
  DIAGNOSTIC_SOURCE,
  FIX_ALL_COMMAND,
  FIX_ALL_KIND,
  OPEN_RULE_DOCS_COMMAND,
  RESTART_SERVER_COMMAND,
  SHOW_OUTPUT_COMMAND,
} from './command-ids.js';
import { listRuleDocs, ruleIdOfCode } from './rule-doc-files.js';
import type { ServerClient } from './server-client.js';

export function registerCommands(
  context: vscode.ExtensionContext,
  server: ServerClient,
  output: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const docsFolder = join(context.extensionPath, 'docs', 'rules');
  return [
    vscode.commands.registerCommand(RESTART_SERVER_COMMAND, () => server.restart()),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
    vscode.commands.registerCommand(FIX_ALL_COMMAND, () => fixAll(server)),
    vscode.commands.registerCommand(OPEN_RULE_DOCS_COMMAND, (ruleId?: unknown) =>
      openRuleDocumentation(docsFolder, typeof ruleId === 'string' ? ruleId : undefined),
    ),
  ];
}

async function fixAll(server: ServerClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const client = server.current;
  if (!editor) {
    void vscode.window.showInformationMessage('coinstaller-lint: open a C, C++ or INF file to fix its problems.');
    return;
  }
  if (!client) {
    void vscode.window.showWarningMessage('coinstaller-lint: the language server is not running.');
    return;
  }
  const document = editor.document;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const version = document.version;
  const result = await client.sendRequest(CodeActionRequest.type, {
    textDocument: client.code2ProtocolConverter.asTextDocumentIdentifier(document),
    range: client.code2ProtocolConverter.asRange(whole),
    context: { diagnostics: [], only: [FIX_ALL_KIND] },
  });
  const action = (result ?? []).find((a): a is LspCodeAction => isCodeAction(a) && a.kind === FIX_ALL_KIND && a.edit !== undefined);
  if (!action?.edit) {
    void vscode.window.showInformationMessage('coinstaller-lint: nothing to fix automatically in this file.');
    return;
  }
  if (document.version !== version) return; // edited meanwhile: the edit is stale
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(action.edit);
  await vscode.workspace.applyEdit(edit);
}

function isCodeAction(a: LspCodeAction | LspCommand): a is LspCodeAction {
  return typeof (a as LspCommand).command !== 'string';
}

async function openRuleDocumentation(docsFolder: string, ruleId: string | undefined): Promise<void> {
  const docs = listRuleDocs(docsFolder);
  const id = ruleId ?? (await pickRule(docs.map((d) => d.ruleId), rulesAtCursor()));
  if (!id) return;
  const doc = docs.find((d) => d.ruleId === id);
  if (!doc) {
    void vscode.window.showWarningMessage(`coinstaller-lint: no documentation for "${id}".`);
    return;
  }
  const uri = vscode.Uri.file(doc.path);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { preview: true });
  }
}

/** The rules reported at the cursor of the active editor, nearest first. */
function rulesAtCursor(): string[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return [];
  const position = editor.selection.active;
  const ids: string[] = [];
  for (const d of vscode.languages.getDiagnostics(editor.document.uri)) {
    if (d.source !== DIAGNOSTIC_SOURCE || !d.range.contains(position)) continue;
    const id = ruleIdOfCode(d.code);
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

async function pickRule(all: string[], atCursor: string[]): Promise<string | undefined> {
  if (atCursor.length === 1) return atCursor[0];
  const items: vscode.QuickPickItem[] = [
    ...atCursor.map((id) => ({ label: id, description: 'reported here' })),
    ...all.filter((id) => !atCursor.includes(id)).map((id) => ({ label: id })),
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'The rule whose documentation to open' });
  return picked?.label;
}
