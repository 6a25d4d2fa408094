/**
 * Guideline 3: installers must not load DLLs by explicit calls (LoadLibrary and kin) or by link
 * dependencies on non-system libraries (#pragma comment(lib, ...), /DELAYLOAD in
 * #pragma comment(linker, ...): rules/support/link-pragmas.ts), nor by creating a COM class that
 * is not Windows' in process, which loads the DLL serving it (rules/support/com-creation-check.ts).
 * In build files: the vendor libraries and delay-loaded DLLs of a DLL project (rules/support/build-links.ts).
 */
import type { Node } from 'web-tree-sitter';
import { calleeName, calleeNode, createRule, fileLanguage, inDisabledCode, LIBRARY_LOAD_APIS, memoByName, siteContext } from '../engine/index.js';
import { linkDependencies } from './support/link-pragmas.js';
import { BUILD_LINK_MESSAGES, buildLinks, type BuildLinkMessageId } from './support/build-links.js';
import { ALLOWED_CLASSES_SCHEMA, COM_CREATION_MESSAGES, comCreationCheck, type ComCreationMessageId } from './support/com-creation-check.js';

type Options = [{ reportDllMain?: boolean; allowedClasses?: string[] }];

export default createRule<'load' | 'loadInContext' | 'loadInDllMain' | 'linkDependency' | 'delayLoad' | ComCreationMessageId | BuildLinkMessageId, Options>({
  name: 'no-dll-load',
  // C/C++ files, and build files: the libraries a DLL project links (rules/support/build-links.ts)
  languages: ['cpp', 'build'],
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
      delayLoad:
        '/DELAYLOAD:{{dll}} makes the installer load {{dll}}, a DLL that is not part of Windows, at its first call: installers must not load DLLs through link dependencies.',
      // creating an in-process COM class that is not Windows' (rules/support/com-creation-check.ts)
      ...COM_CREATION_MESSAGES,
      // a vendor library or delay-loaded DLL in a build file (rules/support/build-links.ts)
      ...BUILD_LINK_MESSAGES,
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
    if (fileLanguage(context.filePath) === 'build') return buildLinks(context);
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
        const dependencies = linkDependencies(node);
        if (dependencies.length === 0 || inDisabledCode(node) || (model && model.entryPoints.length === 0)) return;
        for (const dependency of dependencies) {
          if (dependency.kind === 'library') {
            // from the `#` of the directive to the pragma's closing parenthesis
            context.report({ loc: [dependency.start, dependency.end], messageId: 'linkDependency', data: { library: dependency.library } });
          } else {
            context.report({ loc: [dependency.start, dependency.end], messageId: 'delayLoad', data: { dll: dependency.dll } });
          }
        }
      },
    };
  },
});
