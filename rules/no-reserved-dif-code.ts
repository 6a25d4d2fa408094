/**
 * DIF codes reserved for the system (Microsoft's "Private DIF Codes"; docs/installer-facts.md#reserved-dif-codes):
 * vendor installers must not handle them. Reports case labels and comparisons on the DIF
 * parameter of an installer entry point whose code does work there (a case, with the cases it
 * falls into, or the branch an `==` test guards: rules/support/dispatch-labels.ts, case-work.ts;
 * one that only traces does not handle the code), and reserved codes the model saw in a dispatch
 * table or a helper (unless the helper, in this file, does no work for them).
 */
import type { Node } from 'web-tree-sitter';
import { CASE_EXITS, createRule, type Fix, followStatements, RESERVED_DIF_CODES, type SourceCode, statementsOf } from '../engine/index.js';
import type { WorkQuestion } from './support/case-work.js';
import { dispatchLabels, helperLabels } from './support/dispatch-labels.js';
import { removeStatement } from './support/finish-install.js';
import { entryPointsInFile, type InstallerKind } from './support/entry-points-in-file.js';
import { callKinds } from './support/tracing-calls.js';

/**
 * What an entry point returns for a code it leaves alone (docs/installer-facts.md#return-codes-for-unhandled-dif-codes):
 * NO_ERROR for a co-installer (ERROR_SUCCESS and 0 are the same value), ERROR_DI_DO_DEFAULT for a class installer.
 */
const PASS_THROUGH: Record<InstallerKind, ReadonlySet<string>> = {
  'co-installer': new Set(['NO_ERROR', 'ERROR_SUCCESS', '0']),
  'class-installer': new Set(['ERROR_DI_DO_DEFAULT']),
};

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
      removeCase: 'Remove the case for {{difCode}}: Windows handles it itself',
    },
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    const { sourceCode } = context;
    const reserved = (code: string) => RESERVED_DIF_CODES.has(code);
    return {
      'Program:exit'() {
        const callKind = callKinds(context.services.installer, context.filePath);
        for (const entry of entryPointsInFile(context)) {
          const body = entry.node.childForFieldName('body');
          if (!body || !entry.dif) continue;
          const question: WorkQuestion = { callKind, passThrough: PASS_THROUGH[entry.kind], difVariable: entry.dif };
          const seen = new Set<string>();
          const { labels, dispatches } = dispatchLabels(body, entry.dif, sourceCode.text, question, reserved);
          for (const label of labels) {
            if (!label.work) continue;
            seen.add(label.code);
            const removal = label.cases ? caseRemoval(sourceCode, label.cases, label.index!) : null;
            context.report({
              node: label.node,
              messageId: 'reserved',
              data: { entryPoint: entry.name, difCode: label.code },
              suggest: removal ? [{ messageId: 'removeCase', fix: () => removal }] : undefined,
            });
          }
          // Dispatch tables and other shapes the model understands but the syntax above does not
          // (only for entry points that do not switch on or compare their DIF parameter), but for
          // codes that the helpers of this file the entry point hands its code to do no work for.
          if (dispatches) continue;
          const handled = entry.info?.handledDifCodes ?? [];
          if (!handled.some(reserved)) continue;
          const inHelpers = helperLabels(entry.node, entry.dif, sourceCode.text, question, reserved);
          for (const code of handled) {
            if (!reserved(code) || seen.has(code)) continue;
            const found = inHelpers.filter((l) => l.code === code);
            if (found.length > 0 && found.every((l) => !l.work)) continue;
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
