/**
 * Keeping a fix's lines within the file's limit (rules/support/code-style.ts lineLimit): a line an
 * edit made too long is broken after a comma between the arguments of one of the calls the fix
 * wrote, the rest aligned under that call's first argument (the indentation's tabs kept), as
 * many times as it takes. Lines that were long before the fix and that it does not touch stay.
 */
import type { Fix, SourceCode } from '../../engine/index.js';
import { lineWidth } from './code-style.js';

/**
 * Breaks `line` (no line end in it) after commas inside calls of `callees` so that each piece fits
 * in `limit` columns where it can; returns the pieces (one when nothing needed breaking or could be).
 */
export function wrapLine(line: string, limit: number, callees: readonly string[]): string[] {
  if (lineWidth(line) <= limit) return [line];
  // A comment that ends the line stays with the code, one space after it, or goes on a line of its
  // own above the code when that would not fit (never pushed past the limit by the wrap).
  const trailing = trailingComment(line);
  if (trailing) {
    const pieces = wrapCode(line.slice(0, trailing).trimEnd(), limit, callees);
    const comment = line.slice(trailing);
    const last = `${pieces.at(-1)!} ${comment}`;
    if (lineWidth(last) <= limit) return [...pieces.slice(0, -1), last];
    return [`${/^[ \t]*/.exec(line)![0]}${comment}`, ...pieces];
  }
  return wrapCode(line, limit, callees);
}

/** Where a comment that runs to the end of the line starts (outside strings), or 0 when there is none after code. */
function trailingComment(line: string): number {
  const end = line.trimEnd();
  return (
    outsideStrings(line, 0, (i, ch) => {
      if (ch !== '/' || (line[i + 1] !== '/' && line[i + 1] !== '*')) return undefined;
      const closes = line[i + 1] === '/' || line.indexOf('*/', i + 2) === end.length - 2;
      return closes && line.slice(0, i).trim() !== '' ? i : 0;
    }) ?? 0
  );
}

/**
 * Calls `visit` with each index of `line` from `from` that is outside a string literal, until it
 * returns an answer (undefined: go on).
 */
function outsideStrings<T>(line: string, from: number, visit: (i: number, ch: string) => T | undefined): T | undefined {
  let inString = false;
  for (let i = from; i < line.length; i++) {
    const ch = line[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      continue;
    }
    const answer = visit(i, ch);
    if (answer !== undefined) return answer;
  }
  return undefined;
}

function wrapCode(line: string, limit: number, callees: readonly string[]): string[] {
  const out: string[] = [];
  let rest = line;
  for (let guard = 0; guard < 20 && lineWidth(rest) > limit; guard++) {
    const cut = breakPoint(rest, limit, callees);
    if (!cut) break;
    out.push(rest.slice(0, cut.at + 1));
    const ws = /^[ \t]*/.exec(rest)![0];
    const pad = Math.max(0, cut.column - lineWidth(ws));
    rest = ws + ' '.repeat(pad) + rest.slice(cut.at + 1).replace(/^ +/, '');
  }
  out.push(rest);
  return out;
}

/**
 * The last comma (index into `line`) inside a call of `callees` whose line fits, and the column
 * after that call's `(`: of the outermost call that has one (a break inside a nested call only
 * when none of the outer call fits); a comma that would leave the call's last few characters
 * alone on the next line (`5);`) only when no other fits.
 */
function breakPoint(line: string, limit: number, callees: readonly string[]): { at: number; column: number } | null {
  const open: { column: number; wanted: boolean }[] = [];
  const fits: { at: number; column: number; tail: number; depth: number }[] = [];
  let first: { at: number; column: number } | null = null;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '(') {
      const before = line.slice(0, i);
      open.push({ column: lineWidth(before) + 1, wanted: callees.some((c) => before.endsWith(c)) });
    } else if (ch === ')') open.pop();
    else if (ch === ',' && open.at(-1)?.wanted) {
      const candidate = { at: i, column: open.at(-1)!.column };
      first ??= candidate;
      if (lineWidth(line.slice(0, i + 1)) <= limit) fits.push({ ...candidate, tail: closeOf(line, i) - i, depth: open.length });
    }
  }
  const SHORT_TAIL = 8;
  const outermost = (list: typeof fits) => {
    const depth = Math.min(...list.map((f) => f.depth));
    return list.filter((f) => f.depth === depth).at(-1);
  };
  const pick = outermost(fits.filter((f) => f.tail >= SHORT_TAIL)) ?? outermost(fits);
  return pick ? { at: pick.at, column: pick.column } : first;
}

/** The index of the `)` that closes the call a comma at `from` separates arguments of (far past the line when it closes on a later line). */
function closeOf(line: string, from: number): number {
  let depth = 0;
  return (
    outsideStrings(line, from + 1, (i, ch) => {
      if (ch === '(') depth++;
      else if (ch === ')' && depth-- === 0) return i;
      return undefined;
    }) ?? Number.MAX_SAFE_INTEGER
  );
}

/**
 * The edits with every line they touch kept within `limit`: the edits of a run of lines that come
 * out too long become one edit of those whole lines, wrapped (wrapLine). Edits that insert whole
 * lines (helpers) are left alone.
 */
export function wrapEdits(sourceCode: SourceCode, edits: readonly Fix[], limit: number, callees: readonly string[]): Fix[] {
  const idx = sourceCode.lineIndex;
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0]);
  const groups: { first: number; last: number; edits: Fix[] }[] = [];
  for (const e of sorted) {
    const first = idx.lineOf(e.range[0]);
    const last = idx.lineOf(e.range[1]);
    const g = groups.at(-1);
    if (g && first <= g.last) {
      g.last = Math.max(g.last, last);
      g.edits.push(e);
    } else groups.push({ first, last, edits: [e] });
  }
  const eol = sourceCode.eol;
  const out: Fix[] = [];
  for (const g of groups) {
    const start = idx.lineStarts[g.first];
    const end = idx.contentEnd(g.last);
    let text = '';
    let at = start;
    for (const e of g.edits) {
      text += sourceCode.text.slice(at, e.range[0]) + e.text;
      at = e.range[1];
    }
    text += sourceCode.text.slice(at, end);
    const lines = text.split(/\r\n|\r|\n/);
    const wrapped = lines.flatMap((l) => wrapLine(l, limit, callees));
    if (wrapped.length === lines.length) out.push(...g.edits);
    else out.push({ range: [start, end], text: wrapped.join(eol) });
  }
  return out;
}
