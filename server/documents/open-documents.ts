/**
 * The documents the client has open, by URI: the language id, when the text last changed, and the
 * text itself. For file: URIs the text is the lint session's document (engine/incremental/
 * source-document.ts: text, version, line index, syntax tree kept between edits); other URIs
 * (untitled:, ...) are not linted and keep theirs apart. Positions from the client are converted
 * from the negotiated encoding to UTF-16 offsets before a change is applied.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { type LineIndex, type LintSession, SourceDocument } from '../../engine/index.js';
import { toChangeRange, type PositionEncoding } from '../convert/positions.js';
import { filePathOfUri } from './uris.js';

export class OpenDocument {
  /** When the text last changed (ms, performance.now()), for debouncing. */
  changedAt = 0;

  constructor(
    readonly uri: string,
    /** The file path for file: URIs; null for others (untitled:, ...), which are not linted. */
    readonly filePath: string | null,
    readonly languageId: string,
    /** The text, version and tree (the lint session's for a file: URI). */
    readonly source: SourceDocument,
  ) {}

  get text(): string {
    return this.source.text;
  }

  get version(): number {
    return this.source.version;
  }

  get lineIndex(): LineIndex {
    return this.source.lineIndex;
  }

  /** The syntax tree kept between edits. */
  get tree(): SourceDocument['tree'] {
    return this.source.tree;
  }

  /** Applies the changes of one didChange, in order; each range refers to the text after the previous change. */
  apply(changes: readonly TextDocumentContentChangeEvent[], version: number, encoding: PositionEncoding): void {
    for (const change of changes) {
      if ('range' in change && change.range) {
        this.source.apply([{ range: toChangeRange(this.source.lineIndex, change.range, encoding), text: change.text }], version);
      } else {
        this.source.apply([{ text: change.text }], version);
      }
    }
    if (changes.length === 0) this.source.apply([], version);
  }
}

export class OpenDocuments {
  private readonly byUri = new Map<string, OpenDocument>();

  constructor(private readonly lint: LintSession) {}

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.byUri.get(uri)?.source.dispose();
    const filePath = filePathOfUri(uri);
    const source = filePath ? this.lint.open(filePath, text, version) : new SourceDocument(text, version);
    const doc = new OpenDocument(uri, filePath, languageId, source);
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

  /** Closes a document; the lint session reads its file from disk again. */
  close(uri: string): OpenDocument | undefined {
    const doc = this.byUri.get(uri);
    if (!doc) return undefined;
    this.byUri.delete(uri);
    if (doc.filePath) this.lint.close(doc.filePath, doc.source);
    doc.source.dispose();
    return doc;
  }

  all(): OpenDocument[] {
    return [...this.byUri.values()];
  }

  dispose(): void {
    for (const doc of this.byUri.values()) doc.source.dispose();
    this.byUri.clear();
  }
}
