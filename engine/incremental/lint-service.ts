/**
 * Lints the module a file belongs to, with open documents' text and trees (re-parsed
 * incrementally) and the other files from disk, and caches the outcome until an input changes:
 * a document version, a file on disk, or the configuration. The engine does the work
 * (Linter.lintModule); the installer model's SummaryCache keeps the summaries of unchanged files.
 * Protocol-free: the language server converts positions and outcomes (server/convert/).
 */
import { isIgnored } from '../config/ignores.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { fileLanguage, Linter, type ModuleFileInput, type ServiceProvider } from '../linter/linter.js';
import type { LintMessage, RuleModule, RuleServices } from '../linter/types.js';
import type { EntryPointInfo, InstallerModelService } from '../model/contract.js';
import { createInstallerModelProvider, discoverModule } from '../model/index.js';
import { wasmBindingOf } from '../model/summarize-cursor.js';
import type { SummaryCache } from '../model/summary-cache.js';
import { spliceTopLevelSummary } from '../model/summary-splice.js';
import type { FileSummary } from '../model/summary-types.js';
import { editedTopLevelFunction, type Outline, topLevelOutline } from '../model/top-level-outline.js';
import { type CppParser, languageOfPath, wasmModuleObject } from '../parsing/cpp-parser.js';
import { LineIndex } from '../text/line-index.js';
import { DEFAULT_MAX_FILE_BYTES, type ReadSourceResult } from '../text/source-file.js';
import { differingRegion, type TextShift, unionShift } from '../text/text-shift.js';
import { commentOnlyEdit } from './comment-edit.js';
import { CountingSummaryCache } from './counting-summary-cache.js';
import { DiskFiles } from './disk-files.js';
import type { FileOutcome, ModuleOutcome, ModuleResults, NoticeSeverity } from './file-outcome.js';
import { isFixNeutralEdit } from './fix-neutral-edit.js';
import { functionShift, knownNames, mergeRelinted, planRelint, relintBases } from './function-relint.js';
import { moduleInputs } from './module-inputs.js';
import type { SessionConfigs } from './session-config.js';
import { shiftEntryPoints, shiftMessages } from './shift-outcome.js';
import { type SourceDocument, SourceDocuments, type TextChange } from './source-document.js';

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
}

export class LintSession {
  private readonly linter: Linter;
  private readonly modules = new Map<string, { root: string; files: string[] }>();
  private readonly outcomes = new Map<string, ModuleOutcome>();
  /** Per file: bumped when it changes on disk. */
  private readonly diskVersions = new Map<string, number>();
  /** Services of the lint in progress (captured for hovers). */
  private capturedServices: RuleServices | undefined;
  /** Number of module lints run (for tests and the stats request). */
  lintCount = 0;
  /** Of those, lints of one function after a keystroke inside it (function-relint.ts). */
  functionRelints = 0;
  /** File summaries made from the last one after a keystroke inside a function, not by walking the file. */
  splicedSummaries = 0;
  private runCount = 0;

  private readonly documents = new SourceDocuments();
  private readonly disk: DiskFiles;
  /** Counts the summaries built and reused (the stats). */
  private readonly counting = new CountingSummaryCache();
  /** The cache the model provider reads summaries from, when the session made the provider. */
  private readonly summaryCache: SummaryCache | undefined;

  constructor(private readonly options: LintSessionOptions) {
    this.summaryCache = options.modelProvider ? undefined : this.counting;
    const modelProvider = options.modelProvider ?? createInstallerModelProvider({ summaryCache: this.counting });
    const capture: ServiceProvider = (files, settings) => {
      const services = modelProvider(files, settings);
      this.capturedServices = services;
      return services;
    };
    this.disk = new DiskFiles(this.documents.parseCounts, options.maxReadBytes ?? (() => DEFAULT_MAX_FILE_BYTES), options.readFile);
    this.linter = new Linter({ rules: options.rules, parser: options.parser, serviceProviders: [capture], onRuleError: options.onRuleError });
  }

  /** Frees the linter's compiled queries and every syntax tree held (the parser stays the caller's). */
  dispose(): void {
    this.linter.dispose();
    this.documents.dispose();
    this.disk.dispose();
  }

  /** Opens a document: from now on its text stands for the file on disk. */
  open(filePath: string, text: string, version: number): SourceDocument {
    return this.documents.open(filePath, text, version);
  }

  /** Changes an open document: the whole new text, or changes in order (UTF-16 offsets). */
  update(filePath: string, changes: string | readonly TextChange[], version: number): SourceDocument | undefined {
    const doc = this.documents.get(filePath);
    doc?.apply(typeof changes === 'string' ? [{ text: changes }] : changes, version);
    return doc;
  }

  /**
   * Closes a document (with `doc`, only when it is the one open there): the file is read from disk
   * again, which may differ from the closed editor's text.
   */
  close(filePath: string, doc?: SourceDocument): void {
    this.documents.close(filePath, doc);
    this.filesChanged([filePath], false);
  }

  /** The open document of a file. */
  document(filePath: string): SourceDocument | undefined {
    return this.documents.get(filePath);
  }

  /** A file as read from disk (cached until filesChanged names it). */
  fileOnDisk(filePath: string): ReadSourceResult {
    return this.disk.get(filePath).read;
  }

  /** Frees the syntax trees of files read from disk (their text is kept); they are parsed again when needed. */
  releaseTrees(paths: Iterable<string>): void {
    this.disk.releaseTrees(paths);
  }

  /** What the session did so far: parses, lints, summaries. */
  stats(): LintSessionStats {
    return {
      parses: { ...this.documents.parseCounts },
      liveDocumentTrees: this.documents.liveTrees(),
      moduleLints: this.lintCount,
      functionRelints: this.functionRelints,
      summaries: { built: this.counting.misses, reused: this.counting.hits, cached: this.counting.size, spliced: this.splicedSummaries },
    };
  }

  get rules(): ReadonlyMap<string, RuleModule> {
    return this.options.rules;
  }

  /** The module of a file (cached until files are created or deleted). */
  moduleOf(filePath: string): { root: string; files: string[] } {
    let located = this.modules.get(filePath);
    if (!located) {
      located = (this.options.locateModule ?? discoverModule)(filePath);
      if (!located.files.includes(filePath)) located = { root: located.root, files: [...located.files, filePath] };
      this.modules.set(filePath, located);
    }
    return located;
  }

  /** Files on disk changed: forget them (and module membership when files came or went). */
  filesChanged(paths: readonly string[], created: boolean): void {
    for (const p of paths) {
      this.disk.invalidate(p);
      this.diskVersions.set(p, (this.diskVersions.get(p) ?? 0) + 1);
    }
    if (created) this.modules.clear();
  }

  /** Forgets every cached result (config or settings changed). */
  invalidateAll(): void {
    this.outcomes.clear();
  }

  /** C/C++ and INF files are linted; anything else a client sends is left alone. */
  isLintable(filePath: string): boolean {
    return languageOfPath(filePath) !== null;
  }

  /** The outcome for one file, linting its module if anything changed. */
  lint(filePath: string): FileOutcome {
    if (!this.isLintable(filePath)) {
      // Not C/C++ or INF (a client that sends every file): nothing to say about it.
      const doc = this.documents.get(filePath);
      return { filePath, version: doc?.version ?? null, lineIndex: doc?.lineIndex ?? new LineIndex(''), messages: [], resultId: 'none' };
    }
    const module = this.lintModule(filePath, [filePath]);
    return module.files.get(filePath)!;
  }

  /** The cached outcome of a file if it is still current. */
  cached(filePath: string): FileOutcome | undefined {
    const module = this.moduleOf(filePath);
    const outcome = this.outcomes.get(module.root);
    if (!outcome || outcome.key !== this.keyOf(module)) return undefined;
    return outcome.files.get(filePath);
  }

  /** The installer model of a file's module, if its last lint is still current. */
  model(filePath: string): InstallerModelService | undefined {
    const module = this.moduleOf(filePath);
    const key = this.keyOf(module);
    let outcome = this.outcomes.get(module.root);
    if (!outcome || outcome.key !== key) return undefined;
    if (outcome.shifted) {
      // the findings were moved over a comment edit; the model needs the real lint
      outcome = this.run(module, key, new Set(outcome.files.keys()));
      this.outcomes.set(module.root, outcome);
    }
    return outcome.model;
  }

  /** The entry points of a file's module as of its last lint. */
  entryPoints(filePath: string): EntryPointInfo[] {
    return this.outcomes.get(this.moduleOf(filePath).root)?.entryPoints ?? [];
  }

  /**
   * Lints a module, reporting `wanted` and every open document of it. Files reported by an
   * earlier lint (the workspace index reports them all) are not carried over: a keystroke lints
   * the open files only, while every file of the module still feeds the model.
   */
  lintModule(filePath: string, wanted: readonly string[]): ModuleResults {
    return this.lintModuleOutcome(filePath, wanted);
  }

  private lintModuleOutcome(filePath: string, wanted: readonly string[]): ModuleOutcome {
    const module = this.moduleOf(filePath);
    const key = this.keyOf(module);
    const cached = this.outcomes.get(module.root);
    if (cached && cached.key === key && wanted.every((w) => cached.files.has(w))) return cached;
    if (cached && cached.key !== key && wanted.every((w) => cached.files.has(w))) {
      const moved = this.shiftedOutcome(module, key, cached) ?? this.relintedFunction(module, key, cached);
      if (moved) {
        this.outcomes.set(module.root, moved);
        return moved;
      }
    }
    const report = new Set(wanted);
    for (const f of module.files) if (this.documents.get(f)) report.add(f);
    // Same inputs, more files wanted: report the earlier ones too, so that nothing is lost.
    if (cached && cached.key === key) for (const f of cached.files.keys()) report.add(f);
    const outcome = this.run(module, key, report);
    this.outcomes.set(module.root, outcome);
    return outcome;
  }

  /** Every lintable file of a module (C/C++ and INF). */
  reportableFiles(filePath: string): string[] {
    return this.moduleOf(filePath).files.filter((f) => languageOfPath(f) !== null);
  }

  /**
   * The last outcome moved over the open documents' edits since, when they only changed the inside
   * of one comment of one file (comment-edit.ts): no finding can have changed, only the offsets
   * after the edit. Undefined when a full lint is needed.
   */
  private shiftedOutcome(module: { root: string; files: string[] }, key: string, cached: ModuleOutcome): ModuleOutcome | undefined {
    if (cached.inputs !== this.inputsOf(module)) return undefined;
    const { documents } = this;
    const { parser } = this.options;
    let edited: string | undefined;
    for (const f of module.files) {
      const doc = documents.get(f);
      if (!doc) continue;
      const before = cached.texts.get(f);
      if (before === undefined) return undefined;
      if (before === doc.text) continue;
      if (edited !== undefined || languageOfPath(f) !== 'cpp') return undefined;
      edited = f;
    }
    let shift: TextShift = { at: 0, oldEnd: 0, delta: 0 };
    const texts = new Map(cached.texts);
    if (edited !== undefined) {
      const doc = documents.get(edited)!;
      if (cached.files.get(edited)?.notice || this.overSizeLimit(edited, doc.text)) return undefined;
      const moved = commentOnlyEdit(cached.texts.get(edited)!, doc.text, doc.tree.treeFor(parser, doc.text).rootNode);
      if (!moved) return undefined;
      shift = moved;
      texts.set(edited, doc.text);
    }
    const runId = ++this.runCount;
    const files = new Map<string, FileOutcome>();
    for (const [f, o] of cached.files) {
      const doc = documents.get(f);
      const messages = edited === undefined ? o.messages : shiftMessages(o.messages, f, edited, shift, documents.get(edited)!.lineIndex);
      if (!messages) return undefined;
      const version = doc ? doc.version : o.version;
      // a new version gets a new result id even when its findings did not move (a push names the version)
      const changed = f === edited || version !== o.version || messages.some((m, i) => m !== o.messages[i]);
      files.set(f, {
        ...o,
        version,
        lineIndex: doc ? doc.lineIndex : o.lineIndex,
        messages,
        resultId: changed ? `r${runId}` : o.resultId,
      });
    }
    const entryPoints = edited === undefined ? cached.entryPoints : shiftEntryPoints(cached.entryPoints, edited, shift);
    const bases = edited !== undefined && cached.bases ? this.advancedBases(cached.bases, edited, cached.texts.get(edited)!) : cached.bases;
    return { ...cached, key, files, entryPoints, texts, bases, shifted: cached.shifted || edited !== undefined };
  }

  /**
   * The summary of an open document after an edit inside one function's body, spliced from the
   * summary of `oldText` and cached (summary-splice.ts); undefined when the edit is not inside one
   * function's body with the rest of the file parsed alike.
   */
  private spliceEdit(edited: string, oldText: string, base: { blanked: string; outline: Outline }, oldSummary: FileSummary, known?: Set<string>) {
    const { documents, summaryCache } = this;
    const { parser } = this.options;
    const doc = documents.get(edited)!;
    const text = doc.text;
    const tree = doc.tree.treeFor(parser, text);
    const binding = wasmBindingOf(wasmModuleObject());
    // the parser saw the blanked text: the edit as it saw it may reach further than the typing
    const typed = differingRegion(oldText, text);
    const region = unionShift(typed, differingRegion(base.blanked, doc.tree.blanked));
    const outline = topLevelOutline(tree, binding);
    const fn = editedTopLevelFunction(base.outline, outline, tree.rootNode, region.at, region.oldEnd, region.delta);
    if (!fn || !summaryCache) return undefined;
    const spliced = spliceTopLevelSummary(oldSummary, fn.node, text, oldText, region.delta, doc.lineIndex.lineStarts, binding, known);
    if (!spliced) return undefined;
    summaryCache.set(edited, text, spliced.summary);
    this.splicedSummaries++;
    return { spliced, typed, region, index: fn.index, outline };
  }

  /**
   * The relint bases after a comment edit of `edited` (results moved): its summary spliced, so that
   * the next keystroke in code can still relint one function; without a splice the file's base goes
   * (the next keystroke lints the module).
   */
  private advancedBases(bases: NonNullable<ModuleOutcome['bases']>, edited: string, oldText: string): ModuleOutcome['bases'] {
    const next = new Map(bases);
    next.delete(edited);
    const base = bases.get(edited);
    const oldSummary = base && this.summaryCache?.get(edited, oldText);
    const edit = base && oldSummary ? this.spliceEdit(edited, oldText, base, oldSummary) : undefined;
    if (edit) next.set(edited, { blanked: this.documents.get(edited)!.tree.blanked, outline: edit.outline });
    return next;
  }

  /** The text is over the file's coinstallerLint.maxFileSize (a full lint reports that instead of findings). */
  private overSizeLimit(filePath: string, text: string): boolean {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit: most texts are clear of the limit without counting
    const limit = this.options.configs.settingsFor(filePath).maxFileSize;
    return text.length * 3 > limit && Buffer.byteLength(text, 'utf8') > limit;
  }

  /** The module's inputs apart from the open documents' texts. */
  private inputsOf(module: { root: string; files: string[] }): string {
    const parts = module.files.map((f) => (this.documents.get(f) ? 'open' : `d${this.diskVersions.get(f) ?? 0}`));
    return `${this.options.configs.generation}:${parts.join(',')}`;
  }

  private keyOf(module: { root: string; files: string[] }): string {
    const versions = module.files.map((f) => {
      const doc = this.documents.get(f);
      return doc ? `v${doc.version}` : `d${this.diskVersions.get(f) ?? 0}`;
    });
    return `${this.options.configs.generation}:${versions.join(',')}`;
  }

  private run(module: { root: string; files: string[] }, key: string, report: Set<string>): ModuleOutcome {
    const { documents, disk } = this;
    const { configs, parser } = this.options;
    const files = new Map<string, FileOutcome>();
    const inputs: ModuleFileInput[] = [];
    const meta = new Map<string, { version: number | null; lineIndex: LineIndex }>();
    const texts = new Map<string, string>();
    const runId = ++this.runCount;
    // Result ids are per document: the run that produced a result names it.
    const resultId = (_f: string) => `r${runId}`;
    const notice = (f: string, version: number | null, lineIndex: LineIndex, message: string, severity: NoticeSeverity) => {
      files.set(f, { filePath: f, version, lineIndex, messages: [], notice: { message, severity }, resultId: resultId(f) });
    };

    for (const f of module.files) {
      const reported = report.has(f);
      const language = fileLanguage(f);
      const doc = documents.get(f);
      const settings = configs.settingsFor(f);
      let text: string;
      let version: number | null = null;
      let tree;
      if (doc) {
        text = doc.text;
        version = doc.version;
        texts.set(f, text);
        if (Buffer.byteLength(text, 'utf8') > settings.maxFileSize) {
          if (reported) notice(f, version, doc.lineIndex, tooLarge(Buffer.byteLength(text, 'utf8'), settings.maxFileSize), 'information');
          continue;
        }
        if (language === 'cpp') tree = doc.tree.treeFor(parser, text);
      } else {
        const entry = disk.get(f);
        if (!entry.read.ok) {
          if (reported) {
            const severity = entry.read.kind === 'unreadable' ? 'error' : 'information';
            notice(f, null, new LineIndex(''), `coinstaller-lint: ${entry.read.message}`, severity);
          }
          continue;
        }
        text = entry.read.text;
        if (language === 'cpp') tree = entry.tree.treeFor(parser, text);
      }
      const lineIndex = doc ? doc.lineIndex : new LineIndex(text);
      let lintThis = reported;
      if (reported) {
        const config = configs.configFor(f);
        if (!config.ok) {
          const where = config.error.filePath ?? 'the editor settings';
          notice(f, version, lineIndex, `Not linted: the configuration is invalid (${where}): ${config.error.problem}`, 'warning');
          lintThis = false;
        } else if (!settings.enable || isIgnored(config.config, f)) {
          files.set(f, { filePath: f, version, lineIndex, messages: [], resultId: resultId(f) });
          lintThis = false;
        }
      }
      meta.set(f, { version, lineIndex });
      inputs.push({ filePath: f, text, tree, lineIndex, report: lintThis });
    }

    let entryPoints: EntryPointInfo[] = [];
    let model: InstallerModelService | undefined;
    if (inputs.some((i) => i.report)) {
      this.capturedServices = undefined;
      this.lintCount++;
      try {
        const results = this.linter.lintModule(inputs, (f) => this.configOrDefault(f));
        for (const r of results) {
          const m = meta.get(r.filePath)!;
          files.set(r.filePath, { filePath: r.filePath, version: m.version, lineIndex: m.lineIndex, messages: r.messages, resultId: resultId(r.filePath) });
        }
        const services = this.lastServices();
        entryPoints = copyEntryPoints(services);
        const installer = services?.installer as InstallerModelService | undefined;
        if (installer && typeof installer.contextsAt === 'function') model = installer;
      } catch (error) {
        this.options.onLintError?.(module.root, error);
        for (const i of inputs) {
          if (!i.report) continue;
          const m = meta.get(i.filePath)!;
          notice(i.filePath, m.version, m.lineIndex, `coinstaller-lint failed on this module: ${error instanceof Error ? error.message : String(error)}`, 'error');
        }
      } finally {
        this.capturedServices = undefined;
      }
    }
    const bases = this.summaryCache ? relintBases(module.files, documents) : undefined;
    return { root: module.root, key, files, entryPoints, model, inputs: this.inputsOf(module), texts, bases };
  }

  /**
   * The last outcome brought up to date after a keystroke inside the body of one function of one
   * open document, by relinting that function only (function-relint.ts); undefined when a full lint
   * is needed. The spliced summary is cached even then: the full lint does not walk the file again.
   */
  private relintedFunction(module: { root: string; files: string[] }, key: string, cached: ModuleOutcome): ModuleOutcome | undefined {
    const { documents, summaryCache } = this;
    const { parser } = this.options;
    // (after a comment edit the results were moved and the bases advanced: the relint works from them)
    if (!summaryCache || !cached.bases || cached.inputs !== this.inputsOf(module)) return undefined;
    let edited: string | undefined;
    for (const f of module.files) {
      const doc = documents.get(f);
      if (!doc || cached.texts.get(f) === doc.text) continue;
      if (edited !== undefined || languageOfPath(f) !== 'cpp') return undefined;
      edited = f;
    }
    const oldText = edited !== undefined ? cached.texts.get(edited) : undefined;
    const base = edited !== undefined ? cached.bases.get(edited) : undefined;
    const before = edited !== undefined ? cached.files.get(edited) : undefined;
    if (edited === undefined || oldText === undefined || !base || !before || before.notice) return undefined;
    if (this.overSizeLimit(edited, documents.get(edited)!.text)) return undefined;
    const oldSummary = summaryCache.get(edited, oldText);
    const doc = documents.get(edited)!;
    const text = doc.text;
    if (!oldSummary || text.includes('coinstaller-lint') || oldText.includes('coinstaller-lint')) return undefined;

    const inputs = moduleInputs(module.files, edited, documents, this.disk, parser);
    if (!inputs) return undefined;
    const known = knownNames(inputs, edited, oldSummary, summaryCache, this.configOrDefault(edited).settings);
    const edit = this.spliceEdit(edited, oldText, base, oldSummary, known);
    if (!edit) return undefined;
    const { spliced, typed, region, index, outline } = edit;
    if (!spliced.sameShape) return undefined;
    const fixNeutral = isFixNeutralEdit(oldText, text, typed);
    const plan = planRelint(base.outline, index, region.delta, before.messages, edited, doc.lineIndex, fixNeutral);
    if (!plan) return undefined;

    // the other files' results stay, moved where they point past the function (not into it)
    const shift = functionShift(plan.oldRange, plan.delta);
    const others = new Map<string, LintMessage[]>();
    for (const [f, o] of cached.files) {
      if (f === edited) continue;
      const moved = shiftMessages(o.messages, f, edited, shift, doc.lineIndex);
      if (!moved) return undefined;
      others.set(f, moved);
    }

    this.capturedServices = undefined;
    let result;
    let services;
    try {
      result = this.linter.lintModule(inputs, (f) => this.configOrDefault(f), { within: new Map([[edited, plan.ranges]]) })[0];
      services = this.lastServices();
    } catch {
      return undefined;
    } finally {
      this.capturedServices = undefined;
    }
    if (!result || result.filePath !== edited || result.messages.some((m) => m.fatal)) return undefined;
    const messages = result.partial ? mergeRelinted(plan, result.messages, result.partial, edited, doc.lineIndex) : result.messages;
    if (!messages) return undefined;
    this.lintCount++;
    this.functionRelints++;

    const runId = ++this.runCount;
    const files = new Map<string, FileOutcome>();
    for (const [f, o] of cached.files) {
      const messagesOf = f === edited ? messages : others.get(f)!;
      const changed = f === edited || messagesOf.some((m, i) => m !== o.messages[i]);
      files.set(f, { ...o, version: f === edited ? doc.version : o.version, lineIndex: f === edited ? doc.lineIndex : o.lineIndex, messages: messagesOf, resultId: changed ? `r${runId}` : o.resultId });
    }
    const installer = services?.installer as InstallerModelService | undefined;
    const model = installer && typeof installer.contextsAt === 'function' ? installer : undefined;
    const texts = new Map(cached.texts).set(edited, text);
    const bases = new Map(cached.bases).set(edited, { blanked: doc.tree.blanked, outline });
    return { ...cached, key, files, entryPoints: copyEntryPoints(services), model, texts, bases, shifted: false };
  }

  /**
   * The text of an open document with every fix of its module's lint applied (pass after pass),
   * or null when nothing changes or the file cannot be linted.
   */
  fix(filePath: string): { output: string; version: number | null } | null {
    const { documents, disk } = this;
    const { parser, configs } = this.options;
    const config = configs.configFor(filePath);
    if (!config.ok || !configs.settingsFor(filePath).enable || isIgnored(config.config, filePath)) return null;
    const inputs = moduleInputs(this.moduleOf(filePath).files, filePath, documents, disk, parser);
    if (!inputs) return null;
    const version = documents.get(filePath)?.version ?? null;
    const result = this.linter.fixModule(inputs, (f) => this.configOrDefault(f)).find((r) => r.filePath === filePath);
    return result && result.fixed ? { output: result.output, version } : null;
  }

  /** The services the providers gave during the lint that just ran. */
  private lastServices(): RuleServices | undefined {
    return this.capturedServices;
  }

  private configOrDefault(filePath: string): ResolvedConfig {
    const outcome = this.options.configs.configFor(filePath);
    if (outcome.ok) return outcome.config;
    // Files read only for the model under a broken config: any valid config will do.
    for (const f of this.options.configs.workspaceFolders()) {
      const c = this.options.configs.configFor(f);
      if (c.ok) return c.config;
    }
    throw outcome.error;
  }
}

export interface LintSessionStats {
  /** Parses of open documents and files read from disk: from scratch, incremental. */
  parses: { full: number; incremental: number };
  /** Open documents holding a syntax tree. */
  liveDocumentTrees: number;
  /** Module lints run, and of those, relints of one function (function-relint.ts). */
  moduleLints: number;
  functionRelints: number;
  /** File summaries built, found in the cache, held, and spliced from the last one after an edit inside a function. */
  summaries: { built: number; reused: number; cached: number; spliced: number };
}

function tooLarge(bytes: number, limit: number): string {
  const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  return `Not linted: the file is ${mib(bytes)}, over the coinstallerLint.maxFileSize limit of ${mib(limit)}.`;
}

function copyEntryPoints(services: RuleServices | undefined): EntryPointInfo[] {
  const model = services?.installer as InstallerModelService | undefined;
  if (!model || !Array.isArray(model.entryPoints)) return [];
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

/** A lint session: open documents and files on disk, linted module by module, incrementally after edits. */
export function createLintSession(options: LintSessionOptions): LintSession {
  return new LintSession(options);
}
