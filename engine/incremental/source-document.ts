/**
 * An open document as the incremental lint sees it: its text, version and line index, and its
 * syntax tree kept between edits (document-tree.ts). Changes come as UTF-16 offsets into the text;
 * position encodings are the host's business (the language server converts LSP positions).
 */
import type { OffsetRange } from '../linter/types.js';
import { LineIndex } from '../text/line-index.js';
import { DocumentTree, type ParseCounts } from './document-tree.js';

/**
 * One change of a document: `text` in place of `range` of the text as it is when the change
 * applies (after the changes before it), or the whole new text when `range` is absent.
 */
export interface TextChange {
  range?: OffsetRange;
  text: string;
}

export class SourceDocument {
  readonly tree: DocumentTree;
  private lines: LineIndex | undefined;

  constructor(
    private content: string,
    private currentVersion: number,
    counts: ParseCounts = { full: 0, incremental: 0 },
  ) {
    this.tree = new DocumentTree(counts);
  }

  get text(): string {
    return this.content;
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineIndex(): LineIndex {
    this.lines ??= new LineIndex(this.content);
    return this.lines;
  }

  /** Applies `changes` in order; the document is then at `version`. */
  apply(changes: readonly TextChange[], version: number): void {
    for (const change of changes) {
      if (change.range) {
        // line starts follow each change (only the lines it touches are read again)
        const before = this.lineIndex;
        const length = this.content.length;
        const a = Math.max(0, Math.min(change.range[0], length));
        const b = Math.max(0, Math.min(change.range[1], length));
        const [start, end] = a <= b ? [a, b] : [b, a];
        this.content = this.content.slice(0, start) + change.text + this.content.slice(end);
        this.lines = LineIndex.afterEdit(before, this.content);
      } else {
        this.content = change.text;
        this.lines = undefined;
      }
    }
    this.currentVersion = version;
  }

  /** Frees the syntax tree (parsed again when asked for). */
  dispose(): void {
    this.tree.dispose();
  }
}

/** The open documents of a lint session, by file path, and the parses made for them. */
export class SourceDocuments {
  private readonly byPath = new Map<string, SourceDocument>();
  /** Parses made for open documents and for files read from disk (disk-files.ts shares them). */
  readonly parseCounts: ParseCounts = { full: 0, incremental: 0 };

  /** Opens `filePath` with `text` (a document already open there is replaced). */
  open(filePath: string, text: string, version: number): SourceDocument {
    this.byPath.get(filePath)?.dispose();
    const doc = new SourceDocument(text, version, this.parseCounts);
    this.byPath.set(filePath, doc);
    return doc;
  }

  get(filePath: string): SourceDocument | undefined {
    return this.byPath.get(filePath);
  }

  /** Closes `filePath`; with `doc`, only when `doc` is the document open there. */
  close(filePath: string, doc?: SourceDocument): void {
    const open = this.byPath.get(filePath);
    if (!open || (doc && doc !== open)) return;
    open.dispose();
    this.byPath.delete(filePath);
  }

  /** Number of live syntax trees held for open documents. */
  liveTrees(): number {
    let n = 0;
    for (const doc of this.byPath.values()) if (doc.tree.current) n++;
    return n;
  }

  dispose(): void {
    for (const doc of this.byPath.values()) doc.dispose();
    this.byPath.clear();
  }
}
