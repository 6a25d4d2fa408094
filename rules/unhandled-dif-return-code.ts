/**
 * What an installer returns for a DIF code it does not handle (docs/installer-facts.md#return-codes-for-unhandled-dif-codes):
 *  - a co-installer returns NO_ERROR; it never returns ERROR_DI_DO_DEFAULT itself (it may pass
 *    on Context->InstallResult in post-processing);
 *  - a class installer returns ERROR_DI_DO_DEFAULT, so that Windows runs the default handler.
 */
import type { Node } from 'web-tree-sitter';
import { ancestors, breaksOutOf, caseLabel, casesOf, createRule, difComparison, difSwitches, dispatchAt, enclosingFunction, type Fix, followStatements, functionName, identifiersSpelled, returnedValue, siteContext, type SourceCode, statementsAfter, statementsOf, stripParens } from '../engine/index.js';
import { indentStep, replaceKeepingComment } from './support/code-style.js';
import { entryPointsInFile, type FileEntryPoint } from './support/entry-points-in-file.js';

const DO_DEFAULT = 'ERROR_DI_DO_DEFAULT';

type MessageIds = 'coInstallerUnhandled' | 'coInstallerHandled' | 'coInstallerHelper' | 'classInstallerUnhandled' | 'returnNoError' | 'returnDoDefault' | 'addDefault';

export default createRule<MessageIds>({
  name: 'unhandled-dif-return-code',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require co-installers to return NO_ERROR, and class installers ERROR_DI_DO_DEFAULT, for DIF codes they do not handle',
      guideline: 'Co-installer and class installer return values',
      recommended: true,
    },
    messages: {
      coInstallerUnhandled:
        'Co-installer {{entryPoint}} returns ERROR_DI_DO_DEFAULT for the DIF codes it does not handle: a co-installer returns NO_ERROR for them (only class installers return ERROR_DI_DO_DEFAULT).',
      coInstallerHandled:
        'Co-installer {{entryPoint}} returns ERROR_DI_DO_DEFAULT for {{difCode}}: co-installers return NO_ERROR, ERROR_DI_POSTPROCESSING_REQUIRED or a Win32 error, never ERROR_DI_DO_DEFAULT.',
      coInstallerHelper:
        '{{function}} returns ERROR_DI_DO_DEFAULT while co-installer {{entryPoint}} handles {{difCode}}: co-installers return NO_ERROR, ERROR_DI_POSTPROCESSING_REQUIRED or a Win32 error, never ERROR_DI_DO_DEFAULT.',
      classInstallerUnhandled:
        'Class installer {{entryPoint}} returns {{value}} for the DIF codes it does not handle: it must return ERROR_DI_DO_DEFAULT so that Windows runs the default handler.',
      returnNoError: 'Return NO_ERROR instead of ERROR_DI_DO_DEFAULT',
      returnDoDefault: 'Return ERROR_DI_DO_DEFAULT instead of {{value}}',
      addDefault: 'Return ERROR_DI_DO_DEFAULT for the DIF codes the switch does not handle',
    },
    fixable: 'code',
    schema: [],
  },
  create(context) {
    const model = context.services.installer;
    const { sourceCode } = context;
    const toNoError = (n: Node) => () => replaceKeepingComment(sourceCode, [n.startIndex, n.endIndex], 'NO_ERROR');

    const checkCoInstaller = (entry: FileEntryPoint, body: Node) => {
      // only uses of the constant are reported: none when the body's text never spells it
      const at = sourceCode.text.indexOf(DO_DEFAULT, body.startIndex);
      if (at < 0 || at + DO_DEFAULT.length > body.endIndex) return;
      const returned = returnedLocals(body);
      for (const node of doDefaultUses(body, sourceCode.text)) {
        if (enclosingFunction(node)?.id !== entry.node.id) continue;
        const { value, parent } = outermost(node);
        if (!parent) continue;
        const isReturn = parent.type === 'return_statement';
        const target = isReturn ? parent : localAssigned(value, returned);
        if (!target) continue;
        const at = entry.dif ? dispatchAt(target, body, entry.dif) : null;
        const handled = at && !at.other && at.codes.length > 0 ? at.codes.join(', ') : undefined;
        context.report({
          node,
          messageId: handled ? 'coInstallerHandled' : 'coInstallerUnhandled',
          data: { entryPoint: entry.name, difCode: handled },
          fix: toNoError(node),
          fixMessageId: 'returnNoError',
        });
      }
    };

    const checkClassInstaller = (entry: FileEntryPoint, body: Node) => {
      if (!entry.dif) return;
      const found = unhandledReturn(body, entry.dif);
      if (!found) return;
      const value = returnedValue(found.ret);
      if (!value || !isSuccess(value)) return;
      context.report({
        node: value,
        messageId: 'classInstallerUnhandled',
        data: { entryPoint: entry.name, value: value.text },
        fix: () => {
          if (!found.shared) return replaceKeepingComment(sourceCode, [value.startIndex, value.endIndex], DO_DEFAULT);
          return found.addDefault ? found.addDefault(sourceCode) : null;
        },
        fixMessageId: found.shared ? 'addDefault' : 'returnDoDefault',
      });
    };

    return {
      'Program:exit'() {
        const entries = entryPointsInFile(context);
        for (const entry of entries) {
          const body = entry.node.childForFieldName('body');
          if (!body) continue;
          if (entry.kind === 'co-installer') checkCoInstaller(entry, body);
          else checkClassInstaller(entry, body);
        }
        if (!model || !sourceCode.text.includes(DO_DEFAULT)) return;
        // Helpers that return ERROR_DI_DO_DEFAULT into a co-installer.
        const root = sourceCode.ast;
        if (!root) return;
        for (const node of doDefaultUses(root, sourceCode.text)) {
          const ret = outermost(node).parent;
          if (!ret || ret.type !== 'return_statement') continue;
          const fn = enclosingFunction(ret);
          if (!fn || entries.some((e) => e.node.id === fn.id)) continue;
          const site = siteContext(model, context.filePath, ret.startIndex, (c) => c.entryPoint.kind === 'co-installer');
          if (!site) continue;
          context.report({
            node,
            messageId: 'coInstallerHelper',
            data: { function: functionName(fn) ?? 'this function', entryPoint: site.entryPoint, difCode: site.difCode },
            related: site.related,
          });
        }
      },
    };
  },
});

/**
 * The expression a name stands for, through parentheses and casts around it, and the node holding
 * it: from one walk down (climbing Node.parent is quadratic in depth: engine/syntax/ancestors.ts).
 */
function outermost(node: Node): { value: Node; parent: Node | null } {
  const up = ancestors(node);
  let i = 0;
  while (up[i]?.type === 'parenthesized_expression' || up[i]?.type === 'cast_expression') i++;
  return { value: i === 0 ? node : up[i - 1], parent: up[i] ?? null };
}

/** The identifiers ERROR_DI_DO_DEFAULT under `node` (found where the text spells it), in document order. */
function doDefaultUses(node: Node, text: string): Node[] {
  const root = node.tree.rootNode;
  return identifiersSpelled(root, text, DO_DEFAULT).filter((n) => n.startIndex >= node.startIndex && n.endIndex <= node.endIndex);
}

function isSuccess(value: Node): boolean {
  if (value.type === 'identifier') return value.text === 'NO_ERROR' || value.text === 'ERROR_SUCCESS';
  return value.type === 'number_literal' && /^0+[uUlL]*$/.test(value.text);
}

/** Names of locals the function returns (`return status;`). */
function returnedLocals(body: Node): Set<string> {
  const names = new Set<string>();
  for (const r of body.descendantsOfType('return_statement')) {
    const v = r ? returnedValue(r) : null;
    if (v?.type === 'identifier') names.add(v.text);
  }
  return names;
}

/** The declarator or assignment that stores ERROR_DI_DO_DEFAULT into a returned local, if `node` is its value. */
function localAssigned(node: Node, returned: Set<string>): Node | null {
  const parent = node.parent;
  if (!parent) return null;
  if (parent.type === 'init_declarator' && parent.childForFieldName('value')?.id === node.id) {
    return returned.has(parent.childForFieldName('declarator')?.text ?? '') ? parent : null;
  }
  if (parent.type === 'assignment_expression' && parent.childForFieldName('operator')?.text === '=' && parent.childForFieldName('right')?.id === node.id) {
    return returned.has(parent.childForFieldName('left')?.text ?? '') ? parent : null;
  }
  return null;
}

interface UnhandledReturn {
  ret: Node;
  /** True when DIF codes the installer handles reach the same return. */
  shared: boolean;
  /** When shared: the edit that gives unhandled codes a return of their own, if one is safe. */
  addDefault?: (sourceCode: SourceCode) => Fix | null;
}

/** The return statement a class installer reaches for DIF codes it does not handle. */
function unhandledReturn(body: Node, dif: string): UnhandledReturn | null {
  const sw = difSwitches(body, dif).find((s) => s.parent?.id === body.id);
  if (sw) return fromSwitch(sw);
  return fromIfChain(body, dif);
}

function fromSwitch(sw: Node): UnhandledReturn | null {
  const cases = casesOf(sw);
  const defIndex = cases.findIndex((c) => caseLabel(c) === null);
  const def = defIndex >= 0 ? cases[defIndex] : undefined;
  const fallsInto = (i: number) => i > 0 && followStatements(statementsOf(cases[i - 1])).kind === 'end';
  if (def) {
    const end = followStatements(statementsOf(def));
    if (end.kind === 'return') return { ret: end.node, shared: fallsInto(defIndex) };
    if (end.kind === 'other') return null;
  }
  const after = statementsAfter(sw);
  if (!after) return null;
  const end = followStatements(after);
  if (end.kind !== 'return') return null;
  const lastFallsOff = cases.length > 0 && followStatements(statementsOf(cases.at(-1)!)).kind === 'end';
  const shared = cases.some((c) => c !== def && breaksOutOf(c, sw)) || (lastFallsOff && cases.at(-1) !== def);
  if (!shared) return { ret: end.node, shared: false };
  return { ret: end.node, shared: true, addDefault: (sourceCode) => defaultEdit(sw, cases, def, sourceCode) };
}

/** Adds `default: return ERROR_DI_DO_DEFAULT;`, or turns the default's `break;` into that return. */
function defaultEdit(
  sw: Node,
  cases: Node[],
  def: Node | undefined,
  sourceCode: SourceCode,
): Fix | null {
  if (def) {
    const direct = statementsOf(def);
    const last = direct.at(-1);
    const breaks = def.descendantsOfType('break_statement').length;
    if (!last || last.type !== 'break_statement' || breaks !== 1) return null;
    return { range: [last.startIndex, last.endIndex], text: `return ${DO_DEFAULT};` };
  }
  const last = cases.at(-1);
  const block = sw.childForFieldName('body');
  if (!last || !block || followStatements(statementsOf(last)).kind === 'end') return null;
  const closing = block.endIndex - 1;
  const lineStart = sourceCode.lineIndex.lineStarts[sourceCode.lineIndex.lineOf(closing)];
  // Only when the closing brace stands on a line of its own, below the last case.
  if (!/^[ \t]*$/.test(sourceCode.text.slice(lineStart, closing)) || lineStart <= last.startIndex) return null;
  const caseIndent = sourceCode.indentationAt(last.startIndex);
  const stmt = statementsOf(last)[0];
  const inner = stmt ? sourceCode.indentationAt(stmt.startIndex) : caseIndent;
  const fn = enclosingFunction(sw);
  const stmtIndent = inner.length > caseIndent.length ? inner : caseIndent + (fn ? indentStep(sourceCode, fn) : '    ');
  const eol = sourceCode.eol;
  return { range: [lineStart, lineStart], text: `${caseIndent}default:${eol}${stmtIndent}return ${DO_DEFAULT};${eol}` };
}

function fromIfChain(body: Node, dif: string): UnhandledReturn | null {
  const statements = statementsOf(body);
  const at = statements.findIndex((s) => s.type === 'if_statement' && testsDif(s, dif));
  if (at < 0) return null;
  let shared = false;
  for (let s: Node | null | undefined = statements[at]; s && s.type === 'if_statement'; ) {
    const consequence = s.childForFieldName('consequence');
    if (!consequence || !endsInReturn(consequence)) shared = true;
    const alt = s.childForFieldName('alternative');
    const next: Node | null | undefined = alt?.namedChild(0);
    if (alt && next && next.type !== 'if_statement') {
      // A final else: that is where unhandled codes go.
      const end = followStatements(next.type === 'compound_statement' ? statementsOf(next) : [next]);
      return end.kind === 'return' ? { ret: end.node, shared: false } : null;
    }
    s = next;
  }
  const end = followStatements(statements.slice(at + 1));
  return end.kind === 'return' ? { ret: end.node, shared } : null;
}

function testsDif(ifStatement: Node, dif: string): boolean {
  const cond = ifStatement.childForFieldName('condition');
  const expr = cond?.namedChild(0) ?? cond;
  const test = expr ? difComparison(expr, dif) : null;
  return test !== null && test.operator === '==' && /^DIF_\w+$/.test(stripParens(test.code.text));
}

function endsInReturn(statement: Node): boolean {
  if (statement.type === 'return_statement') return true;
  if (statement.type !== 'compound_statement') return false;
  const end = followStatements(statementsOf(statement));
  return end.kind === 'return';
}
