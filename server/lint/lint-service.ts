/**
 * Lints the module a file belongs to, with open documents' text and trees (re-parsed
 * incrementally) and the other files from disk, and caches the outcome until an input changes:
 * a document version, a file on disk, or the configuration. The engine does the work
 * (Linter.lintModule); the installer model's SummaryCache keeps the summaries of unchanged files.
 */
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { type CppParser, differingRegion, editedTopLevelFunction, type EntryPointInfo, fileLanguage, type FileSummary, type InstallerModelService, isIgnored, languageOfPath, LineIndex, Linter, type LintMessage, type ModuleFileInput, type Outline, type ResolvedConfig, type RuleModule, type RuleServices, type ServiceProvider, spliceTopLevelSummary, type SummaryCache, type TextShift, topLevelOutline, unionShift, wasmBindingOf, wasmModuleObject } from '../../engine/index.js';
import type { OpenDocuments } from '../documents/open-documents.js';
import type { Logger } from '../logger.js';
import { commentOnlyEdit } from './comment-edit.js';
import type { ConfigStore } from './config-store.js';
import type { DiskFiles } from './disk-files.js';
import type { FileOutcome, ModuleOutcome } from './file-outcome.js';
import { isFixNeutralEdit } from './fix-neutral-edit.js';
import { functionShift, knownNames, mergeRelinted, planRelint, relintBases } from './function-relint.js';
import { moduleInputs } from './module-inputs.js';
import { shiftEntryPoints, shiftMessages } from './shift-outcome.js';

export interface LintServiceOptions {
  rules: ReadonlyMap<string, RuleModule>;
  parser: CppParser;
  documents: OpenDocuments;
  disk: DiskFiles;
  configs: ConfigStore;
  logger: Logger;
  /** The installer model's provider (with its summary cache). */
  modelProvider: ServiceProvider;
  /** The cache `modelProvider` reads summaries from: given, a keystroke inside a function relints that function only. */
  summaryCache?: SummaryCache;
  /** The module a file belongs to. */
  locateModule: (filePath: string) => { root: string; files: string[] };
}

export class LintService {
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

  constructor(private readonly options: LintServiceOptions) {
    const capture: ServiceProvider = (files, settings) => {
      const services = options.modelProvider(files, settings);
      this.capturedServices = services;
      return services;
    };
    this.linter = new Linter({
      rules: options.rules,
      parser: options.parser,
      serviceProviders: [capture],
      onRuleError: (ruleId, filePath, error) =>
        options.logger.warnOnce(
          `rule:${ruleId}`,
          `Rule ${ruleId} failed on ${filePath}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)} (logged once; the other rules ran)`,
        ),
    });
  }

  /** Frees the linter's compiled queries (the parser is the session's). */
  dispose(): void {
    this.linter.dispose();
  }

  get rules(): ReadonlyMap<string, RuleModule> {
    return this.options.rules;
  }

  /** The module of a file (cached until files are created or deleted). */
  moduleOf(filePath: string): { root: string; files: string[] } {
    let located = this.modules.get(filePath);
    if (!located) {
      located = this.options.locateModule(filePath);
      if (!located.files.includes(filePath)) located = { root: located.root, files: [...located.files, filePath] };
      this.modules.set(filePath, located);
    }
    return located;
  }

  /** Files on disk changed: forget them (and module membership when files came or went). */
  diskChanged(paths: readonly string[], created: boolean): void {
    for (const p of paths) {
      this.options.disk.invalidate(p);
      this.diskVersions.set(p, (this.diskVersions.get(p) ?? 0) + 1);
    }
    if (created) this.modules.clear();
  }

  /** Forgets every cached result (config or settings changed). */
  invalidateAll(): void {
    this.outcomes.clear();
  }

  /** The outcome for one file, linting its module if anything changed. */
  /** C/C++ and INF files are linted; anything else a client sends is left alone. */
  isLintable(filePath: string): boolean {
    return languageOfPath(filePath) !== null;
  }

  lintFile(filePath: string): FileOutcome {
    if (!this.isLintable(filePath)) {
      // Not C/C++ or INF (a client that sends every file): nothing to say about it.
      const doc = this.options.documents.byPath(filePath);
      return { filePath, version: doc?.version ?? null, lineIndex: doc?.lineIndex ?? new LineIndex(''), messages: [], resultId: 'none' };
    }
    const module = this.lintModuleOf(filePath, [filePath]);
    return module.files.get(filePath)!;
  }

  /** The cached outcome of a file if it is still current. */
  cachedFile(filePath: string): FileOutcome | undefined {
    const module = this.moduleOf(filePath);
    const outcome = this.outcomes.get(module.root);
    if (!outcome || outcome.key !== this.keyOf(module)) return undefined;
    return outcome.files.get(filePath);
  }

  /** The installer model of a file's module, if its last lint is still current. */
  currentModel(filePath: string): InstallerModelService | undefined {
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
  entryPointsOf(filePath: string): EntryPointInfo[] {
    return this.outcomes.get(this.moduleOf(filePath).root)?.entryPoints ?? [];
  }

  /**
   * Lints a module, reporting `wanted` and every open document of it. Files reported by an
   * earlier lint (the workspace index reports them all) are not carried over: a keystroke lints
   * the open files only, while every file of the module still feeds the model.
   */
  lintModuleOf(filePath: string, wanted: readonly string[]): ModuleOutcome {
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
    for (const f of module.files) if (this.options.documents.byPath(f)) report.add(f);
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
    const { documents, parser } = this.options;
    let edited: string | undefined;
    for (const f of module.files) {
      const doc = documents.byPath(f);
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
      const doc = documents.byPath(edited)!;
      if (cached.files.get(edited)?.notice || this.overSizeLimit(edited, doc.text)) return undefined;
      const moved = commentOnlyEdit(cached.texts.get(edited)!, doc.text, doc.tree.treeFor(parser, doc.text).rootNode);
      if (!moved) return undefined;
      shift = moved;
      texts.set(edited, doc.text);
    }
    const runId = ++this.runCount;
    const files = new Map<string, FileOutcome>();
    for (const [f, o] of cached.files) {
      const doc = documents.byPath(f);
      const messages = edited === undefined ? o.messages : shiftMessages(o.messages, f, edited, shift, documents.byPath(edited)!.lineIndex);
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
    const { documents, parser, summaryCache } = this.options;
    const doc = documents.byPath(edited)!;
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
    const oldSummary = base && this.options.summaryCache?.get(edited, oldText);
    const edit = base && oldSummary ? this.spliceEdit(edited, oldText, base, oldSummary) : undefined;
    if (edit) next.set(edited, { blanked: this.options.documents.byPath(edited)!.tree.blanked, outline: edit.outline });
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
    const parts = module.files.map((f) => (this.options.documents.byPath(f) ? 'open' : `d${this.diskVersions.get(f) ?? 0}`));
    return `${this.options.configs.generation}:${parts.join(',')}`;
  }

  private keyOf(module: { root: string; files: string[] }): string {
    const versions = module.files.map((f) => {
      const doc = this.options.documents.byPath(f);
      return doc ? `v${doc.version}` : `d${this.diskVersions.get(f) ?? 0}`;
    });
    return `${this.options.configs.generation}:${versions.join(',')}`;
  }

  private run(module: { root: string; files: string[] }, key: string, report: Set<string>): ModuleOutcome {
    const { documents, disk, configs, parser } = this.options;
    const files = new Map<string, FileOutcome>();
    const inputs: ModuleFileInput[] = [];
    const meta = new Map<string, { version: number | null; lineIndex: LineIndex }>();
    const texts = new Map<string, string>();
    const runId = ++this.runCount;
    // Result ids are per document: the run that produced a result names it.
    const resultId = (_f: string) => `r${runId}`;
    const notice = (f: string, version: number | null, lineIndex: LineIndex, message: string, severity: DiagnosticSeverity) => {
      files.set(f, { filePath: f, version, lineIndex, messages: [], notice: { message, severity }, resultId: resultId(f) });
    };

    for (const f of module.files) {
      const reported = report.has(f);
      const language = fileLanguage(f);
      const doc = documents.byPath(f);
      const settings = configs.settingsFor(f);
      let text: string;
      let version: number | null = null;
      let tree;
      if (doc) {
        text = doc.text;
        version = doc.version;
        texts.set(f, text);
        if (Buffer.byteLength(text, 'utf8') > settings.maxFileSize) {
          if (reported) notice(f, version, doc.lineIndex, tooLarge(Buffer.byteLength(text, 'utf8'), settings.maxFileSize), DiagnosticSeverity.Information);
          continue;
        }
        if (language === 'cpp') tree = doc.tree.treeFor(parser, text);
      } else {
        const entry = disk.get(f);
        if (!entry.read.ok) {
          if (reported) {
            const severity = entry.read.kind === 'unreadable' ? DiagnosticSeverity.Error : DiagnosticSeverity.Information;
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
          notice(f, version, lineIndex, `Not linted: the configuration is invalid (${where}): ${config.error.problem}`, DiagnosticSeverity.Warning);
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
        this.options.logger.error(`Linting ${module.root} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        for (const i of inputs) {
          if (!i.report) continue;
          const m = meta.get(i.filePath)!;
          notice(i.filePath, m.version, m.lineIndex, `coinstaller-lint failed on this module: ${error instanceof Error ? error.message : String(error)}`, DiagnosticSeverity.Error);
        }
      } finally {
        this.capturedServices = undefined;
      }
    }
    const bases = this.options.summaryCache ? relintBases(module.files, documents) : undefined;
    return { root: module.root, key, files, entryPoints, model, inputs: this.inputsOf(module), texts, bases };
  }

  /**
   * The last outcome brought up to date after a keystroke inside the body of one function of one
   * open document, by relinting that function only (function-relint.ts); undefined when a full lint
   * is needed. The spliced summary is cached even then: the full lint does not walk the file again.
   */
  private relintedFunction(module: { root: string; files: string[] }, key: string, cached: ModuleOutcome): ModuleOutcome | undefined {
    const { documents, parser, summaryCache } = this.options;
    // (after a comment edit the results were moved and the bases advanced: the relint works from them)
    if (!summaryCache || !cached.bases || cached.inputs !== this.inputsOf(module)) return undefined;
    let edited: string | undefined;
    for (const f of module.files) {
      const doc = documents.byPath(f);
      if (!doc || cached.texts.get(f) === doc.text) continue;
      if (edited !== undefined || languageOfPath(f) !== 'cpp') return undefined;
      edited = f;
    }
    const oldText = edited !== undefined ? cached.texts.get(edited) : undefined;
    const base = edited !== undefined ? cached.bases.get(edited) : undefined;
    const before = edited !== undefined ? cached.files.get(edited) : undefined;
    if (edited === undefined || oldText === undefined || !base || !before || before.notice) return undefined;
    if (this.overSizeLimit(edited, documents.byPath(edited)!.text)) return undefined;
    const oldSummary = summaryCache.get(edited, oldText);
    const doc = documents.byPath(edited)!;
    const text = doc.text;
    if (!oldSummary || text.includes('coinstaller-lint') || oldText.includes('coinstaller-lint')) return undefined;

    const inputs = moduleInputs(module.files, edited, documents, this.options.disk, parser);
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
  fixFile(filePath: string): { output: string; version: number | null } | null {
    const { documents, disk, parser, configs } = this.options;
    const config = configs.configFor(filePath);
    if (!config.ok || !configs.settingsFor(filePath).enable || isIgnored(config.config, filePath)) return null;
    const inputs = moduleInputs(this.moduleOf(filePath).files, filePath, documents, disk, parser);
    if (!inputs) return null;
    const version = documents.byPath(filePath)?.version ?? null;
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
