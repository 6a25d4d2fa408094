/**
 * The documents the client has open: their text (vscode-languageserver-textdocument, updated
 * incrementally), version and syntax tree. Positions from the client are converted from the
 * negotiated encoding to UTF-16 before the text is updated.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../engine/index.js';
import { toUtf16Position, type PositionEncoding } from '../convert/positions.js';
import { DocumentTree, type ParseCounts } from './document-tree.js';
import { filePathOfUri } from './uris.js';

export class OpenDocument {
  readonly tree: DocumentTree;
  private lines: LineIndex | undefined;
  /** When the text last changed (ms, performance.now()), for debouncing. */
  changedAt = 0;

  constructor(
    readonly uri: string,
    /** The file path for file: URIs; null for others (untitled:, ...), which are not linted. */
    readonly filePath: string | null,
    private doc: TextDocument,
    counts: ParseCounts,
  ) {
    this.tree = new DocumentTree(counts);
  }

  get text(): string {
    return this.doc.getText();
  }

  get version(): number {
    return this.doc.version;
  }

  get languageId(): string {
    return this.doc.languageId;
  }

  get lineIndex(): LineIndex {
    this.lines ??= new LineIndex(this.doc.getText());
    return this.lines;
  }

  /** Applies the changes of one didChange, in order; each range refers to the text after the previous change. */
  apply(changes: readonly TextDocumentContentChangeEvent[], version: number, encoding: PositionEncoding): void {
    let doc = this.doc;
    // line starts follow each change (only the lines it touches are read again)
    let lines = this.lines;
    for (const change of changes) {
      if ('range' in change && change.range) {
        lines ??= new LineIndex(doc.getText());
        const range = {
          start: toUtf16Position(lines, change.range.start, encoding),
          end: toUtf16Position(lines, change.range.end, encoding),
        };
        doc = TextDocument.update(doc, [{ range, text: change.text }], version);
        lines = LineIndex.afterEdit(lines, doc.getText());
      } else {
        doc = TextDocument.update(doc, [{ text: change.text }], version);
        lines = undefined;
      }
    }
    if (changes.length === 0) doc = TextDocument.update(doc, [], version);
    this.doc = doc;
    this.lines = lines;
  }
}

export class OpenDocuments {
  private readonly byUri = new Map<string, OpenDocument>();
  readonly parseCounts: ParseCounts = { full: 0, incremental: 0 };

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.byUri.get(uri)?.tree.dispose();
    const doc = new OpenDocument(uri, filePathOfUri(uri), TextDocument.create(uri, languageId, version, text), this.parseCounts);
    this.byUri.set(uri, doc);
    return doc;
  }

  get(uri: string): OpenDocument | undefined {
    return this.byUri.get(uri);
  }

  byPath(filePath: string): OpenDocument | undefined {
    for (const doc of this.byUri.values()) if (doc.filePath === filePath) return doc;
    return undefined;
  }

  close(uri: string): OpenDocument | undefined {
    const doc = this.byUri.get(uri);
    doc?.tree.dispose();
    this.byUri.delete(uri);
    return doc;
  }

  all(): OpenDocument[] {
    return [...this.byUri.values()];
  }

  /** Number of live syntax trees held for open documents. */
  liveTrees(): number {
    let n = 0;
    for (const doc of this.byUri.values()) if (doc.tree.current) n++;
    return n;
  }

  dispose(): void {
    for (const doc of this.byUri.values()) doc.tree.dispose();
    this.byUri.clear();
  }
}
