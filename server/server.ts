/**
 * The server: negotiates capabilities on `initialize`, builds the session and its providers
 * (document sync, diagnostics, code actions, hover, configuration, workspace indexing), and
 * frees everything on `shutdown`. Requests before initialize or after shutdown get errors.
 */
import {
  ErrorCodes,
  ResponseError,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { builtinRules } from '../rules/index.js';
import { CppParser, readSourceFile, type RuleModule, type ServiceProvider, sessionModuleLocator, wasmMemoryBytes } from '../engine/index.js';
import { clientFeatures, serverCapabilities } from './protocol/capabilities.js';
import { registerCodeActions } from './providers/code-actions.js';
import { ConfigurationProvider } from './providers/configuration.js';
import { DiagnosticsProvider } from './providers/diagnostics.js';
import { registerDocumentSync } from './providers/document-sync.js';
import { registerHover } from './providers/hover.js';
import { WorkspaceIndexer } from './providers/workspace-indexing.js';
import { Session } from './session.js';
import { packageVersion } from '../api/index.js';

export const STATS_REQUEST = 'coinstallerLint/stats';
/**
 * No pause by default: a lint starts as soon as the server is idle, and the edits that arrive while
 * a lint runs are coalesced into one lint of the latest text (a lint is synchronous; results for an
 * old version are never published). A client on a slow machine can ask for a pause.
 */
export const DEFAULT_DEBOUNCE_MS = 0;

export interface ServerOptions {
  rules?: ReadonlyMap<string, RuleModule>;
  /** Builds the installer model's provider for a session (one summary cache per session). */
  modelProvider?: () => ServiceProvider;
  locateModule?: (filePath: string) => { root: string; files: string[] };
}

/** What the client may pass in initializationOptions. */
interface InitializationOptions {
  /** Quiet time after an edit before linting, in ms (default 150). */
  debounceMs?: number;
  /** The coinstallerLint settings, for clients without workspace/configuration. */
  settings?: unknown;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  let session: Session | undefined;
  let stopTimers: (() => void) | undefined;
  let shutdown = false;

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    if (session) throw new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already received');
    if (typeof params !== 'object' || params === null) throw new ResponseError(ErrorCodes.InvalidParams, 'initialize needs parameters');
    const client = clientFeatures(params);
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    const debounceMs = typeof init.debounceMs === 'number' && init.debounceMs >= 0 ? init.debounceMs : DEFAULT_DEBOUNCE_MS;
    const parser = await CppParser.create();
    session = new Session(connection, client, parser, {
      rules: options.rules ?? builtinRules,
      modelProvider: options.modelProvider?.(),
      // build files are read inside the workspace folders only, and kept across lints (by content)
      locateModule:
        options.locateModule ??
        sessionModuleLocator({
          roots: () => session?.configs.workspaceFolders() ?? [],
          // the DLL's files of the configuration the file's settings name (settings.configuration)
          configurationOf: (filePath) => {
            const outcome = session?.configs.configFor(filePath);
            return outcome?.ok ? outcome.config.settings.configuration : undefined;
          },
          // the session's files on disk: discovery's include scan and the lint read each once
          readFile: (filePath) => session?.lint.fileOnDisk(filePath) ?? readSourceFile(filePath),
        }),
      debounceMs,
    });
    const s = session;
    s.configs.setFolders(WorkspaceIndexer.foldersOf(params.workspaceFolders, params.rootUri));

    // The providers need each other: the diagnostics ask the indexer (created below) only once
    // requests come in. Its type is written out: inferring it would go through these closures.
    const diagnostics = new DiagnosticsProvider(
      s,
      () => indexer.knownConfigFiles(),
      () => indexer.sourceFiles(),
      () => indexer.ready(),
    );
    stopTimers = () => diagnostics.dispose();
    const configuration = new ConfigurationProvider(s, diagnostics, init.settings);
    const indexer: WorkspaceIndexer = new WorkspaceIndexer(s, () => diagnostics, configuration);
    registerDocumentSync(s, diagnostics);
    diagnostics.register();
    registerCodeActions(s, diagnostics);
    registerHover(s);

    connection.onInitialized(async () => {
      configuration.register();
      indexer.register();
      await configuration.load();
      s.lint.invalidateAll();
      diagnostics.inputsChanged();
      indexer.start();
    });

    connection.onRequest(STATS_REQUEST, () => {
      const { parses, liveDocumentTrees, moduleLints, functionRelints, summaries } = s.lint.stats();
      return {
        parses,
        openDocuments: s.documents.all().length,
        liveDocumentTrees,
        moduleLints,
        functionRelints,
        summaries,
        index: indexer.stats(),
        memory: { rss: process.memoryUsage().rss, jsHeapUsed: process.memoryUsage().heapUsed, wasm: wasmMemoryBytes() },
      };
    });

    return {
      capabilities: serverCapabilities(client),
      serverInfo: { name: 'coinstaller-lint', version: packageVersion() },
    };
  });

  connection.onShutdown(() => {
    shutdown = true;
    stopTimers?.();
    session?.dispose();
  });

  // Anything that is not handled, before or after the session, is an error response, not a crash.
  connection.onRequest((method) => {
    if (shutdown) throw new ResponseError(ErrorCodes.InvalidRequest, `${method}: the server is shut down`);
    if (!session) throw new ResponseError(ErrorCodes.ServerNotInitialized, `${method}: the server is not initialized yet`);
    throw new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
  });

  connection.listen();
}
