/**
 * Guideline 1 (its note): installers must not fail a DIF code with
 * ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION, which makes the device installation fail; when they
 * need the user, they request a finish-install action.
 *
 * The rule reports the constant where it is returned, or assigned (to a variable, or to a
 * declaration's initial value), not where it is compared or passed on. With the installer model it
 * reports only code that runs under a DIF code, naming it; without the model it reports every such
 * site (the constant has no other use in an installer DLL).
 */
import type { Node } from 'web-tree-sitter';
import { ancestors, createRule, type EntryPointInfo, identifiersSpelled, inDisabledCode, type RuleEdit, siteContext, type SourceCode } from '../engine/index.js';
import { finishInstallScaffold, scaffoldKind } from './support/finish-install.js';
import { entryPointNode } from './support/move-to-action.js';
import { windowStationReason } from './support/windowstation-reason.js';

const CONSTANT = 'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION';
const FINISH = 'DIF_NEWDEVICEWIZARD_FINISHINSTALL';
const ACTION = 'DIF_FINISHINSTALL_ACTION';
const SETUP_NON_INTERACTIVE = 'SetupGetNonInteractiveMode';

type MessageIds = 'windowstationError' | 'windowstationErrorInContext' | 'requestAction' | 'resultOnly' | 'failWithError';

export default createRule<MessageIds, []>({
  name: 'no-interactive-windowstation-error',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow failing a DIF code with ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION; request a finish-install action instead',
      guideline: 'Displaying a user interface',
      recommended: true,
    },
    messages: {
      windowstationError:
        'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION is {{how}} as an installer result: failing a DIF code with it makes device installation fail. Request a finish-install action and do the interactive work there.',
      windowstationErrorInContext:
        'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION is {{how}} while {{entryPoint}} handles {{difCode}}: failing a DIF code with it makes device installation fail. Request a finish-install action and do the interactive work there.',
      requestAction: 'Give {{done}} as the result and request a finish-install action',
      resultOnly: 'Give {{done}} as the result; the finish-install action is requested already',
      failWithError: 'Fail with the error of the failed call ({{error}}) instead',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    // Only identifiers spelled like the constant matter: a file whose text never spells it has
    // none (blanking macros before parsing never writes this name), and in one that does they
    // are found where the text spells it, not by listening to every identifier of the file.
    if (!context.sourceCode.text.includes(CONSTANT)) return {};
    const model = context.services.installer;
    const { sourceCode, filePath } = context;
    /** The scaffold in the entry point's file, this one or another of the module (its edits carry that file's path). */
    const scaffoldFor = (info: EntryPointInfo): RuleEdit[] | null => {
      const source: SourceCode | undefined = info.filePath === filePath ? sourceCode : context.services.files?.sourceCodeOf(info.filePath);
      const fn = source ? entryPointNode(source, info) : undefined;
      if (!source || !fn) return null;
      const edits = finishInstallScaffold({
        sourceCode: source,
        entryPoint: fn,
        kind: scaffoldKind(info.kind),
        // a header of the module that #defines the constants counts
        isDefined: (macro) => model?.effectsOf(macro, info.filePath)?.kind === 'macro',
        actionNote: 'Finish-install action: do the interactive work here.',
      });
      return edits && info.filePath !== filePath ? edits.map((e) => ({ ...e, filePath: info.filePath })) : edits;
    };
    const check = (node: Node) => {
      const how = usage(node);
      if (!how || inDisabledCode(node)) return;
      if (!model) {
        context.report({ node, messageId: 'windowstationError', data: { how } });
        return;
      }
      const site = siteContext(model, filePath, node.startIndex);
      if (!site) return;
      const info = site.context.entryPoint;
      const done = info.kind === 'class-installer' ? 'ERROR_DI_DO_DEFAULT' : 'NO_ERROR';
      const data = { how, entryPoint: site.entryPoint, difCode: site.difCode, done };
      const reason = windowStationReason(node, site.context.quietGuarded === true);
      if (reason.kind === 'failure') {
        // the constant stands for a failure that has nothing to do with the user: succeeding instead
        // would hide it, so only the real error is offered, as a suggestion
        const error = reason.error;
        context.report({
          node,
          messageId: 'windowstationErrorInContext',
          data,
          related: site.related,
          suggest: error ? [{ messageId: 'failWithError', data: { ...data, error }, fix: (fixer) => fixer.replaceText(node, error) }] : undefined,
        });
        return;
      }
      const ready = [FINISH, ACTION].every((c) => info.handledDifCodes.includes(c));
      // an entry point in another file that handles both codes is trusted to request the action
      // (it may do so in a helper the scaffold cannot read there); its own file is read
      const scaffold = ready && info.filePath !== filePath ? [] : scaffoldFor(info);
      const requests = scaffold?.some((e) => e.text.includes('FlagsEx |=')) ?? false;
      const edits = (): RuleEdit[] | null => {
        const result = replacement(node, done);
        if (scaffold) return [result, ...scaffold];
        return ready ? [result] : null;
      };
      const title: MessageIds = requests || !ready ? 'requestAction' : 'resultOnly';
      const offered = scaffold !== null || ready;
      // where the installer tested that it cannot reach the user, succeeding and asking for the
      // action is what the guideline prescribes; elsewhere it changes more than the result: a suggestion
      const asFix = reason.kind === 'non-interactive';
      context.report({
        node,
        messageId: 'windowstationErrorInContext',
        data,
        related: site.related,
        fix: asFix && offered ? edits : undefined,
        fixMessageId: asFix && offered ? title : undefined,
        suggest: !asFix && offered ? [{ messageId: title, fix: edits }] : undefined,
      });
    };
    return {
      // the identifiers spelled like the constant, found where the text spells it (no other
      // finding can have the range of one, so reporting them after the walk orders nothing otherwise)
      'Program:exit'() {
        const root = sourceCode.ast;
        if (root) for (const node of identifiersSpelled(root, sourceCode.text, CONSTANT)) check(node);
      },
    };
  },
});

/**
 * The edit that gives `done` instead of the constant: the constant replaced, or, when it is a
 * branch of `SetupGetNonInteractiveMode() ? CONSTANT : done`, the whole conditional (both branches
 * would read the same; the test has no side effect).
 */
function replacement(node: Node, done: string): RuleEdit {
  // one walk down from the root (climbing Node.parent is quadratic in depth: engine/syntax/ancestors.ts)
  const up = ancestors(node);
  let i = 0;
  while (up[i]?.type === 'parenthesized_expression') i++;
  const n = i === 0 ? node : up[i - 1];
  const cond = up[i]?.type === 'conditional_expression' ? up[i] : null;
  if (cond) {
    const test = cond.childForFieldName('condition');
    const other = [cond.childForFieldName('consequence'), cond.childForFieldName('alternative')].find((b) => b && b.id !== n.id);
    const calls = test ? test.descendantsOfType(['call_expression', 'assignment_expression', 'update_expression']) : [];
    const pure = calls.every((c) => c?.type === 'call_expression' && c.childForFieldName('function')?.text === SETUP_NON_INTERACTIVE);
    if (test && other && other.id !== test.id && other.text.replace(/[()\s]/g, '') === done && pure) {
      return { range: [cond.startIndex, cond.endIndex], text: done };
    }
  }
  return { range: [node.startIndex, node.endIndex], text: done };
}

/** 'returned' or 'assigned' when the constant becomes a result; null for other uses (a comparison, an argument). */
function usage(id: Node): 'returned' | 'assigned' | null {
  const up = ancestors(id);
  let child = id;
  let i = 0;
  for (; i < up.length; child = up[i], i++) {
    const t = up[i].type;
    if (t === 'parenthesized_expression' || t === 'cast_expression') continue;
    if (t === 'conditional_expression' && up[i].childForFieldName('condition')?.id !== child.id) continue;
    break;
  }
  const p = up[i];
  if (!p) return null;
  if (p.type === 'return_statement') return 'returned';
  if (p.type === 'assignment_expression' && p.childForFieldName('right')?.id === child.id && p.childForFieldName('operator')?.text === '=') {
    return 'assigned';
  }
  if (p.type === 'init_declarator' && p.childForFieldName('value')?.id === child.id) return 'assigned';
  return null;
}
