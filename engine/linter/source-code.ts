/**
 * The text of one file as the rules see it: the decoded text, its lines, positions, and (for
 * C/C++ files) the syntax tree. The tree belongs to whoever parsed it; SourceCode never frees it.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { LineEnd } from '../text/line-ends.js';
import { LineIndex } from '../text/line-index.js';
import type { OffsetRange, Position, SourceLocation } from './types.js';

export class SourceCode {
  readonly lineIndex: LineIndex;
  private cachedLines: string[] | undefined;
  private root: Node | null | undefined;

  constructor(
    /** The decoded text, exactly as the user's file holds it (CRLF and lone CR kept). */
    readonly text: string,
    /** The tree parsed from the blanked text (same length and offsets as `text`); absent for INF. */
    readonly tree: Tree | null = null,
    /** The text's line index, when the caller has one already (the language server's document). */
    lineIndex?: LineIndex,
  ) {
    this.lineIndex = lineIndex && lineIndex.text === text ? lineIndex : new LineIndex(text);
  }

  /** The root node (read once: Tree.rootNode is a call into WASM and a new Node each time). */
  get ast(): Node | null {
    if (this.root === undefined) this.root = this.tree ? this.tree.rootNode : null;
    return this.root;
  }

  /** Lines without their terminators. */
  get lines(): string[] {
    if (!this.cachedLines) {
      this.cachedLines = [];
      for (let i = 0; i < this.lineIndex.lineCount; i++) this.cachedLines.push(this.lineIndex.lineText(i));
    }
    return this.cachedLines;
  }

  /** The line end the file mostly uses (LF, CRLF or a lone CR): fixes insert it, so a file keeps its own. */
  get eol(): LineEnd {
    return this.lineIndex.eol;
  }

  getText(node?: Node | OffsetRange): string {
    if (!node) return this.text;
    const [start, end] = rangeOf(node);
    return this.text.slice(start, end);
  }

  /** 1-based line, 1-based UTF-16 column. */
  getLocFromIndex(offset: number): Position {
    const p = this.lineIndex.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  }

  /** Offset from a 1-based line and 1-based column. */
  getIndexFromLoc(loc: Position): number {
    return this.lineIndex.offsetAt(loc.line - 1, loc.column - 1);
  }

  locOf(range: OffsetRange): SourceLocation {
    return { start: this.getLocFromIndex(range[0]), end: this.getLocFromIndex(range[1]) };
  }

  /** The whitespace that starts the line holding `offset`. */
  indentationAt(offset: number): string {
    const line = this.lineIndex.lineOf(offset);
    const text = this.lineIndex.lineText(line);
    return /^[ \t]*/.exec(text)![0];
  }
}

export function rangeOf(nodeOrRange: Node | OffsetRange): OffsetRange {
  if (Array.isArray(nodeOrRange)) return nodeOrRange as OffsetRange;
  const node = nodeOrRange as Node;
  return [node.startIndex, node.endIndex];
}
