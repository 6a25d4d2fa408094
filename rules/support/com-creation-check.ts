/**
 * no-dll-load's check of COM creation (docs/rules/no-dll-load.md, "COM classes"): creating a class
 * that is not Windows' in the caller's process loads the DLL that serves it into the installer
 * (docs/installer-facts.md#com-classes-and-dialogs). Reported where the rule reports LoadLibrary:
 * everywhere without the installer model; with it, where an entry point handles a DIF code, and
 * in code only DllMain reaches when `reportDllMain` is set. Classes the `allowedClasses` option
 * lists (by name, or by the GUID the file defines them with) are not reported.
 */
import type { Node } from 'web-tree-sitter';
import { inDisabledCode, type RuleContext, siteContext } from '../../engine/index.js';
import { type ComCreation, inProcessCreation, isWindowsClass } from './com-creation.js';
import { guidDefinitions, normalizeGuid } from './com-guid-definitions.js';

export type ComCreationMessageId = 'comCreate' | 'comCreateInContext' | 'comCreateInDllMain';

const LOADS = 'which loads the DLL that serves the class into the installer: class installers and co-installers must not load DLLs';
const ALLOW = 'If {{className}} is a class of Windows, list it in the rule\'s allowedClasses option.';

export const COM_CREATION_MESSAGES: Record<ComCreationMessageId, string> = {
  comCreate: `{{api}} creates the COM class {{className}} in process ({{classContext}}), ${LOADS}. ${ALLOW}`,
  comCreateInContext: `{{api}} creates the COM class {{className}} in process ({{classContext}}) while {{entryPoint}} handles {{difCode}}, ${LOADS}. ${ALLOW}`,
  comCreateInDllMain: `{{api}} creates the COM class {{className}} in process ({{classContext}}) in DllMain, which loads the DLL that serves the class under the loader lock; installers must not load DLLs. ${ALLOW}`,
};

/** The schema of the option: CLSID names (`CLSID_ContosoHelper`, or `ContosoHelper` as `__uuidof` names it) or GUIDs. */
export const ALLOWED_CLASSES_SCHEMA = {
  type: 'array',
  items: { type: 'string', pattern: '^(?:[A-Za-z_][A-Za-z0-9_]*|\\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}?)$' },
} as const;

type ComContext = Pick<RuleContext<ComCreationMessageId>, 'filePath' | 'sourceCode' | 'services' | 'report'>;

function isAllowed(creation: ComCreation, names: ReadonlySet<string>, guids: ReadonlySet<string>, context: ComContext, call: Node): boolean {
  const name = creation.className;
  if (names.has(name) || (creation.viaUuidof && names.has(`CLSID_${name}`))) return true;
  if (guids.size === 0) return false;
  const guid = guidDefinitions(call.tree, context.sourceCode).get(name);
  return guid !== undefined && guids.has(guid);
}

/** A `call_expression` listener body: reports the call when it creates a class that is not Windows' in process. */
export function comCreationCheck(context: ComContext, options: { allowedClasses?: readonly string[]; reportDllMain: boolean }): (call: Node) => void {
  const names = new Set<string>();
  const guids = new Set<string>();
  for (const entry of options.allowedClasses ?? []) {
    const guid = normalizeGuid(entry);
    if (guid) guids.add(guid);
    else names.add(entry);
  }
  const model = context.services.installer;
  return (call) => {
    const creation = inProcessCreation(call);
    if (!creation || isWindowsClass(creation) || isAllowed(creation, names, guids, context, call) || inDisabledCode(call)) return;
    const data = { api: creation.api, className: creation.className, classContext: creation.classContext };
    const node = creation.nameNode;
    if (!model) {
      context.report({ node, messageId: 'comCreate', data });
      return;
    }
    const site = siteContext(model, context.filePath, call.startIndex);
    if (site) {
      context.report({ node, messageId: 'comCreateInContext', data: { ...data, entryPoint: site.entryPoint, difCode: site.difCode }, related: site.related });
    } else if (options.reportDllMain && model.onlyFromDllMain(context.filePath, call.startIndex)) {
      context.report({ node, messageId: 'comCreateInDllMain', data });
    }
  };
}
