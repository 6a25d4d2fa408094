/**
 * Guideline 1: no user interface reachable from a DIF code that may run non-interactively (core
 * device installation runs in a service nobody sees; a dialog there hangs the installation).
 * UI belongs in a finish-install action (DIF_FINISHINSTALL_ACTION) or in wizard / property pages.
 *
 * Under DIF_ALLOW_INSTALL and DIF_REMOVE, UI is allowed on a path where DI_QUIETINSTALL was tested
 * clear (or SetupGetNonInteractiveMode returned FALSE); under any other code that test does not
 * make it safe (docs/installer-facts.md#dif-codes-and-interactivity).
 *
 * Without the installer model the rule reports nothing: whether a call is a problem depends
 * entirely on the DIF code it runs under, and UI in a finish-install action is correct.
 */
import { allowsUiWhenNotQuiet, createRule, inDisabledCode, mayShowUserInterface, memoByName, type ReachingContext, siteContext, UI_APIS } from '../engine/index.js';
import { planMoveToAction } from './support/move-to-action.js';
import { apiCallListener, type ApiCall } from './support/api-call-listener.js';
import { withComDialogCalls } from './support/com-dialog-calls.js';

export default createRule<'ui' | 'uiQuietGuarded' | 'uiQuietNotClear' | 'moveToAction', []>({
  name: 'no-ui-outside-finish-install',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow user interface reachable from DIF codes that run non-interactively; show it from a finish-install action',
      guideline: 'Displaying a user interface',
      recommended: true,
    },
    messages: {
      ui: '{{api}} shows user interface while {{entryPoint}} handles {{difCode}}, which may run in a non-interactive service where nobody can answer it and device installation hangs. Show it from a finish-install action (DIF_FINISHINSTALL_ACTION) instead.',
      uiQuietGuarded:
        '{{api}} shows user interface while {{entryPoint}} handles {{difCode}}, which may run in a non-interactive service where nobody can answer it and device installation hangs; testing DI_QUIETINSTALL (or SetupGetNonInteractiveMode) does not make it safe there, only under DIF_ALLOW_INSTALL and DIF_REMOVE. Show it from a finish-install action (DIF_FINISHINSTALL_ACTION) instead.',
      uiQuietNotClear:
        '{{api}} shows user interface while {{entryPoint}} handles {{difCode}} on a path where DI_QUIETINSTALL may be set: in a quiet installation nobody can answer it and device installation hangs. Show it only after testing that DI_QUIETINSTALL is clear (or that SetupGetNonInteractiveMode returns FALSE).',
      moveToAction: 'Move {{what}} into a finish-install action{{caveat}}',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    const model = context.services.installer;
    if (!model) return {};
    const extra = new Set(context.settings.uiApis);
    const isApi = (name: string) => UI_APIS.has(name) || extra.has(name);
    const uiForbidden = (c: ReachingContext) => !mayShowUserInterface(c);
    // Calls hidden in the module's own macros (`#define SHOW_ERROR(m) MessageBoxW(...)`).
    const viaMacro = memoByName((name) => model.macroCalls(name).find(isApi));
    const wanted = (name: string) => isApi(name) || viaMacro(name) !== undefined;
    const onCall = ({ api: name, call, target }: ApiCall) => {
      if (inDisabledCode(call)) return;
      // a COM dialog's method (`IFileDialog::Show`) is named as it is, neither an API nor a macro
      const hidden = isApi(name) ? undefined : viaMacro(name);
      const api = hidden ? `${hidden} (through macro ${name})` : name;
      // Prefer a context with no DI_QUIETINSTALL test: the plainer finding.
      const site =
        siteContext(model, context.filePath, call.startIndex, (c) => uiForbidden(c) && !c.quietGuarded) ??
        siteContext(model, context.filePath, call.startIndex, uiForbidden);
      if (!site) return;
      // DIF_ALLOW_INSTALL and DIF_REMOVE: the remedy is the test, not a finish-install action (which runs after installation only)
      const whenNotQuiet = allowsUiWhenNotQuiet(site.difCode);
      const plan = whenNotQuiet
        ? null
        : planMoveToAction({
            sourceCode: context.sourceCode,
            filePath: context.filePath,
            call,
            context: site.context,
            isApi,
            files: context.services.files,
            contextsAt: (file, offset) => model.contextsAt(file, offset),
            reported: uiForbidden,
          });
      context.report({
        node: target,
        messageId: whenNotQuiet ? 'uiQuietNotClear' : site.context.quietGuarded ? 'uiQuietGuarded' : 'ui',
        data: { api, entryPoint: site.entryPoint, difCode: site.difCode },
        related: site.related,
        // a fix when the move is safe (docs/rules/no-ui-outside-finish-install.md), else a suggestion saying why not
        fix: plan?.automatic ? () => plan.edits : undefined,
        fixMessageId: plan?.automatic ? 'moveToAction' : undefined,
        fixData: plan ? { what: plan.what, caveat: '' } : undefined,
        suggest: plan && !plan.automatic ? [{ messageId: 'moveToAction', data: { what: plan.what, caveat: plan.caveat }, fix: () => plan.edits }] : undefined,
      });
    };
    return withComDialogCalls(apiCallListener(wanted, onCall), onCall, wanted);
  },
});
