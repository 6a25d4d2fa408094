/**
 * Comments of a file, for directives: from the syntax tree for C/C++ (so text in strings or
 * other tokens is never taken for a comment), and from `;` to the end of the line, outside
 * quotes, for INF and .def files.
 */
import type { Node } from 'web-tree-sitter';
import type { Comment } from './directives.js';

export function cppComment(node: Node): Comment {
  const text = node.text;
  const value = text.startsWith('//') ? text.slice(2) : text.replace(/^\/\*/, '').replace(/\*\/$/, '');
  return { value, range: [node.startIndex, node.endIndex] };
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
