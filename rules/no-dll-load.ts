/**
 * Guideline 3: installers must not load DLLs by explicit calls (LoadLibrary and kin) or by link
 * dependencies on non-system libraries (#pragma comment(lib, ...)).
 */
import type { Node } from 'web-tree-sitter';
import { calleeName, calleeNode, createRule, LIBRARY_LOAD_APIS, libraryBaseName, memoByName, siteContext, SYSTEM_LIBRARIES } from '../engine/index.js';
import { ALLOWED_CLASSES_SCHEMA, COM_CREATION_MESSAGES, comCreationCheck, type ComCreationMessageId } from './support/com-creation-check.js';

type Options = [{ reportDllMain?: boolean; allowedClasses?: string[] }];

export default createRule<'load' | 'loadInContext' | 'loadInDllMain' | 'linkDependency' | ComCreationMessageId, Options>({
  name: 'no-dll-load',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow loading DLLs with LoadLibrary and kin, or by link dependencies on non-system libraries',
      guideline: 'Loading executable or DLL files',
      recommended: true,
    },
    messages: {
      load: '{{api}} loads a DLL at run time: class installers and co-installers must not load DLLs by explicit calls.',
      loadInContext:
        '{{api}} loads a DLL while {{entryPoint}} handles {{difCode}}: class installers and co-installers must not load DLLs by explicit calls.',
      loadInDllMain:
        '{{api}} loads a DLL in DllMain: loading libraries there risks loader-lock deadlocks, and installers must not load DLLs.',
      linkDependency:
        '#pragma comment(lib, "{{library}}") links the installer to a non-system library: installers must not load DLLs through link dependencies.',
      // creating an in-process COM class that is not Windows' (rules/support/com-creation-check.ts)
      ...COM_CREATION_MESSAGES,
    },
    schema: [
      {
        type: 'object',
        properties: { reportDllMain: { type: 'boolean' }, allowedClasses: ALLOWED_CLASSES_SCHEMA },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ reportDllMain: false, allowedClasses: [] }],
  },
  create(context) {
    const extra = new Set(context.settings.libraryLoadApis);
    const reportDllMain = context.options[0]?.reportDllMain === true;
    const model = context.services.installer;
    const isLoad = (n: string) => LIBRARY_LOAD_APIS.has(n) || extra.has(n);
    // a macro of the module that hides the load: `#define LOAD_HELPER() LoadLibraryW(...)`
    const hiddenLoad = model ? memoByName((name) => model.macroCalls(name).find(isLoad)) : () => undefined;
    const comCreation = comCreationCheck(context, { allowedClasses: context.options[0]?.allowedClasses, reportDllMain });
    return {
      call_expression(node: Node) {
        comCreation(node);
        const name = calleeName(node);
        if (!name) return;
        let api = name;
        if (!isLoad(name)) {
          const hidden = hiddenLoad(name);
          if (!hidden) return;
          api = `${hidden} (through macro ${name})`;
        }
        const target = calleeNode(node);
        if (!model) {
          context.report({ node: target, messageId: 'load', data: { api } });
          return;
        }
        const site = siteContext(model, context.filePath, node.startIndex);
        if (site) {
          context.report({
            node: target,
            messageId: 'loadInContext',
            data: { api, entryPoint: site.entryPoint, difCode: site.difCode },
            related: site.related,
          });
        } else if (reportDllMain && model.onlyFromDllMain(context.filePath, node.startIndex)) {
          context.report({ node: target, messageId: 'loadInDllMain', data: { api } });
        }
      },
      preproc_call(node: Node) {
        if (node.childForFieldName('directive')?.text !== '#pragma') return;
        const arg = node.childForFieldName('argument');
        if (!arg) return;
        const match = /^\s*comment\s*\(\s*lib\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)/.exec(arg.text);
        if (!match) return;
        const library = match[1];
        if (SYSTEM_LIBRARIES.has(libraryBaseName(library))) return;
        if (model && model.entryPoints.length === 0) return;
        context.report({
          // from the `#` of the directive to the pragma's closing parenthesis
          loc: [node.startIndex, arg.startIndex + match[0].trimEnd().length],
          messageId: 'linkDependency',
          data: { library },
        });
      },
    };
  },
});
