/**
 * RuleServices.files: the parsed files of the module being linted, for fixes that edit another
 * file of the module (engine/linter/fixer.ts mergeFixes). The linter closes it when the module's
 * lint ends: the trees are freed then, and services a host keeps must hold none.
 */
import type { ParsedFile } from './linter.js';
import type { SourceCode } from './source-code.js';
import type { ModuleFilesService } from './types.js';

export interface ClosableModuleFiles extends ModuleFilesService {
  /** From now on sourceCodeOf answers undefined, and no parsed file is held. */
  close(): void;
}

/** The service over `files`; `editable` are the files the lint reports (ModuleFileInput.report). */
export function moduleFilesService(files: readonly ParsedFile[], editable: ReadonlySet<string>): ClosableModuleFiles {
  let byPath: Map<string, SourceCode> | undefined = new Map(files.map((f) => [f.filePath, f.sourceCode]));
  const filePaths = Object.freeze(files.map((f) => f.filePath));
  return {
    filePaths,
    sourceCodeOf: (filePath) => byPath?.get(filePath),
    isEditable: (filePath) => editable.has(filePath),
    close() {
      byPath = undefined;
    },
  };
}
