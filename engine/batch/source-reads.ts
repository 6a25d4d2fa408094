/**
 * One run's reads of source files (lint-file-list.ts): module discovery reads a module's sources
 * and headers for their `#include` lines (engine/model/module-discovery.ts), the cache hashes
 * every file of a module (lint-cache.ts), and the lint reads them all again; through one
 * SourceReads each file is read from disk and decoded once, and its text handed on.
 *
 * Memory stays bounded: a text is held only until the lint takes it (`take`), and the texts held
 * at once are capped (`maxChars`, oldest dropped first), so that a tree larger than the cap costs
 * a second read for some files instead of memory growing with the tree.
 */
import { readSourceFile, type ReadSourceResult } from '../text/source-file.js';

/** The texts held at once, in UTF-16 code units (64 Mi: 128 MiB). */
export const DEFAULT_MAX_HELD_CHARS = 64 * 1024 * 1024;

export interface SourceReads {
  /** The file's read, from disk the first time (and again after it was taken or dropped). */
  read: (filePath: string) => ReadSourceResult;
  /** The file's read, forgotten here: the caller is its last reader. */
  take: (filePath: string) => ReadSourceResult;
  /** Forgets the file's text, when held (nobody will read it again). */
  release: (filePath: string) => void;
  /** Reads from disk so far. */
  readonly diskReads: number;
}

export function createSourceReads(options: { maxChars?: number; readFile?: (filePath: string) => ReadSourceResult } = {}): SourceReads {
  const maxChars = options.maxChars ?? DEFAULT_MAX_HELD_CHARS;
  const readFile = options.readFile ?? ((p: string) => readSourceFile(p));
  // insertion order is age: the first key is the oldest
  const held = new Map<string, ReadSourceResult>();
  let heldChars = 0;
  let diskReads = 0;
  const size = (r: ReadSourceResult) => (r.ok ? r.text.length : 0);
  const forget = (filePath: string) => {
    const r = held.get(filePath);
    if (r === undefined) return undefined;
    held.delete(filePath);
    heldChars -= size(r);
    return r;
  };
  const read = (filePath: string): ReadSourceResult => {
    const known = held.get(filePath);
    if (known !== undefined) return known;
    const r = readFile(filePath);
    diskReads++;
    held.set(filePath, r);
    heldChars += size(r);
    for (const oldest of held.keys()) {
      if (heldChars <= maxChars || oldest === filePath) break;
      forget(oldest);
    }
    return r;
  };
  return {
    read,
    take: (filePath) => {
      const known = forget(filePath);
      if (known !== undefined) return known;
      diskReads++;
      return readFile(filePath);
    },
    release: (filePath) => void forget(filePath),
    get diskReads() {
      return diskReads;
    },
  };
}
