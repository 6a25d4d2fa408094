/** Engine fixes (offset ranges into a text) to LSP TextEdits, in the negotiated encoding. Pure. */
import type { TextEdit } from 'vscode-languageserver/node';
import type { Fix, LineIndex } from '../../engine/index.js';
import { toLspRange, type PositionEncoding } from './positions.js';

export function fixToTextEdit(fix: Fix, index: LineIndex, encoding: PositionEncoding): TextEdit {
  return { range: toLspRange(index, fix.range, encoding), newText: fix.text };
}

/** A fix as the TextEdits an editor applies: its separate edits when it has them, so that the text between them is not sent. */
export function fixToTextEdits(fix: Fix, index: LineIndex, encoding: PositionEncoding): TextEdit[] {
  return (fix.edits ?? [fix]).map((e) => ({ range: toLspRange(index, e.range, encoding), newText: e.text }));
}
