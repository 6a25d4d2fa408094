/**
 * Which files' `static` functions a file of the module sees: its own, and those of the headers it
 * includes with "...", directly or through other headers. The preprocessor pastes a header into
 * every translation unit that includes it, so a `static` or `static inline` function defined in a
 * header is a function of each of those units (docs/architecture.md, Modules). Includes are
 * resolved as module discovery resolves them (module-discovery.ts): relative to the including
 * file, else any file of the module whose path ends with the path written, in any case.
 */
import type { FileSummary } from './summary-types.js';

export class IncludeVisibility {
  /** The module's C/C++ files by normalised path. */
  private readonly byPath = new Map<string, FileSummary>();
  /** The same, as `/path` for matching the end of a path. */
  private readonly slashed: { path: string; file: FileSummary }[] = [];
  /** Per file, the files it includes (resolved), worked out when first asked. */
  private readonly direct = new Map<string, FileSummary[]>();
  /** Per file, every file it includes, transitively. */
  private readonly reach = new Map<string, ReadonlySet<string>>();

  constructor(files: readonly FileSummary[]) {
    for (const file of files) {
      if (file.language !== 'cpp') continue;
      const path = normalisedPath(file.filePath);
      this.byPath.set(path, file);
      this.slashed.push({ path: `/${path}`, file });
    }
  }

  /** Whether code of `fromFile` sees the static functions defined in `definedIn`. */
  sees(fromFile: string, definedIn: string): boolean {
    return fromFile === definedIn || this.includedBy(fromFile).has(definedIn);
  }

  /** The files `filePath` includes, directly or through other includes (paths as the summaries hold them). */
  includedBy(filePath: string): ReadonlySet<string> {
    let found = this.reach.get(filePath);
    if (found) return found;
    const seen = new Set<string>();
    const queue = [filePath];
    for (let i = 0; i < queue.length; i++) {
      for (const target of this.includesOf(queue[i])) {
        if (target.filePath === filePath || seen.has(target.filePath)) continue;
        seen.add(target.filePath);
        queue.push(target.filePath);
      }
    }
    this.reach.set(filePath, (found = seen));
    return found;
  }

  private includesOf(filePath: string): FileSummary[] {
    let list = this.direct.get(filePath);
    if (list) return list;
    list = [];
    const summary = this.byPath.get(normalisedPath(filePath));
    for (const written of summary?.includes ?? []) list.push(...this.resolveInclude(filePath, written));
    this.direct.set(filePath, list);
    return list;
  }

  /** The files of the module an `#include "written"` in `from` names: the one beside `from`, else those ending with the path. */
  private resolveInclude(from: string, written: string): FileSummary[] {
    const path = normalisedPath(written);
    if (path === '') return [];
    const beside = this.byPath.get(normalisedPath(`${parentOf(from)}/${written}`));
    if (beside) return [beside];
    const tail = includeTail(written);
    return this.slashed.filter((f) => f.path.endsWith(tail)).map((f) => f.file);
  }
}

/**
 * What the path of a file named by `#include "written"` ends with when the include does not
 * resolve beside the including file: `/` and the path written, normalised, without leading `./`
 * and `../` (a folder of the include path stands there). Compare with `/` + normalisedPath(file).
 */
export function includeTail(written: string): string {
  return '/' + normalisedPath(written).replace(/^(\.\.?\/)+/, '');
}

/** A path with `/` separators, `.` and `..` segments worked out, in lower case (Windows paths ignore case). */
export function normalisedPath(path: string): string {
  const parts: string[] = [];
  const absolute = /^[\\/]/.test(path);
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return (absolute ? '/' : '') + parts.join('/').toLowerCase();
}

function parentOf(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash < 0 ? '.' : path.slice(0, slash);
}
