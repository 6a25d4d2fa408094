/**
 * Drives the extension's bundled server (dist/server.js, as unpacked from the .vsix) over stdio
 * JSON-RPC, the way VS Code's language client would: initialize, open a document, wait for its
 * diagnostics, hover.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export class BundledServer {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  stderr = '';
  private waiters: (() => void)[] = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.push(p);
      for (const w of this.waiters.splice(0)) w();
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
  }

  /** Starts `node <serverJs> --stdio` in `cwd`. */
  static start(serverJs: string, cwd: string): BundledServer {
    const child = spawn(process.execPath, [serverJs, '--stdio'], { cwd, stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    return new BundledServer(child, connection);
  }

  initialize(rootFolder: string): Promise<InitializeResult> {
    const rootUri = pathToFileURL(rootFolder).href;
    return this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      capabilities: {
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true },
          codeAction: {},
        },
        workspace: { configuration: true },
      },
    });
  }

  /** Resolves with the first diagnostics published for `uri` that satisfy `accept`. */
  async diagnosticsFor(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 20000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.diagnostics.find((p) => p.uri === uri && accept(p));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; server stderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Shuts down and exits; kills the process if it does not exit in time. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    const code = await exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}
