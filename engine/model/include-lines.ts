/**
 * The `#include` lines of a C/C++ file as written, for module discovery (module-discovery.ts) and
 * the files of a DLL project (engine/build/build-module.ts): a quick scan of the text, not the
 * preprocessor (every branch of an `#if` counts).
 */
import { languageOfPath } from '../parsing/cpp-parser.js';
import { readSourceFile, type ReadSourceResult } from '../text/source-file.js';

export interface IncludeLine {
  /** The path as written between the quotes or the angle brackets. */
  path: string;
  /** "..." (true) or <...> (false). */
  quoted: boolean;
}

/**
 * The `#include` lines of a C/C++ file on disk; none for other files or when it cannot be read.
 * `readFile`: how to read it (a run's shared reads, engine/batch/source-reads.ts).
 */
export function includesOf(filePath: string, readFile: (filePath: string) => ReadSourceResult = readSourceFile): IncludeLine[] {
  if (languageOfPath(filePath) !== 'cpp') return [];
  const read = readFile(filePath);
  if (!read.ok) return [];
  const out: IncludeLine[] = [];
  const re = /^[ \t]*#[ \t]*include[ \t]*(?:"([^"\r\n]+)"|<([^>\r\n]+)>)/gm;
  for (let m = re.exec(read.text); m; m = re.exec(read.text)) out.push(m[1] !== undefined ? { path: m[1], quoted: true } : { path: m[2], quoted: false });
  return out;
}
