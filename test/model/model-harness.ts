/**
 * Builds the installer model of a module written inline: file names -> text. Every tree is freed
 * before the model is handed back (the model keeps no tree-sitter objects).
 */
import { afterAll, beforeAll } from 'vitest';
import { fileLanguage, type ParsedFile } from '../../engine/linter/linter.js';
import type { ReachingContext } from '../../engine/model/contract.js';
import { modelOfFiles, type InstallerModel } from '../../engine/model/index.js';
import type { SummaryCache } from '../../engine/model/summary-cache.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { SourceCode } from '../../engine/linter/source-code.js';
import type { SharedSettings } from '../../engine/linter/types.js';

export const ROOT = '/virtual/mod/';

export interface Built {
  model: InstallerModel;
  texts: Record<string, string>;
  /** Offset of the nth (0-based) occurrence of `needle` in a file. */
  at(file: string, needle: string, nth?: number): number;
  contexts(file: string, needle: string, nth?: number): ReachingContext[];
  /** "DIF_X" (+ "/interactive", "/quiet", "/post", "/pre") per context, sorted: a compact view for assertions. */
  codes(file: string, needle: string, nth?: number): string[];
}

export function useParser(): () => CppParser {
  let parser: CppParser | undefined;
  beforeAll(async () => {
    parser = await CppParser.create();
  });
  afterAll(() => parser?.delete());
  return () => parser!;
}

export function build(parser: CppParser, files: Record<string, string>, settings: Partial<SharedSettings> = {}, cache?: SummaryCache): Built {
  const parsed: ParsedFile[] = [];
  try {
    for (const [name, text] of Object.entries(files)) {
      const filePath = ROOT + name;
      const language = fileLanguage(filePath);
      parsed.push({ filePath, language, sourceCode: new SourceCode(text, language === 'cpp' ? parser.parse(text) : null) });
    }
    const model = modelOfFiles(parsed, settings, cache);
    const at = (file: string, needle: string, nth = 0) => {
      const text = files[file];
      let i = -1;
      for (let k = 0; k <= nth; k++) {
        i = text.indexOf(needle, i + 1);
        if (i < 0) throw new Error(`"${needle}" (#${nth}) not in ${file}`);
      }
      return i;
    };
    const contexts = (file: string, needle: string, nth = 0) => model.contextsAt(ROOT + file, at(file, needle, nth));
    const codes = (file: string, needle: string, nth = 0) =>
      contexts(file, needle, nth)
        .map(
          (c) =>
            c.difCode +
            (c.interactive ? '/interactive' : '') +
            (c.quietGuarded ? '/quiet' : '') +
            (c.postProcessing === true ? '/post' : c.postProcessing === false ? '/pre' : ''),
        )
        .sort();
    return { model, texts: files, at, contexts, codes };
  } finally {
    for (const p of parsed) p.sourceCode.tree?.delete();
  }
}

/** The labels of the shortest chain of the context with this DIF code. */
export function chainLabels(contexts: readonly ReachingContext[], difCode: string): string[] {
  const c = contexts.filter((x) => x.difCode === difCode).sort((a, b) => a.chain.length - b.chain.length)[0];
  return c ? c.chain.map((s) => s.label) : [];
}
