/**
 * The edits behind "disable for this line" and "disable for this file": a directive comment
 * added above the line (or at the top of the file), or the rule added to the directive that is
 * already there. C/C++ use // and /* *\/ comments, INF files ";", MSBuild files <!-- -->
 * (after the XML declaration, which must come first), `sources` and `makefile.inc` "#"
 * (engine/linter/comments.ts buildComments). Pure.
 */
import { isBuildFile, languageOfPath, type Fix, type LineIndex } from '../../engine/index.js';

export type CommentStyle = 'c' | 'inf' | 'xml' | 'hash';

const NEXT_LINE = /^(\s*)(\/\/|\/\*|;|<!--|#)\s*coinstaller-lint-disable-next-line(?=\s|$|\*\/|-->)/;
const FILE_DISABLE = /^(\s*)(\/\/|\/\*|;|<!--|#)\s*coinstaller-lint-disable(?=\s|$|\*\/|-->)/;
const LINE_COMMENT: Record<CommentStyle, (directive: string) => string> = {
  c: (d) => `// ${d}`,
  inf: (d) => `; ${d}`,
  xml: (d) => `<!-- ${d} -->`,
  hash: (d) => `# ${d}`,
};
const FILE_COMMENT: Record<CommentStyle, (directive: string) => string> = { ...LINE_COMMENT, c: (d) => `/* ${d} */` };

/** How directives are written in a file, or null for a file without comments (compile_commands.json). */
export function commentStyleOf(filePath: string): CommentStyle | null {
  if (languageOfPath(filePath) === 'inf') return 'inf';
  if (!isBuildFile(filePath)) return 'c';
  const name = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1).toLowerCase();
  if (name === 'compile_commands.json') return null;
  return name === 'sources' || name === 'makefile.inc' ? 'hash' : 'xml';
}

/** Disables `ruleId` on 0-based `line`: merges into a disable-next-line directive on the line above, or adds one. */
export function disableForLine(lines: LineIndex, line: number, ruleId: string, style: CommentStyle | null): Fix | null {
  if (style === null) return null;
  if (line > 0) {
    const above = lines.lineText(line - 1);
    if (NEXT_LINE.test(above)) return mergeInto(lines, line - 1, NEXT_LINE, ruleId);
  }
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  const start = lines.lineStarts[line];
  return { range: [start, start], text: `${indent}${LINE_COMMENT[style](`coinstaller-lint-disable-next-line ${ruleId}`)}${lines.eol}` };
}

/** Disables `ruleId` for the whole file: merges into a disable directive on the first line, or adds one there. */
export function disableForFile(lines: LineIndex, ruleId: string, style: CommentStyle | null): Fix | null {
  if (style === null) return null;
  // an XML declaration must stay the first thing of the file
  const first = style === 'xml' && lines.lineCount > 1 && /^\uFEFF?<\?xml\b/.test(lines.lineText(0)) ? 1 : 0;
  if (lines.lineCount > first && FILE_DISABLE.test(lines.lineText(first)) && !NEXT_LINE.test(lines.lineText(first))) {
    return mergeInto(lines, first, FILE_DISABLE, ruleId);
  }
  const at = lines.lineStarts[first] ?? 0;
  return { range: [at, at], text: `${FILE_COMMENT[style](`coinstaller-lint-disable ${ruleId}`)}${lines.eol}` };
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
  if (head[2] === '/*' || head[2] === '<!--') {
    const close = text.indexOf(head[2] === '/*' ? '*/' : '-->', listStart);
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
