/**
 * A real LSP client for the tests: the server runs as a child process (node --import tsx
 * server/main.ts --stdio) and is driven over JSON-RPC with vscode-languageserver-protocol's
 * connection. Records publishDiagnostics, logMessage, progress and server-to-client requests.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  LogMessageParams,
} from 'vscode-languageserver-protocol';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface ClientOptions {
  capabilities?: ClientCapabilities;
  workspaceFolders?: string[];
  initializationOptions?: Record<string, unknown>;
  /** Answers workspace/configuration items (default: the settings given here, or null). */
  settings?: Record<string, unknown>;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly progress: unknown[] = [];
  readonly refreshes: number[] = [];
  readonly registrations: unknown[] = [];
  readonly configurationRequests: unknown[] = [];
  settings: Record<string, unknown> | undefined;
  stderr = '';
  initializeResult!: InitializeResult;
  private waiters: (() => void)[] = [];

  private constructor(readonly child: ChildProcessWithoutNullStreams, settings?: Record<string, unknown>) {
    this.settings = settings;
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.push(p);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (p: LogMessageParams) => {
      this.logs.push(p);
      this.wake();
    });
    this.connection.onNotification('$/progress', (p: unknown) => {
      this.progress.push(p);
      this.wake();
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', (p: unknown) => {
      this.registrations.push(p);
      return null;
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes.push(Date.now());
      this.wake();
      return null;
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => {
      this.configurationRequests.push(p);
      return p.items.map(() => this.settings ?? null);
    });
    this.connection.onRequest('window/showDocument', () => ({ success: true }));
    this.connection.listen();
  }

  /** Starts the server process without initializing it. */
  static launch(settings?: Record<string, unknown>): TestClient {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts'), '--stdio'], { cwd: ROOT, stdio: 'pipe' });
    return new TestClient(child, settings);
  }

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const client = TestClient.launch(options.settings);
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: options.capabilities ?? {},
      workspaceFolders: folders.map((f) => ({ uri: pathUri(f), name: f })),
      initializationOptions: { debounceMs: 50, ...options.initializationOptions },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  /** Waits until `check` returns something (re-checked on every notification), or fails after `ms`. */
  async waitFor<T>(what: string, check: () => T | undefined, ms = 15000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}\nserver stderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The last publishDiagnostics for a URI (at a version, when given). */
  lastDiagnostics(uri: string, version?: number): PublishDiagnosticsParams | undefined {
    for (let i = this.diagnostics.length - 1; i >= 0; i--) {
      const d = this.diagnostics[i];
      if (d.uri === uri) return version === undefined || d.version === version ? d : undefined;
    }
    return undefined;
  }

  waitForDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri}${version === undefined ? '' : ` v${version}`}`, () => this.lastDiagnostics(uri, version));
  }

  open(uri: string, text: string, version = 1, languageId = 'c'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: unknown[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill(), 5000);
    const code = await exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}

export function pathUri(path: string): string {
  return new URL(`file://${path.split('/').map(encodeURIComponent).join('/')}`).href;
}

/**
 * A diagnostic's text. The server sends a plain string (server/convert/diagnostics.ts toDiagnostic);
 * LSP 3.18 also allows MarkupContent, whose text is its value.
 */
export function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
