/**
 * Installers must not queue file operations themselves (SetupQueueCopy*, SetupQueueDelete*,
 * SetupQueueRename*, SetupQueueDefaultCopy): the files a driver package installs, deletes or
 * renames belong in the INF (CopyFiles), where they are signed, tracked and staged.
 */
import { createRule, isFileQueueApi, siteContext } from '../engine/index.js';
import { apiCallListener } from './support/api-call-listener.js';

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
    return apiCallListener(isFileQueueApi, ({ api, call, target }) => {
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
