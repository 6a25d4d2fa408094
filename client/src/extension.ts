/**
 * The coinstaller-lint extension: starts the bundled language server for C, C++ and INF files
 * and contributes its commands and language status item. It runs no workspace code, so it works
 * in untrusted workspaces too.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands.js';
import { ServerClient } from './server-client.js';
import { StatusItem } from './status-item.js';

let server: ServerClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('coinstaller-lint', { log: true });
  const status = new StatusItem();
  const client = new ServerClient(context.asAbsolutePath('dist/server.js'), output, status);
  server = client;
  context.subscriptions.push(
    output,
    status,
    client,
    ...registerCommands(context, client, output),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('coinstallerLint.enable')) client.showRunningState();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => client.showRunningState()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  const s = server;
  server = undefined;
  await s?.stop();
}
