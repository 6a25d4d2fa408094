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
import { createRule, identifiersSpelled, inDisabledCode, siteContext } from '../engine/index.js';
import { finishInstallScaffold, scaffoldKind } from './support/finish-install.js';
import { entryPointNode, entryPointOf } from './support/move-to-action.js';

const CONSTANT = 'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION';
const FINISH = 'DIF_NEWDEVICEWIZARD_FINISHINSTALL';
const ACTION = 'DIF_FINISHINSTALL_ACTION';

export default createRule<'windowstationError' | 'windowstationErrorInContext', []>({
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
    },
    fixable: 'code',
    schema: [],
  },
  create(context) {
    // Only identifiers spelled like the constant matter: a file whose text never spells it has
    // none (blanking macros before parsing never writes this name), and in one that does they
    // are found where the text spells it, not by listening to every identifier of the file.
    if (!context.sourceCode.text.includes(CONSTANT)) return {};
    const model = context.services.installer;
    const { sourceCode } = context;
    const check = (node: Node) => {
      const how = usage(node);
      if (!how || inDisabledCode(node)) return;
      if (!model) {
        context.report({ node, messageId: 'windowstationError', data: { how } });
        return;
      }
      const site = siteContext(model, context.filePath, node.startIndex);
      if (!site) return;
      const info = entryPointOf(context.filePath, site.context);
      const fn = info ? entryPointNode(context.sourceCode, info) : undefined;
      const scaffold =
        info && fn
          ? finishInstallScaffold({
              sourceCode: context.sourceCode,
              entryPoint: fn,
              kind: scaffoldKind(info.kind),
              isDefined: () => false,
              actionNote: 'Finish-install action: do here the interactive work that could not run during installation.',
            })
          : null;
      // An entry point in another file can only be read: when it already handles both
      // finish-install codes, replacing the constant here is the whole fix.
      const elsewhere = info ? undefined : model.entryPoints.find((e) => e.name === site.entryPoint);
      const ready = elsewhere !== undefined && [FINISH, ACTION].every((c) => elsewhere.handledDifCodes.includes(c));
      const kind = (info ?? elsewhere)?.kind;
      const done = kind === 'class-installer' ? 'ERROR_DI_DO_DEFAULT' : 'NO_ERROR';
      context.report({
        node,
        messageId: 'windowstationErrorInContext',
        data: { how, entryPoint: site.entryPoint, difCode: site.difCode },
        related: site.related,
        fix: scaffold
          ? (fixer) => [fixer.replaceText(node, done), ...scaffold]
          : ready
            ? (fixer) => fixer.replaceText(node, done)
            : undefined,
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

/** 'returned' or 'assigned' when the constant becomes a result; null for other uses (a comparison, an argument). */
function usage(id: Node): 'returned' | 'assigned' | null {
  let child = id;
  let p = id.parent;
  while (p) {
    if (p.type === 'parenthesized_expression' || p.type === 'cast_expression') {
      child = p;
      p = p.parent;
      continue;
    }
    if (p.type === 'conditional_expression' && p.childForFieldName('condition')?.id !== child.id) {
      child = p;
      p = p.parent;
      continue;
    }
    break;
  }
  if (!p) return null;
  if (p.type === 'return_statement') return 'returned';
  if (p.type === 'assignment_expression' && p.childForFieldName('right')?.id === child.id && p.childForFieldName('operator')?.text === '=') {
    return 'assigned';
  }
  if (p.type === 'init_declarator' && p.childForFieldName('value')?.id === child.id) return 'assigned';
  return null;
}
