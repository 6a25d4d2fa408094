/**
 * DIF codes reserved for the system (Microsoft's "Private DIF Codes"; docs/installer-facts.md#reserved-dif-codes):
 * vendor installers must not handle them. Reports case labels and comparisons on the DIF
 * parameter of an installer entry point, and reserved codes the model saw in a dispatch table.
 */
import type { Node } from 'web-tree-sitter';
import { caseLabel, CASE_EXITS, casesOf, createRule, difComparison, difSwitches, type Fix, followStatements, RESERVED_DIF_CODES, type SourceCode, statementsOf, stripParens } from '../engine/index.js';
import { removeStatement } from './support/finish-install.js';
import { entryPointsInFile } from './support/entry-points-in-file.js';

export default createRule<'reserved' | 'reservedInTable' | 'removeCase'>({
  name: 'no-reserved-dif-code',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow handling DIF codes that are reserved for the system',
      guideline: 'Private DIF codes',
      recommended: true,
    },
    messages: {
      reserved: '{{entryPoint}} handles {{difCode}}, a DIF code reserved for the system: vendor installers must not handle it.',
      reservedInTable:
        '{{entryPoint}} dispatches {{difCode}}, a DIF code reserved for the system: vendor installers must not handle it.',
      removeCase: 'Remove the case for {{difCode}}: Windows handles it itself.',
    },
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    const { sourceCode } = context;
    return {
      'Program:exit'() {
        for (const entry of entryPointsInFile(context)) {
          const body = entry.node.childForFieldName('body');
          if (!body || !entry.dif) continue;
          const seen = new Set<string>();
          let dispatches = false;
          for (const sw of difSwitches(body, entry.dif)) {
            dispatches = true;
            const cases = casesOf(sw);
            cases.forEach((c, i) => {
              const value = c.childForFieldName('value');
              const code = caseLabel(c);
              if (!value || code === null || !RESERVED_DIF_CODES.has(code)) return;
              seen.add(code);
              const removal = caseRemoval(sourceCode, cases, i);
              context.report({
                node: value,
                messageId: 'reserved',
                data: { entryPoint: entry.name, difCode: code },
                suggest: removal ? [{ messageId: 'removeCase', fix: () => removal }] : undefined,
              });
            });
          }
          for (const expr of comparisonsWith(body, entry.dif, sourceCode.text)) {
            const test = difComparison(expr, entry.dif);
            if (!test) continue;
            const code = stripParens(test.code.text);
            if (/^DIF_\w+$/.test(code)) dispatches = true;
            if (!RESERVED_DIF_CODES.has(code)) continue;
            seen.add(code);
            context.report({ node: test.code, messageId: 'reserved', data: { entryPoint: entry.name, difCode: code } });
          }
          // Dispatch tables and other shapes the model understands but the syntax above does not
          // (only for entry points that do not switch on or compare their DIF parameter).
          if (dispatches) continue;
          for (const code of entry.info?.handledDifCodes ?? []) {
            if (!RESERVED_DIF_CODES.has(code) || seen.has(code)) continue;
            seen.add(code);
            const [start, end] = entry.info!.nameRange;
            context.report({ loc: [start, end], messageId: 'reservedInTable', data: { entryPoint: entry.name, difCode: code } });
          }
        }
      },
    };
  },
});

/**
 * The binary expressions of `body` with an operand spelled `dif` (alone or in parentheses), in
 * document order: found from where the text spells the name (an operand's text is the text where
 * it stands: blanking never writes a name), not by listing every binary expression of the body.
 * difComparison wants nothing else.
 */
function comparisonsWith(body: Node, dif: string, text: string): Node[] {
  const found = new Map<number, Node>();
  if (dif.length === 0) return [];
  const end = body.endIndex;
  for (let at = text.indexOf(dif, body.startIndex); at >= 0 && at + dif.length <= end; at = text.indexOf(dif, at + 1)) {
    // the node that spells the name here (an identifier, or whatever else has exactly this text)
    const leaf = body.descendantForIndex(at, at + dif.length);
    if (!leaf || leaf.startIndex !== at || leaf.endIndex !== at + dif.length) continue;
    let operand: Node = leaf;
    let parent = leaf.parent;
    while (parent && (parent.type === 'parenthesized_expression' || (parent.startIndex === at && parent.endIndex === at + dif.length))) {
      operand = parent;
      parent = parent.parent;
    }
    if (!parent || parent.type !== 'binary_expression') continue;
    const left = parent.childForFieldName('left');
    const right = parent.childForFieldName('right');
    if (left?.id !== operand.id && right?.id !== operand.id) continue;
    found.set(parent.id, parent);
  }
  // the order of descendantsOfType: by start, an enclosing expression before one it holds
  return [...found.values()].sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
}

/**
 * Removing the case for a reserved code, when that cannot change what other codes do:
 *  - a label stacked on others (no statements, or statements it shares with labels above): the label;
 *  - a case of its own that ends in a jump and that no case above falls into: the whole case.
 */
function caseRemoval(sourceCode: SourceCode, cases: Node[], i: number): Fix | null {
  const c = cases[i];
  const value = c.childForFieldName('value')!;
  const own = statementsOf(c);
  const prev = i > 0 ? cases[i - 1] : undefined;
  const prevStacked = prev !== undefined && statementsOf(prev).length === 0;
  const labelEnd = sourceCode.text.indexOf(':', value.endIndex) + 1;
  if (own.length === 0 || prevStacked) {
    const idx = sourceCode.lineIndex;
    const line = idx.lineOf(c.startIndex);
    const lineStart = idx.lineStarts[line];
    const rest = sourceCode.text.slice(labelEnd, idx.contentEnd(line));
    if (/^[ \t]*$/.test(sourceCode.text.slice(lineStart, c.startIndex)) && /^[ \t]*$/.test(rest)) {
      const next = line + 1 < idx.lineCount ? idx.lineStarts[line + 1] : sourceCode.text.length;
      return { range: [lineStart, next], text: '' };
    }
    return { range: [c.startIndex, labelEnd], text: '' };
  }
  const last = own.at(-1)!;
  const endsInJump = CASE_EXITS.has(last.type);
  const fallsIn = prev !== undefined && followStatements(statementsOf(prev)).kind === 'end';
  if (!endsInJump || fallsIn) return null;
  // The whole case, from its label's line to its last statement's line.
  const whole = removeStatement(sourceCode, c);
  return whole;
}
