/**
 * The #ifndef-guarded definitions of the two Windows Vista finish-install constants that older
 * SDK headers (and mingw-w64) lack (docs/installer-facts.md#finish-install-actions), added by the
 * scaffold (finish-install.ts) only when no file of the module defines them: a header of the
 * module that defines them (examples/contoso-coinstaller/contoso.h) is enough.
 */
import type { Node } from 'web-tree-sitter';
import type { Fix, ModuleFilesService, SourceCode } from '../../engine/index.js';
import { perTree } from './per-tree-memo.js';

export const FINISH_INSTALL_CONSTANTS: readonly (readonly [string, string])[] = [
  ['DIF_FINISHINSTALL_ACTION', '0x0000002A'],
  ['DI_FLAGSEX_FINISHINSTALL_ACTION', '0x00000008L'],
];

/**
 * Whether a file of the module #defines the macro (the module's headers among its files); without
 * the files service, only `sourceCode` itself is read.
 */
export function definedInModule(files: ModuleFilesService | undefined, sourceCode: SourceCode): (macro: string) => boolean {
  return (macro) => {
    if (definedInText(sourceCode, macro)) return true;
    if (!files) return false;
    return files.filePaths.some((path) => {
      const other = files.sourceCodeOf(path);
      return other !== undefined && other !== sourceCode && definedInText(other, macro);
    });
  };
}

/** The file #defines `name` itself (read once per tree and name; a #define in a comment defines nothing). */
export function definedInText(sourceCode: SourceCode, name: string): boolean {
  const test = () => {
    const root = sourceCode.ast;
    for (const m of sourceCode.text.matchAll(new RegExp(`#\\s*define\\s+${name}\\b`, 'g'))) {
      if (!root || !insideComment(root, m.index)) return true;
    }
    return false;
  };
  const root = sourceCode.ast;
  return root ? perTree(root.tree, `defines:${name}`, test) : test();
}

/** The offset lies in a comment (or a string). */
function insideComment(root: Node, at: number): boolean {
  const node = root.descendantForIndex(at, at);
  return node !== null && (node.type === 'comment' || node.type === 'string_literal' || node.type === 'string_content');
}

/** The definitions `sourceCode` needs: none when `isDefined` (the module) or the file defines both. */
export function constantDefinitions(sourceCode: SourceCode, isDefined: (macro: string) => boolean): Fix[] {
  const missing = FINISH_INSTALL_CONSTANTS.filter(([name]) => !isDefined(name) && !definedInText(sourceCode, name));
  if (missing.length === 0) return [];
  const eol = sourceCode.eol;
  const root = sourceCode.ast;
  // where the last top-level #include ends (-1: none), once per tree
  const lastInclude = root
    ? perTree(root.tree, 'last-include', () => {
        const includes = root.namedChildren.filter((n): n is Node => n !== null && n.type === 'preproc_include');
        return includes.length > 0 ? includes.at(-1)!.endIndex : -1;
      })
    : -1;
  const hasInclude = lastInclude >= 0;
  const at = hasInclude ? lastInclude : 0;
  const lines = ['', '/* Older SDK headers lack the Windows Vista finish-install constants. */'];
  for (const [name, value] of missing) lines.push(`#ifndef ${name}`, `#define ${name} ${value}`, '#endif');
  // preproc_include ends after its newline; at the top of a file, put a blank line after instead.
  const text = hasInclude ? lines.slice(1).join(eol) + eol : lines.slice(1).join(eol) + eol + eol;
  return [{ range: [at, at], text: hasInclude ? eol + text : text }];
}
