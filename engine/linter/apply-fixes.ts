/**
 * Applies fixes to a text, or to the texts of a module (cross-file fixes). Fixes are applied in
 * order of position; one that overlaps a fix already taken is left for a later pass (the caller
 * re-lints and tries again), so applying several fixes never corrupts text.
 */
import { mergeEdits } from './fixer.js';
import type { Fix } from './types.js';

export interface ApplyResult {
  output: string;
  applied: Fix[];
  /** Fixes that overlapped an applied one: they need a new lint pass. */
  deferred: Fix[];
}

export function applyFixes(text: string, fixes: readonly Fix[]): ApplyResult {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const applied: Fix[] = [];
  const deferred: Fix[] = [];
  let out = '';
  let cursor = 0;
  // End of the last applied fix; -1 so that an insertion at offset 0 is allowed.
  let lastEnd = -1;
  for (const fix of sorted) {
    const [start, end] = fix.range;
    // Touching ranges conflict too (two insertions at one offset would have no defined order).
    if (start <= lastEnd) {
      deferred.push(fix);
      continue;
    }
    out += text.slice(cursor, start) + fix.text;
    cursor = end;
    lastEnd = end;
    applied.push(fix);
  }
  out += text.slice(cursor);
  return { output: out, applied, deferred };
}

/** A fix of a message, and the file the message is in (the fix's own edit is in that file). */
export interface ModuleFix {
  filePath: string;
  fix: Fix;
}

export interface ModuleApplyResult {
  /** The fixed texts of the files some applied fix changed, by path. */
  outputs: Map<string, string>;
  applied: ModuleFix[];
  /** Fixes with an edit that overlapped or touched an applied one, in any file: they need a new lint pass. */
  deferred: ModuleFix[];
}

/**
 * Applies the fixes of a module's messages to the module's texts (`texts`: the files fixes may
 * edit, by path). A fix is applied whole, its own edit and its edits in other files
 * (Fix.otherFiles), or not at all in this pass: one of its edits overlaps or touches an edit
 * already taken in that file, so it is deferred (the caller lints again and tries again); one that
 * edits a file outside `texts` is never applied. Fixes are taken file by file in the order of
 * `texts`, by position within a file, as applyFixes takes them.
 */
export function applyModuleFixes(texts: ReadonlyMap<string, string>, fixes: readonly ModuleFix[]): ModuleApplyResult {
  const order = new Map([...texts.keys()].map((path, i) => [path, i]));
  const sorted = [...fixes].sort(
    (a, b) =>
      (order.get(a.filePath) ?? order.size) - (order.get(b.filePath) ?? order.size) ||
      a.fix.range[0] - b.fix.range[0] ||
      a.fix.range[1] - b.fix.range[1],
  );
  const taken = new Map<string, { range: readonly [number, number]; text: string }[]>();
  const applied: ModuleFix[] = [];
  const deferred: ModuleFix[] = [];
  for (const mf of sorted) {
    const parts = partsOf(mf, texts);
    if (!parts) continue;
    // touching ranges conflict too (two insertions at one offset would have no defined order)
    const conflicts = parts.some((p) => (taken.get(p.filePath) ?? []).some((t) => p.range[0] <= t.range[1] && t.range[0] <= p.range[1]));
    if (conflicts) {
      deferred.push(mf);
      continue;
    }
    for (const p of parts) {
      const list = taken.get(p.filePath) ?? [];
      list.push(p);
      taken.set(p.filePath, list);
    }
    applied.push(mf);
  }
  const outputs = new Map<string, string>();
  for (const [filePath, edits] of taken) outputs.set(filePath, applyFixes(texts.get(filePath)!, edits).output);
  return { outputs, applied, deferred };
}

/** A fix's edit in each file it changes (several edits in one other file merged); undefined when it edits a file outside `texts`. */
function partsOf(mf: ModuleFix, texts: ReadonlyMap<string, string>): { filePath: string; range: readonly [number, number]; text: string }[] | undefined {
  const { fix } = mf;
  const parts: { filePath: string; range: readonly [number, number]; text: string }[] = [];
  // a fix of other files only has the empty own edit ([0, 0], ''): nothing to apply there
  const ownEmpty = fix.otherFiles !== undefined && fix.otherFiles.length > 0 && fix.range[0] === fix.range[1] && fix.text === '';
  if (!ownEmpty) {
    if (!texts.has(mf.filePath)) return undefined;
    parts.push({ filePath: mf.filePath, range: fix.range, text: fix.text });
  }
  for (const other of fix.otherFiles ?? []) {
    const text = texts.get(other.filePath);
    if (text === undefined) return undefined;
    if (other.edits.length > 0) parts.push({ filePath: other.filePath, ...mergeEdits(other.edits, text) });
  }
  return parts;
}
