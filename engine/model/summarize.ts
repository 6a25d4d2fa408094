/**
 * summarizeFile's C/C++ part: one pass over a tree with a TreeCursor, recording what the module
 * graph needs: functions (name, parameters, export marks), their calls, names they use that are
 * not locals (globals, functions whose address is taken, macros), DIF guards, globals and function
 * statics with their reads and writes, dispatch tables and the module's macros.
 *
 * Every cursor read is a call into WebAssembly, so the walk reads only what some test looks at:
 * a node's type always, its field only under the parents whose fields matter, its offsets only
 * for the nodes that need them. Function headers, #defines and callees are read with the same
 * cursor (summarize-header.ts, summarize-macro.ts, resolveCall in summarize-walk.ts); nodes are
 * materialised only for switch and if statements that may be guards, #include lines and callees
 * that are not plain names. Tokens, leaves and skipped subtrees leave no frame. With
 * web-tree-sitter's module (summarize-cursor.ts) the cursor's calls skip web-tree-sitter's
 * marshalling.
 *
 * The walk is split by what it does: summarize-walk.ts (the loop, entering and leaving nodes),
 * summarize-names.ts (what a name records), summarize-frame.ts (a node on the path, what the walk
 * does with each node type), summarize-walk-state.ts (the path, the depth stacks, the scopes).
 */
import type { Node } from 'web-tree-sitter';
import type { ParsedFile } from '../linter/linter.js';
import { inactiveRangesOf } from '../parsing/cpp-parser.js';
import { walkCursor, walkCursorAt, type WasmBinding } from './summarize-cursor.js';
import { walk } from './summarize-walk.js';
import type { FileSummary, Range } from './summary-types.js';

/**
 * The summary of one file. `binding`, web-tree-sitter's WebAssembly module (see summarize-cursor.ts),
 * makes the walk about twice as fast; the summary is the same with or without it.
 */
export function summarizeCppFile(file: ParsedFile, binding?: WasmBinding): FileSummary {
  const { filePath, sourceCode } = file;
  const summary: FileSummary = {
    filePath,
    language: file.language,
    lineStarts: sourceCode.lineIndex.lineStarts,
    functions: [],
    globals: [],
    globalInits: [],
    macros: [],
    deadRanges: [],
    includes: [],
  };
  if (file.language === 'cpp' && sourceCode.tree) {
    walk(walkCursor(sourceCode.tree, binding), sourceCode.tree.language, sourceCode.text, summary);
    // the branches the configuration drops were blanked before parsing (engine/parsing/conditional-evaluation.ts)
    const inactive = inactiveRangesOf(sourceCode.tree);
    if (inactive?.length) summary.deadRanges = [...summary.deadRanges, ...inactive.map(([s, e]): Range => [s, e])].sort((a, b) => a[0] - b[0]);
  }
  return summary;
}

/**
 * Adds to `out` what the walk of the whole file records inside `node`, a child of the root (a
 * function definition at file scope): the walk keeps no state across such children but the
 * numbering of globals, which goes on from `out.globals` (the globals declared before `node`).
 */
export function summarizeTopLevelNode(node: Node, text: string, out: FileSummary, binding?: WasmBinding): void {
  walk(walkCursorAt(node, binding), node.tree.language, text, out);
}

export type { Range };
