/**
 * COM dialogs shown by a method call (docs/rules/no-ui-outside-finish-install.md, "COM dialogs"):
 * `pfd->Show(hwnd)` in C++ and `pfd->lpVtbl->Show(pfd, hwnd)` in C, where the receiver is a name
 * declared with one of the dialog interfaces of COM_DIALOG_METHODS, as a pointer or reference
 * (`IFileOpenDialog *pfd`), a smart pointer (`CComPtr<IFileDialog>`, `CComQIPtr<...>`,
 * `Microsoft::WRL::ComPtr<...>`, `wil::com_ptr<...>`, `winrt::com_ptr<...>`) or a `_com_ptr_t`
 * typedef (`IFileDialogPtr`). The declaration is read from the file (com-declarations.ts): a
 * local, a parameter, a file-scope variable or a class member. The COBJMACROS spellings
 * (`IFileDialog_Show(pfd, hwnd)`) are plain API names (COM_DIALOG_MACROS, in UI_APIS).
 */
import type { Node } from 'web-tree-sitter';
import { calleeName, COM_DIALOG_METHODS, COM_SMART_POINTERS, inDisabledCode, type RuleListener } from '../../engine/index.js';
import type { ApiCall } from './api-call-listener.js';
import { declarationOf } from './com-declarations.js';

const DIALOG_METHOD_NAMES = new Set(COM_DIALOG_METHODS.values());

/** The dialog interface a declared type stands for: `IFileDialog`, `CComPtr<IFileDialog>`, `IFileDialogPtr`; undefined for others. */
export function dialogInterfaceOf(type: string): string | undefined {
  const t = type.replace(/\b(?:const|volatile|struct|class)\b/g, ' ').replace(/\s+/g, '');
  const template = /^(?:::)?(?:\w+::)*(\w+)<(?:::)?(?:\w+::)*(\w+)>$/.exec(t);
  if (template) return COM_SMART_POINTERS.has(template[1]) && COM_DIALOG_METHODS.has(template[2]) ? template[2] : undefined;
  const plain = /^(?:::)?(?:\w+::)*(\w+)$/.exec(t)?.[1];
  if (!plain) return undefined;
  if (COM_DIALOG_METHODS.has(plain)) return plain;
  const typedef = plain.endsWith('Ptr') ? plain.slice(0, -3) : undefined;
  return typedef && COM_DIALOG_METHODS.has(typedef) ? typedef : undefined;
}

/** The receiver's name: `pfd`, `this->m_pfd`, `m_pfd`; null for other expressions. */
function receiverName(receiver: Node): string | null {
  if (receiver.type === 'identifier') return receiver.text;
  if (receiver.type === 'field_expression' && receiver.childForFieldName('argument')?.type === 'this') return receiver.childForFieldName('field')?.text ?? null;
  if (receiver.type === 'parenthesized_expression') {
    const inner = receiver.namedChildren.find((c) => c?.type !== 'comment');
    return inner ? receiverName(inner) : null;
  }
  return null;
}

/** `IFileOpenDialog::Show` when the call shows a COM dialog through a receiver declared with a dialog interface. */
export function comDialogCall(call: Node): string | undefined {
  const method = calleeName(call);
  const callee = call.childForFieldName('function');
  if (!method || !DIALOG_METHOD_NAMES.has(method) || callee?.type !== 'field_expression') return undefined;
  let receiver = callee.childForFieldName('argument');
  // C: pfd->lpVtbl->Show(pfd, hwnd)
  if (receiver?.type === 'field_expression' && receiver.childForFieldName('field')?.text === 'lpVtbl') receiver = receiver.childForFieldName('argument');
  const name = receiver ? receiverName(receiver) : null;
  if (!name) return undefined;
  const declared = declarationOf(name, call);
  const iface = declared ? dialogInterfaceOf(declared.type) : undefined;
  return iface && COM_DIALOG_METHODS.get(iface) === method ? `${iface}::${method}` : undefined;
}

/**
 * `listener` with COM dialog calls handed to `onCall` too (the callee's method name is the
 * target), unless `alreadyReported` says the listener reports the name itself.
 */
export function withComDialogCalls(listener: RuleListener, onCall: (call: ApiCall) => void, alreadyReported: (name: string) => boolean): RuleListener {
  const inner = listener.call_expression;
  return {
    ...listener,
    call_expression(node: Node) {
      inner?.(node);
      const api = comDialogCall(node);
      const target = node.childForFieldName('function')?.childForFieldName('field');
      if (!api || !target || alreadyReported(target.text) || inDisabledCode(node)) return;
      onCall({ api, call: node, target });
    },
  };
}
