/**
 * Maps offsets (UTF-16 code units into the decoded text) to lines and columns and back.
 * Lines end at "\n", "\r\n" or a lone "\r"; the line terminator belongs to the line it ends.
 */
import { type LineEnd, majorityLineEnd } from './line-ends.js';
import { differingRegion } from './text-shift.js';

export class LineIndex {
  /** Offset of the first character of every line. */
  readonly lineStarts: readonly number[];

  constructor(
    readonly text: string,
    /** Line starts already known (LineIndex.afterEdit); read from the text when absent. */
    lineStarts?: readonly number[],
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    scanLineStarts(text, 0, text.length, starts);
    this.lineStarts = starts;
  }

  /**
   * The index of `text`, a later version of `before.text`, made from `before`'s line starts: those
   * before the edit are kept, those after it moved by its length, and only the lines it touches
   * read again (a keystroke in a 5,000-line file then costs no scan of the whole text).
   */
  static afterEdit(before: LineIndex, text: string): LineIndex {
    if (before.text === text) return before;
    const { at, oldEnd, delta } = differingRegion(before.text, text);
    const old = before.lineStarts;
    // read again from the start of the line before the edit (a CR there may pair with an LF typed)
    // to one past the edit's end (a CR typed may pair with the LF after it)
    const from = old[lineOfOffset(old, Math.max(0, at - 1))];
    const to = Math.min(text.length, oldEnd + delta + 1);
    const starts = old.slice(0, lineOfOffset(old, from) + 1);
    scanLineStarts(text, from, to, starts);
    for (let k = lineOfOffset(old, oldEnd + 1) + 1; k < old.length; k++) if (old[k] > oldEnd + 1) starts.push(old[k] + delta);
    // a line start found by the scan at the window's end is also the first moved one
    return new LineIndex(text, dedupe(starts));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based line of an offset (offsets past the end map to the last line). */
  lineOf(offset: number): number {
    return lineOfOffset(this.lineStarts, offset);
  }

  /** Offset where the line holding `offset` starts. */
  lineStartOf(offset: number): number {
    return this.lineStarts[this.lineOf(offset)];
  }

  /** Offset where the line after the one holding `offset` starts (the end of the text on the last line). */
  nextLineStart(offset: number): number {
    const line = this.lineOf(offset);
    return line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
  }

  /** 0-based line and 0-based UTF-16 column. */
  positionAt(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.lineStarts[line] };
  }

  /** Offset of a 0-based line and UTF-16 column; clamped to the line's content. */
  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[line];
    const end = this.contentEnd(line);
    return Math.max(start, Math.min(start + Math.max(0, character), end));
  }

  /** Offset where a line's content ends (before its terminator). */
  contentEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The text of a 0-based line without its terminator. */
  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.contentEnd(line));
  }

  /** The line terminator the file mostly uses (majorityLineEnd): what edits insert, so that a CR-only file stays CR-only. */
  get eol(): LineEnd {
    let crlf = 0;
    let lf = 0;
    let cr = 0;
    for (let i = 1; i < this.lineStarts.length; i++) {
      const at = this.lineStarts[i];
      if (this.text.charCodeAt(at - 1) === 13) cr++;
      else if (this.text.charCodeAt(at - 2) === 13) crlf++;
      else lf++;
    }
    return majorityLineEnd(lf, crlf, cr);
  }
}

/** Pushes the starts of the lines that begin after a terminator in text[from, to). */
function scanLineStarts(text: string, from: number, to: number, starts: number[]): void {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
}

/** Sorted starts with repeats removed (the scan and the moved starts may meet at one offset). */
function dedupe(starts: number[]): number[] {
  const out: number[] = [];
  for (const s of starts) if (out.length === 0 || s > out[out.length - 1]) out.push(s);
  return out;
}

/** 0-based line of an offset, from a text's line starts (offsets past the end map to the last line). */
export function lineOfOffset(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line and column (UTF-16) of an offset, from a text's line starts (what a file summary keeps). */
export function lineColumn(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  const line = lineOfOffset(lineStarts, offset);
  return { line: line + 1, column: offset - lineStarts[line] + 1 };
}

/** Converts a UTF-16 column on a line to a UTF-8 byte column (for LSP clients that ask for utf-8). */
export function utf16ToUtf8Column(lineText: string, character: number): number {
  let bytes = 0;
  const end = Math.min(character, lineText.length);
  for (let i = 0; i < end; i++) {
    const c = lineText.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Converts a UTF-8 byte column on a line to a UTF-16 column. */
export function utf8ToUtf16Column(lineText: string, byteColumn: number): number {
  let bytes = 0;
  let i = 0;
  while (i < lineText.length && bytes < byteColumn) {
    const c = lineText.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < lineText.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
    i++;
  }
  return i;
}
