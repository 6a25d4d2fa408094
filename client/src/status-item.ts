/**
 * The language status item (the {} in the status bar when a C, C++ or INF file is active): the
 * server's state, and its error when it could not start or stopped for good. Clicking it shows
 * the output.
 */
import * as vscode from 'vscode';
import { documentSelector } from './document-selector.js';
import { SHOW_OUTPUT_COMMAND } from './command-ids.js';

export type ServerState =
  | { kind: 'starting' }
  | { kind: 'running' }
  | { kind: 'disabled' }
  | { kind: 'stopped' }
  | { kind: 'failed'; message: string };

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('coinstallerLint.status', documentSelector());
    this.item.name = 'coinstaller-lint';
    this.item.command = { title: 'Show Output', command: SHOW_OUTPUT_COMMAND };
    this.show({ kind: 'starting' });
  }

  show(state: ServerState): void {
    const item = this.item;
    item.busy = state.kind === 'starting';
    item.severity = state.kind === 'failed' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    switch (state.kind) {
      case 'starting':
        item.text = 'coinstaller-lint: starting';
        item.detail = 'The language server is starting';
        break;
      case 'running':
        item.text = '$(check) coinstaller-lint';
        item.detail = 'Checking against the co-installer guidelines';
        break;
      case 'disabled':
        item.text = 'coinstaller-lint: off';
        item.detail = 'coinstallerLint.enable is false';
        break;
      case 'stopped':
        item.text = 'coinstaller-lint: stopped';
        item.detail = 'The language server is not running';
        break;
      case 'failed':
        item.text = '$(error) coinstaller-lint';
        item.detail = state.message;
        break;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
