/**
 * Hover: on a reported range, the rule's guideline, why it matters and how to fix it; on a DIF_*
 * identifier, what the code means and whether it runs in an interactive context; on an
 * installer entry point's name, the DIF codes it handles (from the installer model).
 */
import { ErrorCodes, MarkupKind, ResponseError, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { difCodeInfo, type EntryPointInfo, entryPointName, languageOfPath, type OffsetRange, readRuleDoc, ruleDocUrl } from '../../engine/index.js';
import type { OpenDocument } from '../documents/open-documents.js';
import { difCodeHover, entryPointHover, ruleHover } from '../convert/hover-content.js';
import { toLspRange, toOffset } from '../convert/positions.js';
import type { Session } from '../session.js';

export function registerHover(session: Session): void {
  session.connection.onHover((params) => hover(session, params));
}

function hover(session: Session, params: HoverParams): Hover | null {
  session.assertLive('textDocument/hover');
  const uri = params?.textDocument?.uri;
  if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument/hover needs textDocument.uri');
  const doc = session.documents.get(uri);
  if (!doc || !doc.filePath) return null;
  const offset = toOffset(doc.lineIndex, params.position, session.client.encoding);
  if (offset === undefined) throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument/hover: the position is malformed or outside the document');

  const sections: string[] = [];
  let range: OffsetRange | undefined;
  const widen = (r: OffsetRange) => {
    range = range ? [Math.min(range[0], r[0]), Math.max(range[1], r[1])] : r;
  };

  let outcome = session.lint.cached(doc.filePath);
  if (!outcome || outcome.version !== doc.version) outcome = session.lint.lint(doc.filePath);
  if (outcome.version === doc.version && !outcome.notice) {
    const seen = new Set<string>();
    for (const m of outcome.messages) {
      if (!m.ruleId || m.fatal || seen.has(m.ruleId) || offset < m.range[0] || offset > m.range[1]) continue;
      seen.add(m.ruleId);
      sections.push(ruleHover(m.ruleId, session.lint.rules.get(m.ruleId), readRuleDoc(m.ruleId), ruleDocUrl(m.ruleId), m.message));
      widen(m.range);
    }
  }

  if (languageOfPath(doc.filePath) === 'cpp') {
    const word = identifierAt(doc.text, offset);
    // Only real identifiers: not a word inside a comment or a string.
    const node = word && doc.tree.treeFor(session.parser, doc.text).rootNode.descendantForIndex(word.range[0], word.range[1]);
    if (word && node && /identifier$/.test(node.type)) {
      const info = difCodeInfo(word.text);
      if (info) {
        sections.push(difCodeHover(info));
        widen(word.range);
      }
      const entry = session.lint
        .entryPoints(doc.filePath)
        .find((e) => e.filePath === doc.filePath && e.nameRange[0] <= offset && offset <= e.nameRange[1]);
      if (entry) {
        sections.push(entryPointHover(entry, difCodeInfo, callsByDifCode(session, doc, entry)));
        widen([entry.nameRange[0], entry.nameRange[1]]);
      }
    }
  }
  if (sections.length === 0) return null;
  return {
    contents: { kind: session.client.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText, value: sections.join('\n\n---\n\n') },
    range: range && toLspRange(doc.lineIndex, range, session.client.encoding),
  };
}

/** The functions an entry point calls under each DIF code, asked of the installer model call by call. */
function callsByDifCode(session: Session, doc: OpenDocument, entry: EntryPointInfo): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const model = doc.filePath ? session.lint.model(doc.filePath) : undefined;
  if (!model || !doc.filePath) return out;
  const root = doc.tree.treeFor(session.parser, doc.text).rootNode;
  const body = root.descendantForIndex(entry.range[0], Math.max(entry.range[0], entry.range[1] - 1));
  if (!body) return out;
  const calls = body.descendantsOfType('call_expression');
  for (const call of calls) {
    if (!call || call.startIndex < entry.range[0] || call.endIndex > entry.range[1]) continue;
    const callee = call.childForFieldName('function');
    if (!callee || callee.type !== 'identifier') continue;
    for (const c of model.contextsAt(doc.filePath, call.startIndex)) {
      if (entryPointName(c) !== entry.name) continue;
      const list = out.get(c.difCode) ?? [];
      if (!list.includes(callee.text)) list.push(callee.text);
      out.set(c.difCode, list);
    }
  }
  return out;
}

/** The C identifier around an offset (the offset may be just after its last character). */
function identifierAt(text: string, offset: number): { text: string; range: OffsetRange } | undefined {
  const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
  let start = offset;
  while (start > 0 && isWord(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && isWord(text[end])) end++;
  if (start === end || /[0-9]/.test(text[start])) return undefined;
  return { text: text.slice(start, end), range: [start, end] };
}
