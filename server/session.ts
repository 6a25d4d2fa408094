/**
 * The state of one server session, created on `initialize`: the negotiated client features, the
 * parser, the configurations with the editor's settings, the engine's lint session (open
 * documents, files from disk, incremental relint) and the documents by URI. Providers (one per LSP
 * feature) share it. Nothing here is module-level: a process can host several.
 */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { type CppParser, createLintSession, type LintSession, type RuleModule, type ServiceProvider } from '../engine/index.js';
import { ConfigStore } from './config/config-store.js';
import { OpenDocuments } from './documents/open-documents.js';
import { uriOfFilePath } from './documents/uris.js';
import { Logger } from './logger.js';
import type { ClientFeatures } from './protocol/capabilities.js';

export interface SessionOptions {
  rules: ReadonlyMap<string, RuleModule>;
  /** The services' provider; absent, the installer model (then a keystroke inside a function relints that function only). */
  modelProvider?: ServiceProvider;
  locateModule: (filePath: string) => { root: string; files: string[] };
  /** Quiet time after the last change before linting (onType). */
  debounceMs: number;
}

export class Session {
  readonly configs: ConfigStore;
  readonly lint: LintSession;
  readonly documents: OpenDocuments;
  readonly logger: Logger;
  private disposed = false;

  constructor(
    readonly connection: Connection,
    readonly client: ClientFeatures,
    readonly parser: CppParser,
    readonly options: SessionOptions,
  ) {
    this.configs = new ConfigStore(options.rules, (error) =>
      this.logger.warnOnce(`settings:${error.message}`, `Ignored coinstallerLint.rules: ${error.message}`),
    );
    this.logger = new Logger(
      (type, message) => {
        if (!this.disposed) void connection.sendNotification('window/logMessage', { type, message }).catch(() => undefined);
      },
      () => this.configs.globalSettings().trace.server,
    );
    this.lint = createLintSession({
      rules: options.rules,
      parser,
      configs: this.configs,
      modelProvider: options.modelProvider,
      locateModule: options.locateModule,
      maxReadBytes: () => this.configs.globalSettings().maxFileSize,
      onRuleError: (ruleId, filePath, error) => logRuleError(this.logger, ruleId, filePath, error),
      onLintError: (root, error) => this.logger.error(`Linting ${root} failed: ${describeError(error)}`),
    });
    this.documents = new OpenDocuments(this.lint);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Throws the LSP error for a request that arrives after shutdown. */
  assertLive(method: string): void {
    if (this.disposed) throw new ResponseError(ErrorCodes.InvalidRequest, `${method}: the server is shut down`);
  }

  /** The URI to publish a file's diagnostics under: the open document's own URI when open. */
  uriOf(filePath: string): string {
    return this.documents.byPath(filePath)?.uri ?? uriOfFilePath(filePath);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.documents.dispose();
    this.lint.dispose();
    this.parser.delete();
  }
}

/** Logs a rule's failure the first time that rule fails (it reported an internal error in the file; the other rules ran). */
export function logRuleError(logger: Logger, ruleId: string, filePath: string, error: unknown): void {
  logger.warnOnce(`rule:${ruleId}`, `Rule ${ruleId} failed on ${filePath}: ${describeError(error)} (logged once; the other rules ran)`);
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
