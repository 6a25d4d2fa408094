/**
 * Parsing C and C++ with web-tree-sitter and tree-sitter-cpp's own grammar .wasm.
 * The caller owns every Tree it gets and must free it with `.delete()`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { blankWindowsMacros } from './macro-blanking.js';

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
   * Parses `text` after blanking Windows macros (same length, so offsets are those of `text`).
   * Pass the previous tree, already edited with `tree.edit`, for an incremental parse.
   */
  parse(text: string, oldTree?: Tree | null): Tree {
    const tree = this.parser.parse(blankWindowsMacros(text), oldTree ?? null);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }

  /**
   * Parses text the caller already blanked with blankWindowsMacros (the language server blanks
   * once per edit, to find what changed, and hands that text on instead of blanking it twice).
   */
  parseBlanked(blanked: string, oldTree?: Tree | null): Tree {
    const tree = this.parser.parse(blanked, oldTree ?? null);
    if (!tree) throw new Error('tree-sitter returned no tree');
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

export function languageOfPath(filePath: string): 'cpp' | 'inf' | null {
  const dot = filePath.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = filePath.slice(dot).toLowerCase();
  if (CPP_EXTENSIONS.has(ext)) return 'cpp';
  if (INF_EXTENSIONS.has(ext)) return 'inf';
  return null;
}
