/**
 * The edits behind "disable for this line" and "disable for this file": a directive comment
 * added above the line (or at the top of the file), or the rule added to the directive that is
 * already there. C/C++ use // and /* *\/ comments, INF files ";". Pure.
 */
import type { Fix, LineIndex } from '../../engine/index.js';

export type CommentStyle = 'c' | 'inf';

const NEXT_LINE = /^(\s*)(\/\/|\/\*|;)\s*coinstaller-lint-disable-next-line(?=\s|$|\*\/)/;
const FILE_DISABLE = /^(\s*)(\/\/|\/\*|;)\s*coinstaller-lint-disable(?=\s|$|\*\/)/;

/** Disables `ruleId` on 0-based `line`: merges into a disable-next-line directive on the line above, or adds one. */
export function disableForLine(lines: LineIndex, line: number, ruleId: string, style: CommentStyle): Fix | null {
  if (line > 0) {
    const above = lines.lineText(line - 1);
    if (NEXT_LINE.test(above)) return mergeInto(lines, line - 1, NEXT_LINE, ruleId);
  }
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  const start = lines.lineStarts[line];
  const comment = style === 'inf' ? '; coinstaller-lint-disable-next-line' : '// coinstaller-lint-disable-next-line';
  return { range: [start, start], text: `${indent}${comment} ${ruleId}${lines.eol}` };
}

/** Disables `ruleId` for the whole file: merges into a disable directive on the first line, or adds one there. */
export function disableForFile(lines: LineIndex, ruleId: string, style: CommentStyle): Fix | null {
  if (lines.lineCount > 0 && FILE_DISABLE.test(lines.lineText(0)) && !NEXT_LINE.test(lines.lineText(0))) {
    return mergeInto(lines, 0, FILE_DISABLE, ruleId);
  }
  const comment = style === 'inf' ? `; coinstaller-lint-disable ${ruleId}` : `/* coinstaller-lint-disable ${ruleId} */`;
  return { range: [0, 0], text: `${comment}${lines.eol}` };
}

/**
 * Adds `ruleId` to the rule list of the directive on `line`. Null when the directive already
 * covers it (it names no rule, so covers all, or names this one).
 */
function mergeInto(lines: LineIndex, line: number, re: RegExp, ruleId: string): Fix | null {
  const text = lines.lineText(line);
  const head = re.exec(text)!;
  const listStart = head[0].length;
  let end = text.length;
  if (head[2] === '/*') {
    const close = text.indexOf('*/', listStart);
    if (close !== -1) end = close;
  }
  const reason = text.slice(listStart, end).search(/\s--(\s|$)/);
  if (reason !== -1) end = listStart + reason;
  const list = text.slice(listStart, end);
  const names = list.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length === 0 || names.includes(ruleId)) return null;
  const trimmedEnd = listStart + list.trimEnd().length;
  const at = lines.lineStarts[line] + trimmedEnd;
  return { range: [at, at], text: `, ${ruleId}` };
}
