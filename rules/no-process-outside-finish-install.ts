/**
 * Guideline 4: no processes started from a DIF code that may run non-interactively. Windows cannot
 * track them there (it may restart the device or the system under them); start them from a
 * finish-install action, or from a page the user sees, and wait for them.
 *
 * Without the installer model the rule reports nothing (a process started from a finish-install
 * action is correct, and only the model knows which code runs there).
 */
import { createRule, inDisabledCode, memoByName, PROCESS_APIS, type ReachingContext, siteContext } from '../engine/index.js';
import { planMoveToAction } from './support/move-to-action.js';
import { apiCallListener } from './support/api-call-listener.js';

const PROCESS_NOTE = 'a process may start here; wait for it to exit.';

export default createRule<'process' | 'processQuietGuarded' | 'moveToAction', []>({
  name: 'no-process-outside-finish-install',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow starting processes from DIF codes that run non-interactively; start them from a finish-install action',
      guideline: 'Starting other processes or services',
      recommended: true,
    },
    messages: {
      process:
        '{{api}} starts a process while {{entryPoint}} handles {{difCode}}: Windows cannot track it during device installation. Start it from a finish-install action (DIF_FINISHINSTALL_ACTION) and wait for it there.',
      processQuietGuarded:
        '{{api}} starts a process while {{entryPoint}} handles {{difCode}}: Windows cannot track it during device installation, and testing DI_QUIETINSTALL does not change that. Start it from a finish-install action (DIF_FINISHINSTALL_ACTION) and wait for it there.',
      moveToAction: 'Move {{what}} into a finish-install action{{caveat}}',
    },
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    const model = context.services.installer;
    if (!model) return {};
    const extra = new Set(context.settings.processApis);
    const isApi = (name: string) => PROCESS_APIS.has(name) || extra.has(name);
    const nonInteractive = (c: ReachingContext) => !c.interactive;
    // Calls hidden in the module's own macros (`#define SHOW_ERROR(m) MessageBoxW(...)`).
    const viaMacro = memoByName((name) => model.macroCalls(name).find(isApi));
    return apiCallListener((name) => isApi(name) || viaMacro(name) !== undefined, ({ api: name, call, target }) => {
      if (inDisabledCode(call)) return;
      const api = isApi(name) ? name : `${viaMacro(name)!} (through macro ${name})`;
      // obj.system(), p->_popen(): a C++ method that shares a C run-time function's name.
      if (/^_?w?(system|spawn|exec|popen)/.test(name) && call.childForFieldName('function')?.type === 'field_expression') return;
      const site =
        siteContext(model, context.filePath, call.startIndex, (c) => nonInteractive(c) && !c.quietGuarded) ??
        siteContext(model, context.filePath, call.startIndex, nonInteractive);
      if (!site) return;
      const plan = planMoveToAction({
        sourceCode: context.sourceCode,
        filePath: context.filePath,
        call,
        context: site.context,
        isApi,
        allowedNote: PROCESS_NOTE,
        files: context.services.files,
        contextsAt: (file, offset) => model.contextsAt(file, offset),
        reported: nonInteractive,
      });
      context.report({
        node: target,
        messageId: site.context.quietGuarded ? 'processQuietGuarded' : 'process',
        data: { api, entryPoint: site.entryPoint, difCode: site.difCode },
        related: site.related,
        // Always a suggestion: the process then starts later, in the action, where it must be
        // waited for (guideline 4); the developer decides that, not an unattended fix.
        suggest: plan ? [{ messageId: 'moveToAction', data: { what: plan.what, caveat: plan.caveat }, fix: () => plan.edits }] : undefined,
      });
    });
  },
});
