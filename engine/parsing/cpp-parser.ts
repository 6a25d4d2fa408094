/**
 * Parsing C and C++ with web-tree-sitter and tree-sitter-cpp's own grammar .wasm.
 * The caller owns every Tree it gets and must free it with `.delete()`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { blankRanges, inactiveRanges, type InactiveRange, type PreprocessorConditions } from './conditional-evaluation.js';
import { blankWindowsMacros } from './macro-blanking.js';
import { analysisLimit, blankText } from './parse-limits.js';
import { loneCrAsLf } from '../text/line-ends.js';

const require = createRequire(import.meta.url);

/** The grammar is immutable and shared by every parser of the process. */
let languagePromise: Promise<Language> | undefined;

/** The options given to web-tree-sitter's Emscripten module, which keeps its current memory view in HEAP8. */
const wasmModule: { HEAP8?: Int8Array } = {};

/** Bytes of WebAssembly memory web-tree-sitter holds (it grows and never shrinks); 0 before the first parser. */
/**
 * web-tree-sitter's Emscripten module (its exports and memory views) once a parser was created,
 * for the raw tree cursor of engine/model/summarize-cursor.ts; undefined before.
 */
export function wasmModuleObject(): object | undefined {
  return wasmModule.HEAP8 ? wasmModule : undefined;
}

export function wasmMemoryBytes(): number {
  return wasmModule.HEAP8?.buffer.byteLength ?? 0;
}

export function cppGrammarPath(): string {
  // A bundle (the VS Code extension's server, client/dist/server.js) ships the grammar beside itself.
  const beside = fileURLToPath(new URL('tree-sitter-cpp.wasm', import.meta.url));
  if (existsSync(beside)) return beside;
  return require.resolve('tree-sitter-cpp/tree-sitter-cpp.wasm');
}

export function loadCppLanguage(): Promise<Language> {
  languagePromise ??= Parser.init(wasmModule).then(() => Language.load(cppGrammarPath()));
  return languagePromise;
}

/** Per tree parsed with preprocessor conditions: the ranges they made dead (blanked before parsing). */
const inactiveByTree = new WeakMap<Tree, readonly InactiveRange[]>();

/** Per tree of a text over a limit of parse-limits.ts (parsed blank): why it was not analysed. */
const limitByTree = new WeakMap<Tree, string>();

/**
 * Why the tree's text was not analysed (too deep or too many tokens: parse-limits.ts), the tree
 * being that of blank text; undefined for a tree of the text itself.
 */
export function analysisNoticeOf(tree: Tree): string | undefined {
  return limitByTree.get(tree);
}

/**
 * The ranges of the tree's text that its configuration drops (conditional-evaluation.ts),
 * blanked for the parser; undefined for a tree parsed without conditions.
 */
export function inactiveRangesOf(tree: Tree): readonly InactiveRange[] | undefined {
  return inactiveByTree.get(tree);
}

/**
 * The text as the parser is given it: with conditions, the branches they make dead blanked, then
 * Windows macros blanked (blankWindowsMacros), then each lone CR made an LF (loneCrAsLf: the
 * grammar ends `//` comments and directives at LF only). Same length, same lines, same offsets.
 */
export function blankForParse(text: string, conditions?: PreprocessorConditions): { blanked: string; inactive?: InactiveRange[] } {
  if (!conditions) return { blanked: loneCrAsLf(blankWindowsMacros(text)) };
  const inactive = inactiveRanges(text, conditions);
  return { blanked: loneCrAsLf(blankWindowsMacros(blankRanges(text, inactive))), inactive };
}

/** A parser for C/C++ sources. Free it with `delete()` when done. */
export class CppParser {
  private constructor(private readonly parser: Parser) {}

  static async create(): Promise<CppParser> {
    const language = await loadCppLanguage();
    const parser = new Parser();
    parser.setLanguage(language);
    return new CppParser(parser);
  }

  /**
   * Parses `text` after blanking (blankForParse: the branches `conditions` make dead, Windows
   * macros; same length, so offsets are those of `text`). Pass the previous tree, already edited
   * with `tree.edit`, for an incremental parse.
   */
  parse(text: string, oldTree?: Tree | null, conditions?: PreprocessorConditions): Tree {
    const { blanked, inactive } = blankForParse(text, conditions);
    return this.parseBlanked(blanked, oldTree, inactive);
  }

  /**
   * Parses text the caller already blanked with blankForParse (the language server blanks once
   * per edit, to find what changed, and hands that text on instead of blanking it twice), with the
   * inactive ranges blankForParse gave.
   */
  parseBlanked(blanked: string, oldTree?: Tree | null, inactive?: readonly InactiveRange[]): Tree {
    // a text over a limit is parsed blank (parse-limits.ts); a blank tree is no base for the next parse
    const limit = analysisLimit(blanked);
    const reuse = oldTree && !limitByTree.has(oldTree) && !limit ? oldTree : null;
    const tree = this.parser.parse(limit ? blankText(blanked) : blanked, reuse);
    if (!tree) throw new Error('tree-sitter returned no tree');
    if (inactive) inactiveByTree.set(tree, inactive);
    if (limit) limitByTree.set(tree, limit);
    return tree;
  }

  /** Parses text as it is, without blanking (for measurements). */
  parseRaw(text: string): Tree {
    const tree = this.parser.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }

  delete(): void {
    this.parser.delete();
  }
}

const CPP_EXTENSIONS = new Set(['.c', '.cpp', '.cc', '.cxx', '.h', '.hpp', '.hxx', '.inl']);
const INF_EXTENSIONS = new Set(['.inf', '.inx']);

/** C/C++ sources and headers, INF files; build files are told apart by isBuildFile. */
export function languageOfPath(filePath: string): 'cpp' | 'inf' | null {
  const dot = filePath.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = filePath.slice(dot).toLowerCase();
  if (CPP_EXTENSIONS.has(ext)) return 'cpp';
  if (INF_EXTENSIONS.has(ext)) return 'inf';
  return null;
}

/**
 * Build files, linted as data (engine/linter/build-files.ts, language 'build'): MSBuild projects
 * and the property sheets and targets they import, and by name the WDK's `sources` and
 * `makefile.inc` and compile_commands.json. They are no files of a module's model (isModuleFile).
 */
const BUILD_EXTENSIONS = new Set(['.vcxproj', '.props', '.targets']);
const BUILD_NAMES = new Set(['sources', 'makefile.inc', 'compile_commands.json']);

export function isBuildFile(filePath: string): boolean {
  const name = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return BUILD_NAMES.has(name) || (dot >= 0 && BUILD_EXTENSIONS.has(name.slice(dot)));
}
