/**
 * A co-installer must not call the default DIF handlers (SetupDiInstallDevice and kin): Windows
 * calls the default handler itself, after the class installer and before co-installers that asked
 * for post-processing. Class installers may call them (to work after the default handling).
 */
import type { Node } from 'web-tree-sitter';
import { createRule, DEFAULT_DIF_HANDLER_CODES, DEFAULT_DIF_HANDLERS, enclosingFunction, siteContext } from '../engine/index.js';
import { removeStatement } from './support/finish-install.js';
import { apiCallListener } from './support/api-call-listener.js';
import { installerKindOfPrototype } from './support/entry-points-in-file.js';

export default createRule<'defaultHandler' | 'defaultHandlerInEntryPoint' | 'removeCall'>({
  name: 'no-default-dif-handler-call',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow co-installers calling the default DIF handlers such as SetupDiInstallDevice',
      guideline: 'Writing a co-installer',
      recommended: true,
    },
    messages: {
      defaultHandler:
        '{{api}} is the default handler of {{handles}}, called while co-installer {{entryPoint}} handles {{difCode}}: co-installers must not call default DIF handlers; Windows runs them after the class installer.',
      defaultHandlerInEntryPoint:
        '{{api}} is the default handler of {{handles}}: co-installers must not call default DIF handlers; Windows runs them after the class installer.',
      removeCall: 'Remove the call: Windows runs the default handler itself',
    },
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    const model = context.services.installer;
    const suggest = (call: Node) => {
      const statement = call.parent;
      if (!statement || statement.type !== 'expression_statement') return undefined;
      const holder = statement.parent?.type;
      if (holder !== 'compound_statement' && holder !== 'case_statement') return undefined;
      // the only statement of an `if` block: the whole `if` goes, never leaving an empty block
      // (not when its condition does something: then nothing is suggested)
      const block = statement.parent;
      const ifStatement = block?.parent?.type === 'if_statement' && block.parent.childForFieldName('consequence')?.id === block.id ? block.parent : null;
      const alone = block !== null && block.namedChildren.filter((c) => c !== null && c.type !== 'comment').length === 1;
      let target = statement;
      if (ifStatement && alone) {
        if (ifStatement.childForFieldName('alternative') || !sideEffectFree(ifStatement.childForFieldName('condition'))) return undefined;
        target = ifStatement;
      }
      return [{ messageId: 'removeCall' as const, fix: () => removeStatement(context.sourceCode, target) }];
    };
    return apiCallListener(
      (name) => DEFAULT_DIF_HANDLERS.has(name),
      ({ api, call, target }) => {
        const handles = DEFAULT_DIF_HANDLER_CODES.get(api) ?? 'a DIF code';
        if (!model) {
          const fn = enclosingFunction(call);
          if (!fn || installerKindOfPrototype(fn) !== 'co-installer') return;
          context.report({ node: target, messageId: 'defaultHandlerInEntryPoint', data: { api, handles }, suggest: suggest(call) });
          return;
        }
        const site = siteContext(model, context.filePath, call.startIndex, (c) => c.entryPoint.kind === 'co-installer');
        if (!site) return;
        context.report({
          node: target,
          messageId: 'defaultHandler',
          data: { api, handles, entryPoint: site.entryPoint, difCode: site.difCode },
          related: site.related,
          suggest: suggest(call),
        });
      },
    );
  },
});

/** A condition without calls, assignments or increments: dropping it changes nothing. */
function sideEffectFree(condition: Node | null): boolean {
  if (!condition) return false;
  return condition.descendantsOfType(['call_expression', 'assignment_expression', 'update_expression']).length === 0;
}
