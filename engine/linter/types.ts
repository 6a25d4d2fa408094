/**
 * The public types of the rule engine: rule modules (ESLint-shaped), reports, fixes and
 * lint results. Everything the CLI, the language server and the rules agree on lives here.
 *
 * Offsets are JavaScript string indices (UTF-16 code units) into the decoded text; lines and
 * columns in results are 1-based, columns in UTF-16 code units, as ESLint reports them.
 */
import type { Node } from 'web-tree-sitter';
import type { InstallerModelService } from '../model/contract.js';
import type { BuildFilesService } from './build-files.js';
import type { SourceCode } from './source-code.js';

export type Severity = 0 | 1 | 2;
export type SeverityName = 'off' | 'warn' | 'error';
export type RuleLevel = Severity | SeverityName;
/** A rule's entry in a config: a level, or a level followed by options. */
export type RuleEntry = RuleLevel | [RuleLevel, ...unknown[]];

/** A half-open range of offsets [start, end) into the decoded text. */
export type OffsetRange = readonly [number, number];

/** A 1-based line and column (UTF-16 code units), as ESLint writes them. */
export interface Position {
  line: number;
  column: number;
}

export interface SourceLocation {
  start: Position;
  end: Position;
}

/** One text edit: replace `range` with `text`. */
export interface Fix {
  range: OffsetRange;
  text: string;
  /**
   * When a rule returned several edits: each of them (sorted, not overlapping). `range` and `text`
   * are their merge (the text between them copied), as ESLint writes a fix; an editor can apply
   * these instead and leave the text between them alone.
   */
  edits?: readonly { range: OffsetRange; text: string }[];
  /**
   * The fix's title (a code action's title, the CLI's suggestion text), from the report's
   * `fixMessageId`: "Move ShowFirmwareWarning() into a finish-install action". Without it,
   * editors name the fix after the message.
   */
  desc?: string;
  /**
   * Edits of the same fix in other files of the module (a cross-file fix): applied together with
   * this file's edits, or not at all. When the fix changes only other files, `range` is empty
   * ([0, 0]) and `text` is ''.
   */
  otherFiles?: readonly FileEdits[];
}

/** A cross-file fix's edits in one other file of the module (Fix.otherFiles). */
export interface FileEdits {
  filePath: string;
  /** Sorted, not overlapping; offsets into that file's text as the lint read it. */
  edits: readonly { range: OffsetRange; text: string }[];
}

/**
 * One edit as a rule's fix function returns it: in the reported file, or, with `filePath`, in
 * another file of the module (found through RuleServices.files). The linter merges them into one
 * Fix (engine/linter/fixer.ts mergeFixes).
 */
export interface RuleEdit extends Fix {
  filePath?: string;
}

export interface SuggestionResult {
  messageId?: string;
  desc: string;
  fix: Fix;
  data?: Record<string, unknown>;
}

/** A place that explains a finding: a step of a call chain, a read of the same state, ... */
export interface RelatedLocation {
  filePath: string;
  message: string;
  /** 1-based, as in LintMessage. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offsets into that file's text, when known. */
  range?: OffsetRange;
}

export interface LintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  messageId?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offsets of the reported range, for editors. */
  range: OffsetRange;
  fix?: Fix;
  suggestions?: { desc: string; messageId?: string; fix: Fix }[];
  related?: RelatedLocation[];
  /** True for problems in the file itself (parse failure, unreadable file) rather than findings. */
  fatal?: boolean;
}

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** Set by --fix / fix mode when fixes were applied: the fixed text. */
  output?: string;
  /** The decoded text the positions refer to (not serialised by the JSON formatter). */
  source?: string;
}

// ---------------------------------------------------------------------------------------------
// Rule modules

export interface RuleDocs {
  description: string;
  /** The section of Microsoft's page the rule enforces, e.g. "Displaying a user interface". */
  guideline: string;
  url: string;
  recommended: boolean;
}

export interface RuleMeta<MessageIds extends string = string> {
  type: 'problem' | 'suggestion';
  docs: RuleDocs;
  messages: Record<MessageIds, string>;
  fixable?: 'code';
  hasSuggestions?: boolean;
  /** JSON Schema for the options array (an array of item schemas, or one schema for the array). */
  schema: unknown[] | Record<string, unknown>;
  /** Default options, merged under the configured ones. */
  defaultOptions?: unknown[];
}

export interface ReportDescriptorBase<MessageIds extends string> {
  messageId: MessageIds;
  data?: Record<string, unknown>;
  fix?: (fixer: RuleFixer) => RuleEdit | RuleEdit[] | Iterable<RuleEdit> | null | undefined;
  /** The fix's title (Fix.desc), a message of meta.messages interpolated with `fixData` (default `data`). */
  fixMessageId?: MessageIds;
  fixData?: Record<string, unknown>;
  suggest?: {
    messageId?: MessageIds;
    desc?: string;
    data?: Record<string, unknown>;
    fix: (fixer: RuleFixer) => RuleEdit | RuleEdit[] | Iterable<RuleEdit> | null | undefined;
  }[];
  related?: RelatedLocation[];
}

export type ReportDescriptor<MessageIds extends string> = ReportDescriptorBase<MessageIds> &
  ({ node: Node; loc?: undefined } | { node?: undefined; loc: OffsetRange | SourceLocation });

export interface RuleFixer {
  insertTextBefore(nodeOrRange: Node | OffsetRange, text: string): Fix;
  insertTextAfter(nodeOrRange: Node | OffsetRange, text: string): Fix;
  insertTextBeforeRange(range: OffsetRange, text: string): Fix;
  insertTextAfterRange(range: OffsetRange, text: string): Fix;
  replaceText(nodeOrRange: Node | OffsetRange, text: string): Fix;
  replaceTextRange(range: OffsetRange, text: string): Fix;
  remove(nodeOrRange: Node | OffsetRange): Fix;
  removeRange(range: OffsetRange): Fix;
}

/**
 * Services a rule can ask for, built once per module by the host's ServiceProviders
 * (engine/linter/linter.ts). A service the host did not provide is `undefined`: the rule falls
 * back to what the file alone shows, or stays silent rather than guess.
 */
export interface RuleServices {
  /**
   * The installer model of the module (engine/model/contract.ts). Optional rather than a stand-in
   * that answers nothing: without the model the rules read one file differently (entry points by
   * prototype, every site flagged), and an empty model would read as "no entry point reaches this".
   */
  readonly installer?: InstallerModelService;
  /**
   * The build files of the module read as data (engine/linter/build-files.ts): which projects
   * write entries in a build file, and the diagnostics of malformed ones.
   */
  readonly build?: BuildFilesService;
  /**
   * The module's files as the linter parsed them, for fixes that edit another file of the module
   * (RuleEdit.filePath). Provided by the linter itself while the module is linted.
   */
  readonly files?: ModuleFilesService;
}

/** The parsed files of the module being linted (RuleServices.files). */
export interface ModuleFilesService {
  /** The module's files, as given to the linter. */
  readonly filePaths: readonly string[];
  /** A file's parsed text; undefined for a file outside the module, and once the module's lint has ended (its tree is freed). */
  sourceCodeOf(filePath: string): SourceCode | undefined;
  /** Whether a fix may edit the file: it is linted (reported), not only read for the model. */
  isEditable(filePath: string): boolean;
}

/** Settings shared by all rules (API lists added by the config, the target, ...). */
export interface SharedSettings {
  /** Extra UI API names (guideline 1). */
  uiApis: string[];
  /** Extra process-starting API names (guideline 4). */
  processApis: string[];
  /** Extra library-loading API names (guideline 3). */
  libraryLoadApis: string[];
  /** Extra installer entry point names. */
  entryPoints: string[];
  /** Extra functions that run in an interactive context. */
  interactiveFunctions: string[];
  /** The kind of driver package: decides the level of the INF rule. */
  target: 'windows-driver' | 'universal' | 'legacy';
  /**
   * The build configuration (`Release|x64`) whose defines `#if`/`#ifdef` are evaluated with
   * (engine/parsing/configuration-conditions.ts); unset: every branch is live but literal `#if 0`.
   */
  configuration?: string;
  /** Defines (`NAME`, `NAME=VALUE`) `#if` is evaluated with, over the build's; set (even empty), conditions are evaluated. */
  defines?: string[];
  [key: string]: unknown;
}

export interface RuleContext<MessageIds extends string = string, Options extends unknown[] = unknown[]> {
  readonly id: string;
  readonly filePath: string;
  readonly sourceCode: SourceCode;
  readonly options: Options;
  readonly settings: SharedSettings;
  readonly services: RuleServices;
  report(descriptor: ReportDescriptor<MessageIds>): void;
}

export type NodeListener = (node: Node) => void;
/** Keys are tree-sitter node types ("call_expression") or "<type>:exit", plus "Program" / "Program:exit". */
export type RuleListener = Record<string, NodeListener | undefined>;

/**
 * A rule. `RuleModule` with no type arguments is any rule, as the linter holds them: a rule typed
 * with its own message ids and options (createRule<'ui' | 'moveToAction', [Options]>) is one,
 * because `create` is declared as a method, whose parameter TypeScript compares both ways (as
 * typescript-eslint's RuleModule does). What that lets through is the options' type: the linter
 * keeps its side by handing a rule only options checked against its meta.schema and merged over
 * its meta.defaultOptions (engine/config/config-validation.ts, rule-options.ts).
 */
export interface RuleModule<MessageIds extends string = string, Options extends unknown[] = unknown[]> {
  meta: RuleMeta<MessageIds>;
  /** Which files the rule reads: C/C++ sources (default), INF files, build files. */
  languages?: FileLanguage[];
  create(context: RuleContext<MessageIds, Options>): RuleListener;
}

/** C/C++ sources and headers, INF files, .def files, build files (languageOfPath in engine/parsing/cpp-parser.ts). */
export type FileLanguage = 'cpp' | 'inf' | 'def' | 'build';
