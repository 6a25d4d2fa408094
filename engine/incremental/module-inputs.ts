/** The files of a module as the linter takes them: open documents' texts and trees, the others' from disk. */
import { fileLanguage, type ModuleFileInput } from '../linter/linter.js';
import type { ConditionsOf } from '../linter/module-conditions.js';
import type { CppParser } from '../parsing/cpp-parser.js';
import type { DiskFiles } from './disk-files.js';
import type { SourceDocuments } from './source-document.js';

/**
 * Every file of the module with its text (and tree), only `report` reported; files that cannot be
 * read are left out, and undefined is returned when `report` itself cannot be.
 */
export function moduleInputs(
  files: readonly string[],
  report: string,
  documents: SourceDocuments,
  disk: DiskFiles,
  parser: CppParser,
  conditionsOf: ConditionsOf,
): ModuleFileInput[] | undefined {
  const inputs: ModuleFileInput[] = [];
  for (const f of files) {
    const doc = documents.get(f);
    const cpp = fileLanguage(f) === 'cpp';
    if (doc) {
      inputs.push({ filePath: f, text: doc.text, tree: cpp ? doc.tree.treeFor(parser, doc.text, conditionsOf(f) ?? null) : undefined, lineIndex: doc.lineIndex, report: f === report });
      continue;
    }
    const entry = disk.get(f);
    if (!entry.read.ok) {
      if (f === report) return undefined;
      continue;
    }
    inputs.push({ filePath: f, text: entry.read.text, tree: cpp ? entry.tree.treeFor(parser, entry.read.text, conditionsOf(f) ?? null) : undefined, report: f === report });
  }
  return inputs;
}
