/**
 * The syntax tree of one open document, kept between edits: re-parsed incrementally (tree.edit,
 * then parse with the old tree) when the text changed, and freed when the document closes.
 * Exactly one live Tree per document.
 */
import { Edit, type Tree } from 'web-tree-sitter';
import type { PreprocessorConditions } from '../parsing/conditional-evaluation.js';
import { blankForParse, type CppParser } from '../parsing/cpp-parser.js';
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
  /** The preprocessor conditions `tree` was parsed with (engine/linter/module-conditions.ts), null for none. */
  private conditions: PreprocessorConditions | null = null;

  constructor(private readonly counts: ParseCounts) {}

  /**
   * The tree for `text` parsed with `conditions` (null: none; omitted: those of the last call),
   * parsing only what changed since the last call.
   */
  treeFor(parser: CppParser, text: string, conditions: PreprocessorConditions | null = this.conditions): Tree {
    if (this.tree && this.parsedText === text && (this.conditions?.key ?? null) === (conditions?.key ?? null)) return this.tree;
    const { blanked, inactive } = blankForParse(text, conditions ?? undefined);
    let next: Tree;
    if (this.tree) {
      const span = editBetween(this.parsedBlanked, blanked);
      if (span) this.tree.edit(new Edit(span));
      next = parser.parseBlanked(blanked, this.tree, inactive);
      this.tree.delete();
      this.counts.incremental++;
    } else {
      next = parser.parseBlanked(blanked, null, inactive);
      this.counts.full++;
    }
    this.conditions = conditions;
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
