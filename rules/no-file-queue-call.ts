/**
 * Installers must not queue file operations themselves (SetupQueueCopy*, SetupQueueDelete*,
 * SetupQueueRename*, SetupQueueDefaultCopy), nor have SetupAPI queue an INF section's files
 * (SetupInstallFilesFromInfSection; SetupInstallFromInfSection with SPINST_FILES): the files a
 * driver package installs, deletes or renames belong in the INF (CopyFiles), where they are
 * signed, tracked and staged (docs/installer-facts.md#file-queues).
 */
import type { Node } from 'web-tree-sitter';
import { createRule, INSTALL_SECTION_APIS, isFileQueueApi, siteContext, SPINST_FILES } from '../engine/index.js';
import { apiCallListener } from './support/api-call-listener.js';
import { flagsValue } from './support/install-section-flags.js';

export default createRule<'fileQueue' | 'fileQueueAnywhere', []>({
  name: 'no-file-queue-call',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow queueing file copies, deletes and renames from installer code',
      guideline: 'Loading executable or DLL files',
      recommended: true,
    },
    messages: {
      fileQueue:
        '{{api}} runs while {{entryPoint}} handles {{difCode}}: installers must not queue file operations. List the files in the INF (CopyFiles) so that they ship in the signed driver package.',
      fileQueueAnywhere:
        '{{api}} queues a file operation: installers must not queue file operations. List the files in the INF (CopyFiles) so that they ship in the signed driver package.',
    },
    schema: [],
  },
  create(context) {
    const model = context.services.installer;
    const isQueueing = (name: string) => isFileQueueApi(name) || INSTALL_SECTION_APIS.has(name);
    return apiCallListener(isQueueing, ({ api: name, call, target }) => {
      const api = queueingApi(name, call);
      if (!api) return;
      if (!model) {
        context.report({ node: target, messageId: 'fileQueueAnywhere', data: { api } });
        return;
      }
      const site = siteContext(model, context.filePath, call.startIndex);
      if (!site) return;
      context.report({
        node: target,
        messageId: 'fileQueue',
        data: { api, entryPoint: site.entryPoint, difCode: site.difCode },
        related: site.related,
      });
    });
  },
});

/**
 * What the message calls the API, or undefined when the call queues no file: an install section
 * carried out with flags that are known and lack SPINST_FILES, or flags the code does not spell
 * out (a variable, a macro of the module): those are not reported.
 */
function queueingApi(name: string, call: Node): string | undefined {
  const flagsIndex = INSTALL_SECTION_APIS.get(name);
  if (flagsIndex === undefined || flagsIndex === null) return name;
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null && a.type !== 'comment');
  const flags = args[flagsIndex];
  const value = flags ? flagsValue(flags) : undefined;
  return value !== undefined && (value & SPINST_FILES) !== 0 ? `${name} with SPINST_FILES` : undefined;
}
