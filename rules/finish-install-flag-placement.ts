/**
 * The finish-install action protocol: DI_FLAGSEX_FINISHINSTALL_ACTION is requested while the
 * installer handles DIF_NEWDEVICEWIZARD_FINISHINSTALL, and nowhere else (not on
 * DIF_INSTALLDEVICE): that is the only DIF code after which Windows looks at the flag.
 */
import type { Node } from 'web-tree-sitter';
import { createRule, dispatchAt, enclosingFunction, type Fix, siteContext } from '../engine/index.js';
import { finishInstallScaffold, removeStatement } from './support/finish-install.js';
import { entryPointsInFile, type FileEntryPoint } from './support/entry-points-in-file.js';

const FLAG = 'DI_FLAGSEX_FINISHINSTALL_ACTION';
const FINISH = 'DIF_NEWDEVICEWIZARD_FINISHINSTALL';

export default createRule<'misplaced' | 'moveRequest'>({
  name: 'finish-install-flag-placement',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require DI_FLAGSEX_FINISHINSTALL_ACTION to be set only while handling DIF_NEWDEVICEWIZARD_FINISHINSTALL',
      guideline: 'Displaying a user interface (finish-install actions)',
      recommended: true,
    },
    messages: {
      misplaced:
        '{{flag}} is set while {{entryPoint}} handles {{difCode}}: request a finish-install action only while handling DIF_NEWDEVICEWIZARD_FINISHINSTALL.',
      moveRequest: 'Request the finish-install action on DIF_NEWDEVICEWIZARD_FINISHINSTALL instead',
    },
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    // A flag set is an identifier spelled like the flag: a file whose text never spells it has
    // none (blanking macros before parsing never writes this name).
    if (!context.sourceCode.text.includes(FLAG)) return {};
    const model = context.services.installer;
    let entryPoints: FileEntryPoint[] | undefined;
    const fileEntryPoints = () => (entryPoints ??= entryPointsInFile(context));

    const suggestion = (assignment: Node, entry: FileEntryPoint | undefined) => {
      const statement = assignment.parent;
      if (!entry || !statement || statement.type !== 'expression_statement') return undefined;
      const holder = statement.parent?.type;
      if (holder !== 'compound_statement' && holder !== 'case_statement') return undefined;
      if (enclosingFunction(statement)?.id !== entry.node.id) return undefined;
      return [
        {
          messageId: 'moveRequest' as const,
          fix: (): Fix[] | null => {
            const edits = finishInstallScaffold({
              sourceCode: context.sourceCode,
              entryPoint: entry.node,
              kind: entry.kind === 'co-installer' ? 'coinstaller' : 'class-installer',
              isDefined: () => true,
            });
            return edits ? [...edits, ...requestRemoval(statement).map((n) => removeStatement(context.sourceCode, n))] : null;
          },
        },
      ];
    };

    return {
      assignment_expression(node: Node) {
        const operator = node.childForFieldName('operator')?.text;
        if (operator !== '|=' && operator !== '=') return;
        const right = node.childForFieldName('right');
        if (!right || !setsFlag(right)) return;
        const fn = enclosingFunction(node);
        const entry = fileEntryPoints().find((e) => fn && e.node.id === fn.id);
        if (model) {
          const site = siteContext(model, context.filePath, node.startIndex, (c) => c.difCode !== FINISH);
          if (!site) return;
          context.report({
            node: flagsField(node),
            messageId: 'misplaced',
            data: { flag: FLAG, entryPoint: site.entryPoint, difCode: site.difCode },
            related: site.related,
            suggest: suggestion(node, entry),
          });
          return;
        }
        // Without the model: only what the entry point's own dispatch shows.
        if (!entry || !entry.dif) return;
        const body = entry.node.childForFieldName('body');
        const at = body ? dispatchAt(node, body, entry.dif) : null;
        if (!at) return;
        const wrong = at.codes.find((c) => c !== FINISH) ?? (at.other ? 'any other DIF code' : undefined);
        if (!wrong) return;
        context.report({
          node: flagsField(node),
          messageId: 'misplaced',
          data: { flag: FLAG, entryPoint: entry.name, difCode: wrong },
          suggest: suggestion(node, entry),
        });
      },
    };
  },
});

/**
 * Where a finding about an assignment points: the field it writes (`FlagsEx` in `p.FlagsEx |= ...`
 * or `pp->FlagsEx = ...`), the variable when it writes one, else the whole assignment.
 */
function flagsField(assignment: Node): Node {
  let left = assignment.childForFieldName('left');
  while (left?.type === 'parenthesized_expression' && left.namedChildCount === 1) left = left.namedChild(0);
  if (left?.type === 'field_expression') return left.childForFieldName('field') ?? assignment;
  if (left?.type === 'identifier') return left;
  return assignment;
}

/**
 * True when the expression ORs in or assigns the flag (not `~FLAG`, not a test). Iterative: an
 * expression nested thousands of parentheses deep must not overflow the stack.
 */
function setsFlag(expr: Node): boolean {
  const pending: Node[] = [expr];
  while (pending.length > 0) {
    const e = pending.pop()!;
    if (e.type === 'identifier') {
      if (e.text === FLAG) return true;
    } else if (e.type === 'parenthesized_expression' || e.type === 'cast_expression') {
      const inner = e.type === 'cast_expression' ? e.childForFieldName('value') : e.namedChild(0);
      if (inner) pending.push(inner);
    } else if (e.type === 'binary_expression' && e.childForFieldName('operator')?.text === '|') {
      const l = e.childForFieldName('left');
      const r = e.childForFieldName('right');
      if (r) pending.push(r);
      if (l) pending.push(l);
    }
  }
  return false;
}

const GET_PARAMS = /^SetupDiGetDeviceInstallParams[AW]?$/;
const SET_PARAMS = /^SetupDiSetDeviceInstallParams[AW]?$/;

/**
 * What goes with the misplaced request so that nothing dead or empty is left: the statement; the
 * `if (SetupDiGetDeviceInstallParams(..., &p)) { ...; SetupDiSetDeviceInstallParams(..., &p); }`
 * round trip that only carried it, with the `p.cbSize = sizeof(p);` just before it; and, outward,
 * an `if` block (without else, its condition doing nothing itself) left with nothing in it.
 */
function requestRemoval(statement: Node): Node[] {
  let removed = [statement];
  for (;;) {
    const block = removed[0].parent;
    if (!block || block.type !== 'compound_statement') return removed;
    const ifStatement = block.parent?.type === 'if_statement' && block.parent.childForFieldName('consequence')?.id === block.id ? block.parent : null;
    if (!ifStatement || ifStatement.childForFieldName('alternative')) return removed;
    const rest = block.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment' && !removed.some((r) => r.id === c.id));
    const condition = ifStatement.childForFieldName('condition');
    const getCall = condition?.namedChild(0)?.type === 'call_expression' ? condition.namedChild(0) : null;
    const variable = getCall ? paramsVariable(getCall) : null;
    if (getCall && GET_PARAMS.test(getCall.childForFieldName('function')?.text ?? '') && variable && rest.every((c) => isCallOf(c, SET_PARAMS))) {
      // the round trip carried only the request
      const before = ifStatement.previousNamedSibling;
      const sizes = before?.type === 'expression_statement' && before.text.replace(/\s+/g, '') === `${variable}.cbSize=sizeof(${variable});`;
      removed = sizes && before ? [before, ifStatement] : [ifStatement];
      continue;
    }
    if (rest.length > 0 || !condition || condition.descendantsOfType(['call_expression', 'assignment_expression', 'update_expression']).length > 0) return removed;
    removed = [ifStatement];
  }
}

/** `p` in a call whose last argument is `&p`. */
function paramsVariable(call: Node): string | null {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c !== null && c.type !== 'comment') ?? [];
  const m = /^&\s*(\w+)$/.exec(args.at(-1)?.text ?? '');
  return m ? m[1] : null;
}

function isCallOf(statement: Node, name: RegExp): boolean {
  const call = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  return call?.type === 'call_expression' && name.test(call.childForFieldName('function')?.text ?? '');
}
