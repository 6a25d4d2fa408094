/**
 * The syntax tree of one open document, kept between edits: re-parsed incrementally (tree.edit,
 * then parse with the old tree) when the text changed, and freed when the document closes.
 * Exactly one live Tree per document.
 */
import { Edit, type Tree } from 'web-tree-sitter';
import type { CppParser } from '../parsing/cpp-parser.js';
import { blankWindowsMacros } from '../parsing/macro-blanking.js';
import { editBetween } from './tree-edit.js';

export interface ParseCounts {
  full: number;
  incremental: number;
}

export class DocumentTree {
  private tree: Tree | null = null;
  /** The blanked text `tree` was parsed from. */
  private parsedBlanked = '';
  private parsedText: string | null = null;

  constructor(private readonly counts: ParseCounts) {}

  /** The tree for `text`, parsing only what changed since the last call. */
  treeFor(parser: CppParser, text: string): Tree {
    if (this.tree && this.parsedText === text) return this.tree;
    const blanked = blankWindowsMacros(text);
    let next: Tree;
    if (this.tree) {
      const span = editBetween(this.parsedBlanked, blanked);
      if (span) this.tree.edit(new Edit(span));
      next = parser.parseBlanked(blanked, this.tree);
      this.tree.delete();
      this.counts.incremental++;
    } else {
      next = parser.parseBlanked(blanked);
      this.counts.full++;
    }
    this.tree = next;
    this.parsedBlanked = blanked;
    this.parsedText = text;
    return next;
  }

  /** The macro-blanked text the current tree was parsed from ('' before the first parse). */
  get blanked(): string {
    return this.parsedBlanked;
  }

  /** The current tree, if the text has been parsed. */
  get current(): Tree | null {
    return this.tree;
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = null;
    this.parsedText = null;
    this.parsedBlanked = '';
  }
}
