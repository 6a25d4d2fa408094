/**
 * The workspace: on start, each folder's installer files (C/C++, .def, .inf/.inx,
 * coinstaller-lint.json) are found and their modules linted in the background, with $/progress;
 * watched-file events (a change in another file of a module, a .def, an INF, a config) and
 * workspace-folder changes update what is known and re-lint.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type DidChangeWatchedFilesParams,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import {
  cachedModuleLocator,
  CONFIG_FILE_NAME,
  groupModules,
  isBuildFile,
  isModuleFile,
  languageOfPath,
  moduleHasSignal,
  moduleRoot,
  SKIPPED_FOLDERS,
} from '../../engine/index.js';
import { filePathOfUri } from '../documents/uris.js';
import { isConfigFile } from '../config/config-file-check.js';
import type { Session } from '../session.js';
import type { ConfigurationProvider } from './configuration.js';
import type { DiagnosticsProvider } from './diagnostics.js';

const WATCH_GLOB = '**/{*.c,*.cc,*.cpp,*.cxx,*.h,*.hpp,*.hxx,*.inl,*.def,*.inf,*.inx,*.vcxproj,*.props,*.targets,sources,makefile.inc,compile_commands.json}';
/** The files the index knows: a module's files (isModuleFile) and build files, linted as data. */
const isIndexed = (path: string): boolean => isModuleFile(path) || isBuildFile(path);

/** What the last indexing pass did (the `coinstallerLint/stats` request's `index`). */
export interface IndexStats {
  modules: number;
  /** Modules without installer signal (engine/batch/prefilter.ts): read, not parsed nor linted. */
  modulesSkipped: number;
  /** Files read for the prefilter (the lint of a module with a signal reuses their texts). */
  filesRead: number;
}

export class WorkspaceIndexer {
  private readonly sources = new Set<string>();
  private lastStats: IndexStats = { modules: 0, modulesSkipped: 0, filesRead: 0 };
  private readonly configFiles = new Set<string>();
  private readyPromise: Promise<void> = Promise.resolve();
  private generation = 0;

  constructor(
    private readonly session: Session,
    private readonly diagnostics: () => DiagnosticsProvider,
    private readonly configuration: ConfigurationProvider,
  ) {}

  sourceFiles(): Iterable<string> {
    return [...this.sources].filter((f) => languageOfPath(f) !== null || isBuildFile(f));
  }

  knownConfigFiles(): Iterable<string> {
    return [...this.configFiles];
  }

  stats(): IndexStats {
    return { ...this.lastStats };
  }

  /** Resolves when the current indexing pass is over. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  register(): void {
    const { connection, client } = this.session;
    connection.onDidChangeWatchedFiles((params) => this.watchedFilesChanged(params));
    if (client.watchedFiles) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: WATCH_GLOB }, { globPattern: `**/${CONFIG_FILE_NAME}` }],
        })
        .catch((error) => this.session.logger.warn(`Could not watch files: ${String(error)}`));
    }
    if (client.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        const folders = new Set(this.session.configs.workspaceFolders());
        for (const f of event.removed) {
          const p = filePathOfUri(f.uri);
          if (p) folders.delete(p);
        }
        for (const f of event.added) {
          const p = filePathOfUri(f.uri);
          if (p) folders.add(p);
        }
        this.session.configs.setFolders([...folders]);
        await this.configuration.load();
        this.session.lint.invalidateAll();
        this.start();
      });
    }
  }

  static foldersOf(folders: WorkspaceFolder[] | null | undefined, rootUri: string | null | undefined): string[] {
    const uris = folders && folders.length > 0 ? folders.map((f) => f.uri) : rootUri ? [rootUri] : [];
    return uris.map(filePathOfUri).filter((p): p is string => p !== null);
  }

  /** Starts (or restarts) indexing every workspace folder in the background. */
  start(): void {
    const generation = ++this.generation;
    this.readyPromise = this.index(generation).catch((error) => {
      this.session.logger.error(`Workspace indexing failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    });
  }

  private async index(generation: number): Promise<void> {
    const { session } = this;
    const folders = session.configs.workspaceFolders();
    if (folders.length === 0) return;
    const progress = session.client.workDoneProgress ? await session.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('coinstaller-lint', 0, 'Finding installer sources', false);
    const started = performance.now();
    try {
      this.sources.clear();
      this.configFiles.clear();
      for (const folder of folders) await this.walk(folder, generation);
      if (generation !== this.generation || session.isDisposed) return;
      const files = [...this.sourceFiles()];
      // grouped as the command line groups them (engine/batch/module-locator.ts): a file another
      // module already holds is not located again
      const locate = cachedModuleLocator({}, { moduleRoot, discoverModule: (f) => session.lint.moduleOf(f) });
      const modules = new Map(groupModules(files, locate).map((task) => [task.root, task.targets[0]]));
      const stats: IndexStats = { modules: modules.size, modulesSkipped: 0, filesRead: 0 };
      this.lastStats = stats;
      let done = 0;
      for (const file of modules.values()) {
        if (generation !== this.generation || session.isDisposed) return;
        try {
          if (this.withoutSignal(file, stats)) {
            stats.modulesSkipped++;
          } else {
            session.lint.lintModule(file, session.lint.reportableFiles(file));
          // Keep syntax trees only for modules being edited: a large workspace would hold them all.
            const members = session.lint.moduleOf(file).files;
            if (!members.some((f) => session.documents.byPath(f))) session.lint.releaseTrees(members);
          }
        } catch (error) {
          session.logger.error(`Indexing ${file} failed: ${String(error)}`);
        }
        done++;
        progress?.report(Math.round((done / modules.size) * 100), `${done}/${modules.size} modules`);
        // Keep answering requests between modules.
        await new Promise((resolve) => setImmediate(resolve));
      }
      session.logger.info(
        `Indexed ${files.length} files in ${modules.size} modules and ${this.configFiles.size} config files in ${Math.round(performance.now() - started)} ms`,
      );
    } finally {
      progress?.done();
    }
    if (generation === this.generation && !session.isDisposed) this.diagnostics().afterIndexing();
  }

  /**
   * The command line's fast path (engine/batch/prefilter.ts): a module none of whose files
   * carries an installer signal cannot hold a finding, so it is not parsed. Its files are read
   * from disk through the session (its lint, when one is asked for, reuses the texts); a module
   * with an open document is always linted.
   */
  private withoutSignal(file: string, stats: IndexStats): boolean {
    const { lint, documents, configs } = this.session;
    const members = lint.moduleOf(file).files;
    if (members.some((f) => documents.byPath(f))) return false;
    const entryPoints = new Set<string>();
    const inputs: { filePath: string; text: string }[] = [];
    for (const filePath of members) {
      const outcome = configs.configFor(filePath);
      // a file whose configuration cannot be read is linted (its lint reports the error)
      if (!outcome.ok) return false;
      for (const name of outcome.config.settings.entryPoints) entryPoints.add(name);
      const read = lint.fileOnDisk(filePath);
      stats.filesRead++;
      if (read.ok) inputs.push({ filePath, text: read.text });
    }
    return !moduleHasSignal(inputs, { entryPoints: [...entryPoints] });
  }

  private async walk(folder: string, generation: number): Promise<void> {
    const pending = [folder];
    while (pending.length > 0) {
      if (generation !== this.generation) return;
      const dir = pending.pop()!;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        this.session.logger.debug(`Skipped ${dir}: ${String(error)}`);
        continue;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(path);
        } else if (entry.isFile()) {
          if (entry.name === CONFIG_FILE_NAME) this.configFiles.add(path);
          else if (isIndexed(path)) this.sources.add(path);
        }
      }
    }
  }

  private watchedFilesChanged(params: DidChangeWatchedFilesParams): void {
    const changes = Array.isArray(params?.changes) ? params.changes : [];
    let configChanged = false;
    const changed: string[] = [];
    let createdOrDeleted = false;
    for (const change of changes) {
      const path = typeof change?.uri === 'string' ? filePathOfUri(change.uri) : null;
      if (!path) continue;
      if (isConfigFile(path)) {
        configChanged = true;
        if (change.type === FileChangeType.Deleted) this.configFiles.delete(path);
        else this.configFiles.add(path);
        this.session.lint.filesChanged([path], false);
        continue;
      }
      if (!isIndexed(path)) continue;
      changed.push(path);
      if (change.type === FileChangeType.Created) {
        this.sources.add(path);
        createdOrDeleted = true;
      } else if (change.type === FileChangeType.Deleted) {
        this.sources.delete(path);
        createdOrDeleted = true;
      }
    }
    if (changed.length > 0) this.session.lint.filesChanged(changed, createdOrDeleted);
    if (configChanged) {
      this.session.configs.invalidate();
      this.session.lint.invalidateAll();
    }
    if (changed.length > 0 || configChanged) {
      this.session.logger.debug(`Files changed on disk: ${changes.map((c) => c?.uri).join(', ')}`);
      this.diagnostics().inputsChanged();
    }
  }
}
