/**
 * A lint session: the documents a host (the language server) has open, the other files of their
 * modules read from disk, and the outcome of each module's last lint, kept until an input changes
 * (a document version, a file on disk, the configuration). A lint brings the outcome up to date by
 * the cheapest way that gives what a lint from scratch gives:
 * - nothing changed: the outcome as it is;
 * - a comment edit: the results moved over it (comment-edit-shift.ts);
 * - a keystroke inside one function's body: that function relinted (function-relint.ts);
 * - anything else: the module linted whole (full-module-lint.ts).
 * Protocol-free: the language server converts positions and outcomes (server/convert/).
 */
import { isIgnored } from '../config/ignores.js';
import type { RuleModule } from '../linter/types.js';
import type { EntryPointInfo, InstallerModelService } from '../model/contract.js';
import { discoverModule } from '../model/index.js';
import { isBuildFile, languageOfPath } from '../parsing/cpp-parser.js';
import { LineIndex } from '../text/line-index.js';
import type { ReadSourceResult } from '../text/source-file.js';
import { shiftedOverCommentEdit } from './comment-edit-shift.js';
import type { FileOutcome, ModuleOutcome, ModuleResults } from './file-outcome.js';
import { lintWholeModule } from './full-module-lint.js';
import { relintedFunction } from './function-relint.js';
import { moduleInputs } from './module-inputs.js';
import { type LintSessionOptions, type SessionModule, SessionState } from './session-state.js';
import type { SourceDocument, TextChange } from './source-document.js';

export type { LintSessionOptions } from './session-state.js';

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

/** A lint session: open documents and files on disk, linted module by module, incrementally after edits. */
export function createLintSession(options: LintSessionOptions): LintSession {
  return new LintSession(options);
}

export class LintSession {
  private readonly state: SessionState;
  private readonly modules = new Map<string, SessionModule>();
  private readonly outcomes = new Map<string, ModuleOutcome>();

  constructor(options: LintSessionOptions) {
    this.state = new SessionState(options);
  }

  /** Frees the linter's compiled queries and every syntax tree held (the parser stays the caller's). */
  dispose(): void {
    this.state.dispose();
  }

  get rules(): ReadonlyMap<string, RuleModule> {
    return this.state.options.rules;
  }

  /** Opens a document: from now on its text stands for the file on disk. */
  open(filePath: string, text: string, version: number): SourceDocument {
    return this.state.documents.open(filePath, text, version);
  }

  /** Changes an open document: the whole new text, or changes in order (UTF-16 offsets). */
  update(filePath: string, changes: string | readonly TextChange[], version: number): SourceDocument | undefined {
    const doc = this.state.documents.get(filePath);
    doc?.apply(typeof changes === 'string' ? [{ text: changes }] : changes, version);
    return doc;
  }

  /**
   * Closes a document (with `doc`, only when it is the one open there): the file is read from disk
   * again, which may differ from the closed editor's text.
   */
  close(filePath: string, doc?: SourceDocument): void {
    this.state.documents.close(filePath, doc);
    this.filesChanged([filePath], false);
  }

  /** The open document of a file. */
  document(filePath: string): SourceDocument | undefined {
    return this.state.documents.get(filePath);
  }

  /** A file as read from disk (cached until filesChanged names it). */
  fileOnDisk(filePath: string): ReadSourceResult {
    return this.state.disk.get(filePath).read;
  }

  /** Frees the syntax trees of files read from disk (their text is kept); they are parsed again when needed. */
  releaseTrees(paths: Iterable<string>): void {
    this.state.disk.releaseTrees(paths);
  }

  /** What the session did so far: parses, lints, summaries. */
  stats(): LintSessionStats {
    const { documents, counting } = this.state;
    return {
      parses: { ...documents.parseCounts },
      liveDocumentTrees: documents.liveTrees(),
      moduleLints: this.state.lintCount,
      functionRelints: this.state.functionRelints,
      summaries: { built: counting.misses, reused: counting.hits, cached: counting.size, spliced: this.state.splicedSummaries },
    };
  }

  /** The module of a file (cached until files are created or deleted). */
  moduleOf(filePath: string): SessionModule {
    let located = this.modules.get(filePath);
    if (!located) {
      located = (this.state.options.locateModule ?? discoverModule)(filePath);
      if (!located.files.includes(filePath)) located = { root: located.root, files: [...located.files, filePath] };
      this.modules.set(filePath, located);
    }
    return located;
  }

  /** Files on disk changed: forget them (and module membership when files came or went). */
  filesChanged(paths: readonly string[], created: boolean): void {
    for (const p of paths) {
      this.state.disk.invalidate(p);
      this.state.diskVersions.set(p, (this.state.diskVersions.get(p) ?? 0) + 1);
    }
    // a new file, or an edited build file, may change which files make each module
    if (created || paths.some((p) => isBuildFile(p))) this.modules.clear();
  }

  /** Forgets every cached result (config or settings changed). */
  invalidateAll(): void {
    this.outcomes.clear();
  }

  /** C/C++, INF and build files are linted; anything else a client sends is left alone. */
  isLintable(filePath: string): boolean {
    return languageOfPath(filePath) !== null || isBuildFile(filePath);
  }

  /** Every lintable file of a module (C/C++, INF, build files). */
  reportableFiles(filePath: string): string[] {
    return this.moduleOf(filePath).files.filter((f) => this.isLintable(f));
  }

  /** The outcome for one file, linting its module if anything changed. */
  lint(filePath: string): FileOutcome {
    if (!this.isLintable(filePath)) {
      // Not C/C++ or INF (a client that sends every file): nothing to say about it.
      const doc = this.state.documents.get(filePath);
      return { filePath, version: doc?.version ?? null, lineIndex: doc?.lineIndex ?? new LineIndex(''), messages: [], resultId: 'none' };
    }
    return this.lintModule(filePath, [filePath]).files.get(filePath)!;
  }

  /** The cached outcome of a file if it is still current. */
  cached(filePath: string): FileOutcome | undefined {
    const module = this.moduleOf(filePath);
    const outcome = this.outcomes.get(module.root);
    if (!outcome || outcome.key !== this.state.keyOf(module)) return undefined;
    return outcome.files.get(filePath);
  }

  /** The installer model of a file's module, if its last lint is still current. */
  model(filePath: string): InstallerModelService | undefined {
    const module = this.moduleOf(filePath);
    const key = this.state.keyOf(module);
    let outcome = this.outcomes.get(module.root);
    if (!outcome || outcome.key !== key) return undefined;
    if (outcome.shifted) {
      // the findings were moved over a comment edit; the model needs the real lint
      outcome = lintWholeModule(this.state, module, key, new Set(outcome.files.keys()));
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
    const module = this.moduleOf(filePath);
    const key = this.state.keyOf(module);
    const cached = this.outcomes.get(module.root);
    if (cached && wanted.every((w) => cached.files.has(w))) {
      if (cached.key === key) return cached;
      const moved = shiftedOverCommentEdit(this.state, module, key, cached) ?? relintedFunction(this.state, module, key, cached);
      if (moved) {
        this.outcomes.set(module.root, moved);
        return moved;
      }
    }
    const report = new Set(wanted);
    for (const f of module.files) if (this.state.documents.get(f)) report.add(f);
    // Same inputs, more files wanted: report the earlier ones too, so that nothing is lost.
    if (cached && cached.key === key) for (const f of cached.files.keys()) report.add(f);
    const outcome = lintWholeModule(this.state, module, key, report);
    this.outcomes.set(module.root, outcome);
    return outcome;
  }

  /**
   * The text of a file with every fix of its module's lint applied (pass after pass), or null when
   * nothing changes or the file cannot be linted.
   */
  fix(filePath: string): { output: string; version: number | null } | null {
    const { documents, disk, parser, configs, linter } = this.state;
    const config = configs.configFor(filePath);
    if (!config.ok || !configs.settingsFor(filePath).enable || isIgnored(config.config, filePath)) return null;
    const inputs = moduleInputs(this.moduleOf(filePath).files, filePath, documents, disk, parser, this.state.conditionsOf(this.moduleOf(filePath).files));
    if (!inputs) return null;
    const version = documents.get(filePath)?.version ?? null;
    const result = linter.fixModule(inputs, (f) => this.state.configOrDefault(f)).find((r) => r.filePath === filePath);
    return result && result.fixed ? { output: result.output, version } : null;
  }
}
