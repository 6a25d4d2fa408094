/**
 * Applies fixes to a text. Fixes are applied in order of position; one that overlaps a fix
 * already taken is left for a later pass (the caller re-lints and tries again), so applying
 * several fixes never corrupts text.
 */
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
