/**
 * Comments of a file, for directives: from the syntax tree for C/C++ (so text in strings or
 * other tokens is never taken for a comment), and from `;` to the end of the line, outside
 * quotes, for INF and .def files.
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
