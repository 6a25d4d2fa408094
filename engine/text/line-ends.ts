/**
 * Line ends as compilers read them: LF, CRLF and a lone CR (old Mac files, files pasted through
 * some editors) each end a line. GCC's preprocessor ends a `//` comment, a directive and a line
 * splice (`\` then the line end) at a lone CR as at LF; so does the linter (engine/parsing/c-lexing.ts,
 * engine/text/line-index.ts). docs/architecture.md, "Line ends", says where each part reads them.
 */

/** The three line ends a file may use. */
export type LineEnd = '\n' | '\r\n' | '\r';

const LF = 0x0a;
const CR = 0x0d;

/** Whether `text[i]` is a CR that is no part of a CRLF (a line end of its own). */
export function isLoneCr(text: string, i: number): boolean {
  return text.charCodeAt(i) === CR && text.charCodeAt(i + 1) !== LF;
}

/** Whether a line ends at `text[i]`: an LF, or a lone CR (the CR of a CRLF is not the end; its LF is). */
export function endsLineAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === LF || (c === CR && text.charCodeAt(i + 1) !== LF);
}

/**
 * `text` with every lone CR replaced by an LF: same length, same offsets, same lines. Given to
 * tree-sitter-cpp, whose grammar ends a `//` comment, a directive and an `#include` line at LF only
 * (a lone CR is whitespace to it), so that it reads lines as GCC does. CRLF is left as it is.
 */
export function loneCrAsLf(text: string): string {
  const first = text.indexOf('\r');
  if (first < 0) return text;
  return text.replace(/\r(?!\n)/g, '\n');
}

/**
 * The line end a file mostly uses, from how many lines end with each (LineIndex.eol), for the text
 * that edits insert: the most frequent; a tie goes to LF, then CRLF; LF for a text of one line.
 */
export function majorityLineEnd(lf: number, crlf: number, cr: number): LineEnd {
  if (lf >= crlf && lf >= cr) return '\n';
  return crlf >= cr ? '\r\n' : '\r';
}
