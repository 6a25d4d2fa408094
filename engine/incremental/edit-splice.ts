/**
 * The summary of an open document after an edit inside one function's body, spliced from the
 * summary before the edit (engine/model/summary-splice.ts) rather than made by walking the file:
 * the step the one-function relint (function-relint.ts) and the comment edit (comment-edit-shift.ts)
 * share. The relint's base of a file (its blanked text and outline) is what the next edit is
 * compared with.
 */
import { wasmBindingOf } from '../model/summarize-cursor.js';
import { spliceTopLevelSummary } from '../model/summary-splice.js';
import type { FileSummary } from '../model/summary-types.js';
import { editedTopLevelFunction, type Outline, topLevelOutline } from '../model/top-level-outline.js';
import { wasmModuleObject } from '../parsing/cpp-parser.js';
import { differingRegion, type TextShift, unionShift } from '../text/text-shift.js';
import type { ModuleOutcome } from './file-outcome.js';
import type { SessionState } from './session-state.js';

/** What the next keystroke's relint compares with, for one open C/C++ document. */
export interface RelintBase {
  blanked: string;
  outline: Outline;
}

export interface SplicedEdit {
  spliced: NonNullable<ReturnType<typeof spliceTopLevelSummary>>;
  /** Where the typed texts differ. */
  typed: TextShift;
  /** Where the texts or the blanked texts differ (the edit as the parser saw it). */
  region: TextShift;
  /** The edited child of the root, in the old outline. */
  index: number;
  /** The outline of the new tree. */
  outline: Outline;
}

/**
 * The summary of open document `edited` after an edit inside one function's body, spliced from
 * the summary of `oldText` and cached; undefined when the edit is not inside one function's body
 * with the rest of the file parsed alike.
 */
export function spliceEdit(state: SessionState, edited: string, oldText: string, base: RelintBase, oldSummary: FileSummary, known?: Set<string>): SplicedEdit | undefined {
  const { documents, summaryCache, parser } = state;
  const doc = documents.get(edited)!;
  const text = doc.text;
  const tree = doc.tree.treeFor(parser, text);
  const binding = wasmBindingOf(wasmModuleObject());
  // the parser saw the blanked text: the edit as it saw it may reach further than the typing
  const typed = differingRegion(oldText, text);
  const region = unionShift(typed, differingRegion(base.blanked, doc.tree.blanked));
  const outline = topLevelOutline(tree, binding);
  const fn = editedTopLevelFunction(base.outline, outline, tree.rootNode, region.at, region.oldEnd, region.delta);
  if (!fn || !summaryCache) return undefined;
  const spliced = spliceTopLevelSummary(oldSummary, fn.node, text, oldText, region.delta, doc.lineIndex.lineStarts, binding, known);
  if (!spliced) return undefined;
  summaryCache.set(edited, text, spliced.summary);
  state.splicedSummaries++;
  return { spliced, typed, region, index: fn.index, outline };
}

/**
 * The relint bases after a comment edit of `edited` (results moved): its summary spliced, so that
 * the next keystroke in code can still relint one function; without a splice the file's base goes
 * (the next keystroke lints the module).
 */
export function advancedBases(state: SessionState, bases: NonNullable<ModuleOutcome['bases']>, edited: string, oldText: string): ModuleOutcome['bases'] {
  const next = new Map(bases);
  next.delete(edited);
  const base = bases.get(edited);
  const oldSummary = base && state.summaryCache?.get(edited, oldText);
  const edit = base && oldSummary ? spliceEdit(state, edited, oldText, base, oldSummary) : undefined;
  if (edit) next.set(edited, { blanked: state.documents.get(edited)!.tree.blanked, outline: edit.outline });
  return next;
}
