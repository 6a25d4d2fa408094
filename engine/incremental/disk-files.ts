/**
 * Files of the workspace that are not open, read from disk once and kept (text, and a syntax
 * tree for C/C++) until a watched-file event or a save says they changed.
 */
import { readSourceFile, type ReadSourceResult } from '../text/source-file.js';
import { DocumentTree, type ParseCounts } from './document-tree.js';

export interface DiskFile {
  read: ReadSourceResult;
  tree: DocumentTree;
}

export class DiskFiles {
  private readonly files = new Map<string, DiskFile>();

  constructor(
    private readonly counts: ParseCounts,
    private readonly maxBytes: () => number,
    /** How a file is read (readSourceFile: decoded, binary and oversized files refused). */
    private readonly read: (filePath: string, maxBytes: number) => ReadSourceResult = readSourceFile,
  ) {}

  get(filePath: string): DiskFile {
    let file = this.files.get(filePath);
    if (!file) {
      file = { read: this.read(filePath, this.maxBytes()), tree: new DocumentTree(this.counts) };
      this.files.set(filePath, file);
    }
    return file;
  }

  /** Forgets a file (it changed or was deleted on disk). */
  invalidate(filePath: string): void {
    this.files.get(filePath)?.tree.dispose();
    this.files.delete(filePath);
  }

  /** Frees the syntax trees of files (their text is kept); they are parsed again when needed. */
  releaseTrees(paths: Iterable<string>): void {
    for (const p of paths) this.files.get(p)?.tree.dispose();
  }

  invalidateAll(): void {
    for (const f of this.files.values()) f.tree.dispose();
    this.files.clear();
  }

  dispose(): void {
    this.invalidateAll();
  }
}
