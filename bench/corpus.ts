/**
 * A benchmark corpus: the C/C++ files under some folders, read and decoded the way the linter
 * reads them (files it would skip, binary or too large, are skipped here too and counted).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { languageOfPath, readSourceFile } from '../engine/index.js';

export interface CorpusFile {
  path: string;
  text: string;
}

export interface Corpus {
  root: string;
  files: CorpusFile[];
  skipped: number;
  /** Size of the files read, in bytes as stored. */
  bytes: number;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** Every C/C++ file under `root`, in a stable (sorted) order. */
export function listCppFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && languageOfPath(entry.name) === 'cpp') {
        out.push(full);
      }
    }
  };
  walk(root);
  return out;
}

export function loadCorpus(root: string): Corpus {
  const files: CorpusFile[] = [];
  let skipped = 0;
  let bytes = 0;
  for (const file of listCppFiles(root)) {
    const read = readSourceFile(file);
    if (!read.ok) {
      skipped++;
      continue;
    }
    files.push({ path: file, text: read.text });
    bytes += statSync(file).size;
  }
  return { root, files, skipped, bytes };
}
