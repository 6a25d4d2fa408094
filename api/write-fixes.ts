/**
 * Writing the fixes lintFiles computed (`output`) back to the files, without losing anything
 * (README, Security): a file is written only when it is still what the lint read (size,
 * modification time, hash), through a temporary file renamed over it (engine/text/fix-write.ts),
 * and only inside the folders that were linted; a file reached through a symbolic link that leaves
 * them is linted but not written. A file that is not written gets a message saying why, in its
 * result: the report stays whole and the exit status counts it.
 */
import { realpathSync } from 'node:fs';
import { insideRoots, type LintMessage, type PathLintResult, realRoots, writeSourceFile } from '../engine/index.js';

export interface WriteFixesOptions {
  /**
   * The folders files may be written in, after symbolic links are followed. Default: each
   * result's `writeRoots` (lintFiles sets them to the folders its patterns name); none: anywhere.
   */
  roots?: readonly string[];
}

/**
 * Writes the fixed text of every result that has one back to its file, in the encoding it was
 * read with. Returns the results, in the same order, with a message on each file not written:
 * an error (the file keeps the findings its fixes would have removed, which the result no longer
 * lists) when it changed since it was read, the write failed or it lies outside the roots; a
 * warning on the second path of a file reached twice (written once, through the first).
 */
export function writeFixes(results: readonly PathLintResult[], options: WriteFixesOptions = {}): PathLintResult[] {
  const realRootsOf = new Map<readonly string[], string[]>();
  // a file reached twice (itself and a link to it) is written once
  const byRealPath = new Map<string, string>();
  return results.map((r) => {
    if (r.output === undefined || !r.encoding) return r;
    const roots = options.roots ?? r.writeRoots;
    if (roots) {
      let real = realRootsOf.get(roots);
      if (!real) realRootsOf.set(roots, (real = realRoots(roots)));
      if (!insideRoots(real, r.filePath)) {
        return withNotice(r, 2, `not fixed: the file is reached through a symbolic link that leaves the linted folders (it is ${realPathOf(r.filePath)}); --fix writes only inside them`);
      }
    }
    const real = realPathOf(r.filePath);
    const first = byRealPath.get(real);
    if (first !== undefined) return withNotice(r, 1, `not fixed again: the same file as ${first} (a symbolic link)`);
    byRealPath.set(real, r.filePath);
    const outcome = writeSourceFile(r.filePath, r.output, r.encoding, r.readStamp);
    return outcome.ok ? r : withNotice(r, 2, outcome.message);
  });
}

function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The result with a message of its own at 1:1 (no rule), counted. */
function withNotice(r: PathLintResult, severity: 1 | 2, message: string): PathLintResult {
  const notice: LintMessage = { ruleId: null, severity, ...(severity === 2 ? { fatal: true } : {}), message, line: 1, column: 1, endLine: 1, endColumn: 1, range: [0, 0] };
  return {
    ...r,
    messages: [notice, ...r.messages],
    errorCount: r.errorCount + (severity === 2 ? 1 : 0),
    fatalErrorCount: r.fatalErrorCount + (severity === 2 ? 1 : 0),
    warningCount: r.warningCount + (severity === 1 ? 1 : 0),
  };
}
