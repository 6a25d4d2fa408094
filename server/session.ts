/**
 * The state of one server session, created on `initialize`: the negotiated client features, the
 * parser, open documents, files read from disk, configurations and the lint service. Providers
 * (one per LSP feature) share it. Nothing here is module-level: a process can host several.
 */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import type { CppParser, RuleModule, ServiceProvider, SummaryCache } from '../engine/index.js';
import { OpenDocuments } from './documents/open-documents.js';
import { uriOfFilePath } from './documents/uris.js';
import { ConfigStore } from './lint/config-store.js';
import { DiskFiles } from './lint/disk-files.js';
import { LintService } from './lint/lint-service.js';
import { Logger } from './logger.js';
import type { ClientFeatures } from './protocol/capabilities.js';

export interface SessionOptions {
  rules: ReadonlyMap<string, RuleModule>;
  modelProvider: ServiceProvider;
  /** The summary cache `modelProvider` reads (then a keystroke inside a function relints that function only). */
  summaryCache?: SummaryCache;
  locateModule: (filePath: string) => { root: string; files: string[] };
  /** Quiet time after the last change before linting (onType). */
  debounceMs: number;
}

export class Session {
  readonly documents = new OpenDocuments();
  readonly configs: ConfigStore;
  readonly disk: DiskFiles;
  readonly lint: LintService;
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
    this.disk = new DiskFiles(this.documents.parseCounts, () => this.configs.globalSettings().maxFileSize);
    this.lint = new LintService({
      rules: options.rules,
      parser,
      documents: this.documents,
      disk: this.disk,
      configs: this.configs,
      logger: this.logger,
      modelProvider: options.modelProvider,
      summaryCache: options.summaryCache,
      locateModule: options.locateModule,
    });
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
    this.disk.dispose();
    this.lint.dispose();
    this.parser.delete();
  }
}
