/**
 * Comments of a file, for directives: from the syntax tree for C/C++ (so text in strings or
 * other tokens is never taken for a comment), from `;` to the end of the line, outside
 * quotes, for INF and .def files, and for build files (buildComments) `<!-- -->` in MSBuild XML,
 * `#` to the end of the line in `sources` and `makefile.inc`, none in compile_commands.json.
 */
import type { Node } from 'web-tree-sitter';
import type { Comment } from './directives.js';

export function cppComment(node: Node): Comment {
  // the text's length is the node's (one call into WASM for the end, not two)
  const text = node.text;
  const start = node.startIndex;
  let value: string;
  if (text.startsWith('//')) value = text.slice(2);
  else {
    const from = text.startsWith('/*') ? 2 : 0;
    value = text.slice(from, text.length >= from + 2 && text.endsWith('*/') ? -2 : text.length);
  }
  return { value, range: [start, start + text.length] };
}

export function semicolonComments(text: string): Comment[] {
  const out: Comment[] = [];
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') inQuote = false;
    else if (c === '"') inQuote = !inQuote;
    else if (c === ';' && !inQuote) {
      let end = i + 1;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
      out.push({ value: text.slice(i + 1, end), range: [i, end] });
      i = end - 1;
    }
  }
  return out;
}

/**
 * The comments of a build file (isBuildFile, engine/parsing/cpp-parser.ts): XML comments `<!-- ... -->` of a
 * `.vcxproj`, `.props` or `.targets` (not inside a CDATA section); in NMAKE syntax (`sources`,
 * `makefile.inc`), `#` to the end of the line, unless escaped as `^#`; JSON has no comments.
 */
export function buildComments(filePath: string, text: string): Comment[] {
  const name = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1).toLowerCase();
  if (name === 'compile_commands.json') return [];
  return name === 'sources' || name === 'makefile.inc' ? hashComments(text) : xmlComments(text);
}

function xmlComments(text: string): Comment[] {
  const out: Comment[] = [];
  for (let i = text.indexOf('<'); i >= 0 && i < text.length; i = text.indexOf('<', i + 1)) {
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i);
      if (end < 0) break;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      const end = close < 0 ? text.length : close + 3;
      out.push({ value: text.slice(i + 4, close < 0 ? end : close), range: [i, end] });
      i = end - 1;
    }
  }
  return out;
}

function hashComments(text: string): Comment[] {
  const out: Comment[] = [];
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
    if (text[i - 1] === '^') continue;
    let end = i + 1;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    out.push({ value: text.slice(i + 1, end), range: [i, end] });
    i = end;
  }
  return out;
}
