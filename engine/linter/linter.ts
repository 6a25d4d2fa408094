/**
 * The linter: parses the files of a module once, asks the service providers (the installer
 * model) for what the rules may query, runs the configured rules over each requested file,
 * applies inline directives, and frees every tree before it returns.
 */
import { Query, type Language, type Node, type Tree } from 'web-tree-sitter';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { isBuildFile, languageOfPath, type CppParser } from '../parsing/cpp-parser.js';
import type { LineIndex } from '../text/line-index.js';
import type { SourceCode } from './source-code.js';
import type { BuildLookup } from './module-conditions.js';
import { pathFromRoot } from '../syntax/ancestors.js';
import { parseInputs, withNotices } from './parse-inputs.js';
import { applyModuleFixes } from './apply-fixes.js';
import { buildComments, cppComment, semicolonComments } from './comments.js';
import { buildDiagnosticMessages } from './build-files.js';
import { applyDirectives, parseDirectives, type Comment, type UnusedDirective } from './directives.js';
import { moduleFilesService } from './module-files.js';
import { createRuleContext, type RuleRun } from './rule-context.js';
import { dispatchQuerySource, traverse, traverseCaptures, traverseNamedTypes, type Dispatch } from './traverse.js';
import type {
  FileLanguage,
  LintMessage,
  OffsetRange,
  RuleModule,
  RuleServices,
  Severity,
  SharedSettings,
} from './types.js';

export interface ParsedFile {
  filePath: string;
  language: FileLanguage;
  /** For C/C++ files `sourceCode.tree` is set; it is freed when the lint of the module ends. */
  sourceCode: SourceCode;
}

/** Builds services (the installer model, ...) from all the parsed files of one module: `settings` of its first reported file, `settingsOf` of any of its files. */
export type ServiceProvider = (moduleFiles: readonly ParsedFile[], settings: SharedSettings, settingsOf?: (filePath: string) => SharedSettings) => RuleServices;

export interface ModuleFileInput {
  filePath: string;
  text: string;
  /** False for files read only for the model (other files of the module); default true. */
  report?: boolean;
  /** Whether a fix may edit the file (RuleServices.files.isEditable); default: `report`. */
  editable?: boolean;
  /**
   * A tree the caller already parsed from `text` with CppParser.parse (for example incrementally,
   * in the language server). The caller keeps ownership: the linter does not free it.
   */
  tree?: Tree;
  /** The text's line index, when the caller has one (saves building it again). */
  lineIndex?: LineIndex;
}

export interface LinterOptions {
  rules: ReadonlyMap<string, RuleModule>;
  parser: CppParser;
  serviceProviders?: readonly ServiceProvider[];
  /** Told once per rule and file when a rule throws; the other rules go on. */
  onRuleError?: (ruleId: string, filePath: string, error: unknown) => void;
  /** The build of a file, for `settings.configuration` (module-conditions.ts); without it, settings.defines only. */
  buildOf?: BuildLookup;
}

export interface FileLintResult {
  filePath: string;
  messages: LintMessage[];
  /**
   * Set when the file was linted only within some ranges (LintModuleOptions.within): the rules
   * listed in `completeRules` (those listening to Program only) ran on the whole file; the
   * messages of the others are those inside the ranges.
   */
  partial?: {
    completeRules: ReadonlySet<string>;
    /** The messages reported by Program:exit listeners (after the walk: last among equal ranges). */
    afterWalk: ReadonlySet<LintMessage>;
  };
}

export interface LintModuleOptions {
  /**
   * Per file, the children of the root to walk (by their exact ranges): node listeners run only
   * on the nodes inside them, Program listeners as usual. For the language server's relint of one
   * function (a file whose text names the tool, for directives, is linted whole).
   */
  within?: ReadonlyMap<string, readonly OffsetRange[]>;
}

export interface FileFixResult extends FileLintResult {
  output: string;
  fixed: boolean;
}

/** ESLint's limit: fixes that keep producing new fixes stop after this many passes. */
const MAX_FIX_PASSES = 10;

export class Linter {
  /** Dispatch queries by language and listener keys (compiling one costs milliseconds); freed by dispose(). */
  private readonly queries = new Map<Language, Map<string, Query | null>>();

  constructor(private readonly options: LinterOptions) {}

  /** Frees the queries the linter compiled (the parser stays the caller's). */
  dispose(): void {
    for (const byLanguage of this.queries.values()) for (const q of byLanguage.values()) q?.delete();
    this.queries.clear();
  }

  get rules(): ReadonlyMap<string, RuleModule> {
    return this.options.rules;
  }

  /** Lints one module: every input is parsed and given to the providers; only `report` files are linted. */
  lintModule(inputs: readonly ModuleFileInput[], configFor: (filePath: string) => ResolvedConfig, options: LintModuleOptions = {}): FileLintResult[] {
    return this.lintModuleWithServices(inputs, configFor, options).results;
  }

  /**
   * lintModule, with the services the providers built for the module: the language server keeps
   * the installer model of its last lint for hovers (engine/incremental/). The services hold no
   * tree-sitter object; the trees are freed before this returns.
   */
  lintModuleWithServices(
    inputs: readonly ModuleFileInput[],
    configFor: (filePath: string) => ResolvedConfig,
    options: LintModuleOptions = {},
  ): { results: FileLintResult[]; services: RuleServices } {
    const parsed = parseInputs(inputs, this.options.parser, configFor, this.options.buildOf);
    const files = moduleFilesService(
      parsed.map((p) => p.file),
      new Set(inputs.filter((i) => i.editable ?? i.report !== false).map((i) => i.filePath)),
    );
    try {
      // the linter's own service last: a provider cannot replace it
      const services: RuleServices = { ...this.provideServices(parsed.map((p) => p.file), inputs, configFor), files };
      const results: FileLintResult[] = [];
      parsed.forEach(({ file, notice }, i) => {
        if (inputs[i].report === false) return;
        const within = options.within?.get(file.filePath);
        results.push(withNotices(this.lintParsed(file, configFor(file.filePath), services, within), file, notice, services));
      });
      return { results, services };
    } finally {
      files.close();
      for (const p of parsed) p.tree?.delete();
    }
  }

  /** Lints one text as a module of its own. */
  lintText(text: string, filePath: string, config: ResolvedConfig): LintMessage[] {
    return this.lintModule([{ filePath, text }], () => config)[0].messages;
  }

  /**
   * Lints and applies fixes, pass after pass, until nothing more changes (at most 10 passes).
   * The messages returned are those of the fixed text. A cross-file fix is applied with all its
   * edits or none in a pass (apply-fixes.ts applyModuleFixes); only reported files are edited.
   */
  fixModule(inputs: readonly ModuleFileInput[], configFor: (filePath: string) => ResolvedConfig): FileFixResult[] {
    let current = inputs.map((i) => ({ ...i }));
    const changed = new Set<string>();
    let results = this.lintModule(current, configFor);
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const fixes = results.flatMap((r) => r.messages.flatMap((m) => (m.fix ? [{ filePath: r.filePath, fix: m.fix }] : [])));
      if (fixes.length === 0) break;
      // only reported files have results to carry their output: a fix that edits another is not applied
      const texts = new Map(current.filter((i) => i.report !== false).map((i) => [i.filePath, i.text]));
      const { outputs } = applyModuleFixes(texts, fixes);
      let any = false;
      current = current.map((input) => {
        const output = outputs.get(input.filePath);
        if (output === undefined || output === input.text) return input;
        any = true;
        changed.add(input.filePath);
        return { ...input, text: output, tree: undefined, lineIndex: undefined };
      });
      if (!any) break;
      results = this.lintModule(current, configFor);
    }
    return results.map((r) => {
      const text = current.find((c) => c.filePath === r.filePath)!.text;
      return { ...r, output: text, fixed: changed.has(r.filePath) };
    });
  }

  private provideServices(
    files: ParsedFile[],
    inputs: readonly ModuleFileInput[],
    configFor: (filePath: string) => ResolvedConfig,
  ): RuleServices {
    const providers = this.options.serviceProviders ?? [];
    if (providers.length === 0 || files.length === 0) return {};
    const first = inputs.find((i) => i.report !== false) ?? inputs[0];
    const settings = configFor(first.filePath).settings;
    // a file whose configuration cannot be read has the module's settings (its own lint reports the error)
    const settingsOf = (filePath: string): SharedSettings => {
      try {
        return configFor(filePath).settings;
      } catch {
        return settings;
      }
    };
    // each provider's services over the previous ones' (a later one may replace a service)
    return providers.reduce<RuleServices>((services, provide) => ({ ...services, ...provide(files, settings, settingsOf) }), {});
  }

  private lintParsed(file: ParsedFile, config: ResolvedConfig, services: RuleServices, within?: readonly OffsetRange[]): FileLintResult {
    const { sourceCode, filePath, language } = file;
    // directives may sit anywhere and reach anywhere: a file whose text names the tool is linted whole
    let ranges = within && sourceCode.ast && !sourceCode.text.includes('coinstaller-lint') ? within : undefined;
    const walked = ranges && childrenAt(sourceCode.ast!, ranges);
    if (!walked) ranges = undefined;
    const completeRules = new Set<string>();
    const messages: LintMessage[] = [];
    const failed = new Set<string>();
    const enter = new Map<string, ((node: Node) => void)[]>();
    const exit = new Map<string, ((node: Node) => void)[]>();
    const add = (map: Map<string, ((node: Node) => void)[]>, key: string, fn: (node: Node) => void) => {
      const list = map.get(key);
      if (list) list.push(fn);
      else map.set(key, [fn]);
    };
    const guard = (ruleId: string, fn: (node: Node) => void) => (node: Node) => {
      if (failed.has(ruleId)) return;
      try {
        fn(node);
      } catch (error) {
        failed.add(ruleId);
        this.ruleFailed(ruleId, filePath, error, messages);
      }
    };

    // a rule listening to Program and to nodes could carry what it saw in one to the other
    let mixed = false;
    let exitFrom = -1;
    for (const run of this.activeRules(config, language)) {
      let listener;
      try {
        const context = createRuleContext(run, filePath, sourceCode, config.settings, services, (m) => messages.push(m));
        listener = run.rule.create(context);
      } catch (error) {
        this.ruleFailed(run.id, filePath, error, messages);
        continue;
      }
      const keys = Object.keys(listener).filter((k) => listener[k]);
      // a rule that listens to Program only sees the whole file even when the walk is partial
      const onProgram = keys.filter((k) => k === 'Program' || k === 'Program:exit').length;
      if (onProgram === keys.length) completeRules.add(run.id);
      else if (onProgram > 0) mixed = true;
      for (const [key, fn] of Object.entries(listener)) {
        if (!fn) continue;
        if (key.endsWith(':exit')) add(exit, key.slice(0, -5), guard(run.id, fn));
        else add(enter, key, guard(run.id, fn));
      }
    }

    const comments: Comment[] = [];
    const root = sourceCode.ast;
    if (root) {
      // comments matter only for directives, and every directive spells the tool's name
      if (sourceCode.text.includes('coinstaller-lint')) add(enter, 'comment', (node) => comments.push(cppComment(node)));
      for (const fn of enter.get('Program') ?? []) fn(root);
      // named node types only, no exit listeners: one descendantsOfType walk inside WASM
      if (mixed) ranges = undefined;
      for (const node of ranges && walked ? walked : [root]) this.walk(node, enter, exit);
      exitFrom = messages.length;
      for (const fn of exit.get('Program') ?? []) fn(root);
    } else {
      comments.push(...(language === 'build' ? buildComments(filePath, sourceCode.text) : semicolonComments(sourceCode.text)));
      if (language === 'build') messages.push(...buildDiagnosticMessages(services.build, filePath, sourceCode));
      for (const fn of enter.get('Program') ?? []) fn(null as unknown as Node);
      for (const fn of exit.get('Program') ?? []) fn(null as unknown as Node);
    }

    if (ranges) {
      // the messages of partial rules are those inside the ranges (by construction; made sure of here)
      const inside = (m: LintMessage) => ranges.some(([start, end]) => m.range[0] >= start && m.range[1] <= end);
      const kept = messages.filter((m) => m.fatal || (m.ruleId !== null && completeRules.has(m.ruleId)) || inside(m));
      const afterWalk = new Set(exitFrom >= 0 ? messages.slice(exitFrom) : []);
      kept.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
      return { filePath, messages: kept, partial: { completeRules, afterWalk } };
    }
    messages.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
    const directives = parseDirectives(comments, sourceCode.lineIndex);
    if (directives.length === 0) return { filePath, messages };
    const { kept, unused } = applyDirectives(messages, directives, sourceCode.lineIndex, (id) => this.options.rules.has(id));
    const severity = config.reportUnusedDisableDirectives;
    if (severity !== 0) kept.push(...unused.map((u) => unusedDirectiveMessage(u, severity, sourceCode)));
    kept.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
    return { filePath, messages: kept };
  }

  /** Calls the listeners on `node` and every node under it, in document order. */
  private walk(node: Node, enter: Dispatch, exit: Dispatch): void {
    // named node types only, no exit listeners: one descendantsOfType walk inside WASM
    const exitOnNodes = [...exit.keys()].some((k) => k !== 'Program');
    if (exitOnNodes || !traverseNamedTypes(node, enter)) {
      const query = this.dispatchQuery(node, enter, exit);
      if (query) traverseCaptures(node, enter, query);
      else traverse(node, enter, exit);
    }
  }

  private dispatchQuery(root: Node, enter: Dispatch, exit: Dispatch): Query | null {
    const language = root.tree.language;
    let byLanguage = this.queries.get(language);
    if (!byLanguage) this.queries.set(language, (byLanguage = new Map<string, Query | null>()));
    // the same rules give the same listener keys, file after file: look the query up by them
    const keys = `${[...enter.keys()].join(',')}|${[...exit.keys()].join(',')}`;
    let query = byLanguage.get(keys);
    if (query === undefined) {
      const source = dispatchQuerySource(language, enter, exit);
      query = null;
      if (source !== undefined) {
        try {
          query = new Query(language, source);
        } catch {
          query = null;
        }
      }
      byLanguage.set(keys, query);
    }
    return query;
  }

  private *activeRules(config: ResolvedConfig, language: FileLanguage): Iterable<RuleRun> {
    for (const [id, ruleConfig] of Object.entries(config.rules)) {
      if (ruleConfig.severity === 0) continue;
      const rule = this.options.rules.get(id);
      if (!rule || !(rule.languages ?? ['cpp']).includes(language)) continue;
      yield { id, rule, severity: ruleConfig.severity, options: ruleConfig.options };
    }
  }

  private ruleFailed(ruleId: string, filePath: string, error: unknown, messages: LintMessage[]): void {
    this.options.onRuleError?.(ruleId, filePath, error);
    const text = error instanceof Error ? error.message : String(error);
    messages.push({
      ruleId,
      severity: 2,
      fatal: true,
      message: `Internal error in rule ${ruleId}: ${text}`,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      range: [0, 0],
    });
  }
}

/** The children of `root` with exactly these ranges (in the order given), or undefined when one is missing. */
function childrenAt(root: Node, ranges: readonly OffsetRange[]): Node[] | undefined {
  const out: Node[] = [];
  for (const [start, end] of ranges) {
    const leaf = root.descendantForIndex(start, Math.max(start, end - 1));
    // the root's child that holds it: one walk down (engine/syntax/ancestors.ts), not Node.parent in a loop
    const node = leaf ? pathFromRoot(leaf)[1] : undefined;
    if (!node || node.startIndex !== start || node.endIndex !== end) return undefined;
    out.push(node);
  }
  return out;
}

export function fileLanguage(filePath: string): FileLanguage {
  if (filePath.toLowerCase().endsWith('.def')) return 'def';
  if (isBuildFile(filePath)) return 'build';
  return languageOfPath(filePath) ?? 'cpp';
}

function unusedDirectiveMessage(u: UnusedDirective, severity: Exclude<Severity, 0>, sourceCode: SourceCode): LintMessage {
  const { range } = u.directive.comment;
  const parts: string[] = [];
  const unusedKnown = u.rules.filter((r) => r === null || !u.unknownRules.includes(r));
  if (unusedKnown.length > 0) {
    parts.push(
      unusedKnown[0] === null
        ? 'Unused coinstaller-lint directive (no problems were reported).'
        : `Unused coinstaller-lint directive (no problems were reported from ${unusedKnown.map((r) => `'${r}'`).join(', ')}).`,
    );
  }
  for (const r of u.unknownRules) parts.push(`Unknown rule '${r}' in coinstaller-lint directive.`);
  const start = sourceCode.getLocFromIndex(range[0]);
  const end = sourceCode.getLocFromIndex(range[1]);
  const message: LintMessage = {
    ruleId: null,
    severity,
    message: parts.join(' '),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    range,
  };
  if (u.fix) message.fix = u.fix;
  return message;
}
