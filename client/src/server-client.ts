/**
 * The language client: starts the bundled server (dist/server.js) in its own Node process over
 * IPC, follows its state on the status item, and stops restarting it after repeated crashes
 * (RestartBudget) with a message that says so, instead of a silent loop.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SHOW_OUTPUT_COMMAND } from './command-ids.js';
import { documentSelector } from './document-selector.js';
import { crashLoopMessage, missingServerMessage, startFailedMessage } from './messages.js';
import { RestartBudget } from './restart-budget.js';
import type { StatusItem } from './status-item.js';

/** The client id: VS Code's trace setting for it is `coinstallerLint.trace.server`. */
export const CLIENT_ID = 'coinstallerLint';
export const CLIENT_NAME = 'coinstaller-lint';

export class ServerClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly budget = new RestartBudget();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly serverPath: string,
    private readonly output: vscode.LogOutputChannel,
    private readonly status: StatusItem,
  ) {}

  /** The running client, if any (for requests such as "fix all"). */
  get current(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  async start(): Promise<void> {
    if (!existsSync(this.serverPath)) {
      this.fail(missingServerMessage(this.serverPath));
      return;
    }
    this.client ??= this.create();
    this.status.show({ kind: 'starting' });
    try {
      await this.client.start();
    } catch (error) {
      this.output.error(`start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      this.fail(startFailedMessage(error));
    }
  }

  /** Restarts by hand: the crash count starts over. */
  async restart(): Promise<void> {
    this.budget.reset();
    if (this.client?.isRunning()) {
      this.status.show({ kind: 'starting' });
      try {
        await this.client.restart();
      } catch (error) {
        this.fail(startFailedMessage(error));
      }
      return;
    }
    if (this.client) {
      try {
        await this.client.dispose();
      } catch {
        // A client that never started has nothing to dispose of.
      }
      this.client = undefined;
    }
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.needsStop()) await client.stop();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    void this.stop();
  }

  private create(): LanguageClient {
    const serverOptions: ServerOptions = {
      run: { module: this.serverPath, transport: TransportKind.ipc },
      debug: { module: this.serverPath, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6013'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      diagnosticCollectionName: CLIENT_NAME,
      outputChannel: this.output,
      traceOutputChannel: this.output,
      // The status item and the error messages say what went wrong; the output is one click away.
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.errorHandler(),
      markdown: { isTrusted: false, supportHtml: false },
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    this.subscriptions.push(
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.showRunningState();
        else if (e.newState === State.Starting) this.status.show({ kind: 'starting' });
      }),
    );
    return client;
  }

  /** While the server runs: "running", or "off" when coinstallerLint.enable is false for the active file. */
  showRunningState(): void {
    if (!this.client?.isRunning()) return;
    const uri = vscode.window.activeTextEditor?.document.uri;
    const enabled = vscode.workspace.getConfiguration('coinstallerLint', uri).get<boolean>('enable', true);
    this.status.show({ kind: enabled ? 'running' : 'disabled' });
  }

  private errorHandler(): ErrorHandler {
    return {
      error: (_error, _message, count): ErrorHandlerResult => ({
        // A few write errors are survivable; more mean the connection is gone.
        action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
        handled: true,
      }),
      closed: (): CloseHandlerResult => {
        if (this.budget.allowRestart(Date.now())) {
          this.output.warn(`the server stopped; restarting (${this.budget.recentStops} of ${this.budget.maxRestarts + 1} stops allowed)`);
          this.status.show({ kind: 'starting' });
          return { action: CloseAction.Restart, handled: true };
        }
        this.fail(crashLoopMessage(this.budget.recentStops, this.budget.windowMs));
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }

  private fail(message: string): void {
    this.output.error(message);
    this.status.show({ kind: 'failed', message });
    void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
      if (choice) void vscode.commands.executeCommand(SHOW_OUTPUT_COMMAND);
    });
  }
}
