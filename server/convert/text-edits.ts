/** Engine fixes (offset ranges into a text) to LSP TextEdits, in the negotiated encoding. Pure. */
import type { TextEdit } from 'vscode-languageserver/node';
import type { Fix, LineIndex } from '../../engine/index.js';
import { toLspRange, type PositionEncoding } from './positions.js';

export function fixToTextEdit(fix: Fix, index: LineIndex, encoding: PositionEncoding): TextEdit {
  return { range: toLspRange(index, fix.range, encoding), newText: fix.text };
}

/**
 * A fix as the TextEdits an editor applies in the fix's own document: its separate edits when it
 * has them, so that the text between them is not sent; none for a fix that changes only other
 * files (its own edit is the empty [0, 0], '', Fix.otherFiles).
 */
export function fixToTextEdits(fix: Fix, index: LineIndex, encoding: PositionEncoding): TextEdit[] {
  const otherOnly = (fix.otherFiles?.length ?? 0) > 0 && fix.range[0] === fix.range[1] && fix.text === '';
  if (otherOnly) return [];
  return (fix.edits ?? [fix]).map((e) => ({ range: toLspRange(index, e.range, encoding), newText: e.text }));
}

/** Edits (offsets into `index`'s text) as TextEdits; undefined when one does not fit the text (it changed since the lint). */
export function editsToTextEdits(edits: readonly { range: readonly [number, number]; text: string }[], index: LineIndex, encoding: PositionEncoding): TextEdit[] | undefined {
  if (edits.some((e) => e.range[1] > index.text.length)) return undefined;
  return edits.map((e) => ({ range: toLspRange(index, e.range, encoding), newText: e.text }));
}
