/**
 * Offsets (UTF-16 code units into the text) to LSP positions and back, in the position encoding
 * negotiated with the client: UTF-16 (the LSP default) or UTF-8 (when the client prefers it).
 * Pure functions over a LineIndex.
 */
import type { Position, Range } from 'vscode-languageserver/node';
import { type LineIndex, type OffsetRange, utf16ToUtf8Column, utf8ToUtf16Column } from '../../engine/index.js';

export type PositionEncoding = 'utf-16' | 'utf-8';

export function toLspPosition(index: LineIndex, offset: number, encoding: PositionEncoding): Position {
  const p = index.positionAt(offset);
  if (encoding === 'utf-16') return p;
  return { line: p.line, character: utf16ToUtf8Column(index.lineText(p.line), p.character) };
}

export function toLspRange(index: LineIndex, range: OffsetRange, encoding: PositionEncoding): Range {
  return { start: toLspPosition(index, range[0], encoding), end: toLspPosition(index, range[1], encoding) };
}

/**
 * The offset of an LSP position, or undefined when the position is malformed or past the end
 * of the text. A character past the end of its line means the end of the line (as LSP says).
 * The line just after the last one, at character 0, is the end of the text.
 */
export function toOffset(index: LineIndex, position: unknown, encoding: PositionEncoding): number | undefined {
  if (!isPosition(position)) return undefined;
  const { line, character } = position;
  if (line === index.lineCount && character === 0) return index.text.length;
  if (line >= index.lineCount) return undefined;
  const column = encoding === 'utf-16' ? character : utf8ToUtf16Column(index.lineText(line), character);
  return index.offsetAt(line, column);
}

export function toOffsetRange(index: LineIndex, range: unknown, encoding: PositionEncoding): OffsetRange | undefined {
  if (typeof range !== 'object' || range === null) return undefined;
  const r = range as { start?: unknown; end?: unknown };
  const start = toOffset(index, r.start, encoding);
  const end = toOffset(index, r.end, encoding);
  if (start === undefined || end === undefined || end < start) return undefined;
  return [start, end];
}

export function isPosition(value: unknown): value is Position {
  if (typeof value !== 'object' || value === null) return false;
  const { line, character } = value as Position;
  return isUInteger(line) && isUInteger(character);
}

function isUInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/** Converts a position from the client's encoding to UTF-16. */
export function toUtf16Position(index: LineIndex, position: Position, encoding: PositionEncoding): Position {
  if (encoding === 'utf-16' || position.line >= index.lineCount) return position;
  return { line: position.line, character: utf8ToUtf16Column(index.lineText(position.line), position.character) };
}

/**
 * The offsets of a didChange's range (start before end), clamped as vscode-languageserver-
 * textdocument does: a character past the end of its line is the line's end (before its
 * terminator), a line past the last one is the end of the text.
 */
export function toChangeRange(index: LineIndex, range: Range, encoding: PositionEncoding): OffsetRange {
  const offset = (p: Position) => {
    const utf16 = toUtf16Position(index, p, encoding);
    return index.offsetAt(utf16.line, utf16.character);
  };
  const start = offset(range.start);
  const end = offset(range.end);
  return start <= end ? [start, end] : [end, start];
}
