/**
 * What the ways of bringing a module's outcome up to date share (full-module-lint.ts,
 * comment-edit-shift.ts, function-relint.ts, edit-splice.ts): the session's options, linter, open
 * documents, files from disk, summary cache and counters, and the keys that tell whether an
 * outcome is still current. LintSession (lint-session.ts) owns one and answers the host from it.
 */
import { createBuildIndex } from '../build/build-index.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { buildFilesProvider } from '../linter/build-files.js';
import { Linter, type LintModuleOptions, type ModuleFileInput, type ServiceProvider } from '../linter/linter.js';
import { type BuildLookup, type ConditionsOf, moduleConditions } from '../linter/module-conditions.js';
import type { RuleModule, RuleServices } from '../linter/types.js';
import type { EntryPointInfo, InstallerModelService } from '../model/contract.js';
import { createInstallerModelProvider } from '../model/index.js';
import type { SummaryCache } from '../model/summary-cache.js';
import type { CppParser } from '../parsing/cpp-parser.js';
import { DEFAULT_MAX_FILE_BYTES, type ReadSourceResult } from '../text/source-file.js';
import { CountingSummaryCache } from './counting-summary-cache.js';
import { DiskFiles } from './disk-files.js';
import type { SessionConfigs } from './session-config.js';
import { SourceDocuments } from './source-document.js';

export interface LintSessionOptions {
  rules: ReadonlyMap<string, RuleModule>;
  /** The parser (the caller's: it frees it). */
  parser: CppParser;
  configs: SessionConfigs;
  /**
   * The services' provider. Absent: the installer model over the session's own summary cache, and
   * then a keystroke inside a function relints that function only (function-relint.ts).
   */
  modelProvider?: ServiceProvider;
  /** The module a file belongs to (default: discoverModule). */
  locateModule?: (filePath: string) => { root: string; files: string[] };
  /** How files that are not open are read (default: readSourceFile), and up to which size. */
  readFile?: (filePath: string, maxBytes: number) => ReadSourceResult;
  maxReadBytes?: () => number;
  /** Told when a rule throws on a file (it reports an internal error there; the other rules run). */
  onRuleError?: (ruleId: string, filePath: string, error: unknown) => void;
  /** Told when the lint of a module failed (its reported files get a notice instead of findings). */
  onLintError?: (moduleRoot: string, error: unknown) => void;
  /** The build of a file, for `settings.configuration` (engine/linter/module-conditions.ts); default: a build index over the workspace folders. */
  buildOf?: BuildLookup;
}

export interface SessionModule {
  root: string;
  files: string[];
}

/** What a lint gave besides the messages: the module's model and entry points (plain data, safe to keep). */
export interface LintedModel {
  model: InstallerModelService | undefined;
  entryPoints: EntryPointInfo[];
}

export class SessionState {
  readonly documents = new SourceDocuments();
  readonly disk: DiskFiles;
  readonly linter: Linter;
  /** Counts the summaries built and reused (the stats). */
  readonly counting = new CountingSummaryCache();
  /** The cache the model provider reads summaries from, when the session made the provider (then functions are relinted alone). */
  readonly summaryCache: SummaryCache | undefined;
  /** Per file: bumped when it changes on disk. */
  readonly diskVersions = new Map<string, number>();
  /** Module lints run (for tests and the stats request), and of those, relints of one function. */
  lintCount = 0;
  functionRelints = 0;
  /** File summaries made from the last one after a keystroke inside a function, not by walking the file. */
  splicedSummaries = 0;
  private runCount = 0;
  private readonly buildOf: BuildLookup;

  constructor(readonly options: LintSessionOptions) {
    // read only when a file's settings name a configuration; kept by content across lints
    const index = options.buildOf ? undefined : createBuildIndex({ roots: () => options.configs.workspaceFolders() });
    this.buildOf = options.buildOf ?? ((filePath, configuration) => index!.buildOf(filePath, configuration));
    this.summaryCache = options.modelProvider ? undefined : this.counting;
    const modelProvider = options.modelProvider ?? createInstallerModelProvider({ summaryCache: this.counting });
    this.disk = new DiskFiles(this.documents.parseCounts, options.maxReadBytes ?? (() => DEFAULT_MAX_FILE_BYTES), options.readFile);
    this.linter = new Linter({ rules: options.rules, parser: options.parser, serviceProviders: [modelProvider, buildFilesProvider()], onRuleError: options.onRuleError, buildOf: this.buildOf });
  }

  /** The preprocessor conditions of the module's files, from their settings and texts (open or on disk), as the linter reads them. */
  conditionsOf(files: readonly string[]): ConditionsOf {
    const texts: { filePath: string; text: string }[] = [];
    const settingsOf = (f: string) => {
      const outcome = this.configs.configFor(f);
      return outcome.ok ? outcome.config.settings : undefined;
    };
    // no file with a configuration: nothing to read
    if (!files.some((f) => { const s = settingsOf(f); return s && (s.configuration !== undefined || s.defines !== undefined); })) return () => undefined;
    for (const f of files) {
      const doc = this.documents.get(f);
      const read = doc ? undefined : this.disk.get(f).read;
      if (doc) texts.push({ filePath: f, text: doc.text });
      else if (read?.ok) texts.push({ filePath: f, text: read.text });
    }
    return moduleConditions(texts, settingsOf, this.buildOf);
  }

  get parser(): CppParser {
    return this.options.parser;
  }

  get configs(): SessionConfigs {
    return this.options.configs;
  }

  /** A new result id: the run that produced a result names it (pull diagnostics' resultId). */
  nextResultId(): string {
    return `r${++this.runCount}`;
  }

  /** The state of a module's inputs: the config generation, each file's document version or disk version. */
  keyOf(module: SessionModule): string {
    const versions = module.files.map((f) => {
      const doc = this.documents.get(f);
      return doc ? `v${doc.version}` : `d${this.diskVersions.get(f) ?? 0}`;
    });
    return `${this.configs.generation}:${versions.join(',')}`;
  }

  /** The module's inputs apart from the open documents' texts. */
  inputsOf(module: SessionModule): string {
    const parts = module.files.map((f) => (this.documents.get(f) ? 'open' : `d${this.diskVersions.get(f) ?? 0}`));
    return `${this.configs.generation}:${parts.join(',')}`;
  }

  /** The text is over the file's maxFileSize (a full lint reports that instead of findings). */
  overSizeLimit(filePath: string, text: string): boolean {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit: most texts are clear of the limit without counting
    const limit = this.configs.settingsFor(filePath).maxFileSize;
    return text.length * 3 > limit && Buffer.byteLength(text, 'utf8') > limit;
  }

  configOrDefault(filePath: string): ResolvedConfig {
    const outcome = this.configs.configFor(filePath);
    if (outcome.ok) return outcome.config;
    // Files read only for the model under a broken config: any valid config will do.
    for (const f of this.configs.workspaceFolders()) {
      const c = this.configs.configFor(f);
      if (c.ok) return c.config;
    }
    throw outcome.error;
  }

  /** Lints the module's inputs; the services the providers built come back with the results. */
  lintModule(inputs: readonly ModuleFileInput[], options?: LintModuleOptions) {
    return this.linter.lintModuleWithServices(inputs, (f) => this.configOrDefault(f), options);
  }

  dispose(): void {
    this.linter.dispose();
    this.documents.dispose();
    this.disk.dispose();
  }
}

/** The installer model of a lint and a copy of its entry points (plain data, kept for hovers). */
export function lintedModel(services: RuleServices): LintedModel {
  const model = services.installer;
  return { model, entryPoints: copyEntryPoints(model) };
}

function copyEntryPoints(model: InstallerModelService | undefined): EntryPointInfo[] {
  if (!model) return [];
  return model.entryPoints.map((e) => ({
    name: e.name,
    kind: e.kind,
    filePath: e.filePath,
    range: [e.range[0], e.range[1]] as const,
    nameRange: [e.nameRange[0], e.nameRange[1]] as const,
    params: { ...e.params },
    via: [...e.via],
    handledDifCodes: [...e.handledDifCodes],
  }));
}
