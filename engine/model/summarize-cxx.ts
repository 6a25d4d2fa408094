/**
 * What the summary walk records for C++ state and calls (docs/architecture.md, Globals and
 * Propagation): summarize-names.ts and summarize-walk.ts call these at the nodes they concern.
 *
 * - The class a method call is looked up in (CallSite.receiverClass): the declared class of a
 *   local or parameter receiver (`step->Run()`, `obj.Run()`), the method's own class
 *   (`this->Run()`), or the qualifier of a qualified call (`Base::Run()`, exactly that class).
 *   The module graph resolves the call to that class's methods and its subclasses' overriders
 *   (class-hierarchy.ts); a class it does not know leaves the call resolved by name.
 * - The bases of each class (`struct ShowStep : Step`).
 * - Singletons: what a function returns (`return s;` of a function static), whether a call's
 *   result is written through (`Settings::Instance().mode = 2`) or has a method called on it
 *   (`Settings::Instance().SetMode(2)`), and whether a method writes a member through `this`.
 */
import type { Node } from 'web-tree-sitter';
import { COM_SMART_POINTERS } from '../knowledge/com-classes.js';
import type { Binding } from './scope-index.js';
import type { Frame } from './summarize-frame.js';
import type { WalkState } from './summarize-walk-state.js';
import type { CallSite, FunctionSummary } from './summary-types.js';

/** The standard library's smart pointers; COM's are COM_SMART_POINTERS. */
const STD_SMART_POINTERS = new Set(['unique_ptr', 'shared_ptr', 'weak_ptr', 'auto_ptr']);

/** A smart pointer, by its last name (`std::unique_ptr`, `wil::com_ptr`): its first template argument is the class a `->` call reaches. */
function isSmartPointer(name: string): boolean {
  const last = name.slice(name.lastIndexOf(':') + 1);
  return STD_SMART_POINTERS.has(last) || COM_SMART_POINTERS.has(last);
}

/**
 * The class a declared type names: `Step`, `Step*`, `const Step&`, `contoso::Step` (its last
 * name), `std::unique_ptr<Step>` (the pointee); undefined for anything else (`auto`, arrays of
 * templates, function types).
 */
export function classOfType(type: string): string | undefined {
  let t = type.replace(/\b(?:const|volatile|struct|class|typename)\b/g, ' ').trim();
  const template = /^([\w:]+)\s*<\s*([\w:]+)\s*[*&\s]*[,>]/.exec(t);
  if (template && isSmartPointer(template[1])) t = template[2];
  else t = t.replace(/[*&\s]+$/, '');
  if (!/^[A-Za-z_][\w:]*$/.test(t) || t === 'auto') return undefined;
  const k = t.lastIndexOf('::');
  return k >= 0 ? t.slice(k + 2) : t;
}

/** The class of a method from its qualified name (`Settings::SetMode` -> `Settings`), undefined for a free function. */
export function classOfMethod(qualifiedName: string): string | undefined {
  const k = qualifiedName.lastIndexOf('::');
  if (k < 0) return undefined;
  const scope = qualifiedName.slice(0, k);
  const j = scope.lastIndexOf('::');
  return j >= 0 ? scope.slice(j + 2) : scope;
}

/**
 * A local or parameter named at `frame` is the receiver of a method call (`step->Run()`,
 * `obj.Run()`): the call is looked up in the class of its declared type.
 */
export function noteReceiver(w: WalkState, frame: Frame, parent: Frame, binding: Binding, fn: FunctionSummary | undefined): void {
  if (parent.type !== 'field_expression' || frame.field !== 'argument' || parent.field !== 'function') return;
  const call = w.frameAt(w.frames.length - 2)?.call;
  if (!call) return;
  const type = binding.kind === 'local' ? binding.type : binding.kind === 'param' ? fn?.params[binding.index]?.type : undefined;
  const cls = type ? classOfType(type) : undefined;
  if (cls) call.receiverClass = cls;
}

/**
 * `this` at `frame` (a node the walk does not descend into): a member written through it marks
 * the method (`this->mode = m`), and a call through it (`this->Run()`) is looked up in the
 * method's class.
 */
export function noteThis(w: WalkState, frame: Frame, access: (w: WalkState, frame: Frame) => 'read' | 'write'): void {
  const fn = w.currentFn();
  const parent = w.parentFrame();
  if (!fn || !parent) return;
  if (access(w, frame) === 'write') fn.writesThis = true;
  if (parent.type !== 'field_expression' || frame.field !== 'argument' || parent.field !== 'function') return;
  const call = w.frameAt(w.frames.length - 2)?.call;
  const cls = classOfMethod(fn.qualifiedName);
  if (call && cls) call.receiverClass = cls;
}

/** A qualified callee (`Base::Run`, `contoso::Settings::Instance`): the call is looked up in its last qualifier only. */
export function noteQualifier(call: CallSite, callee: Node): void {
  let n: Node | null = callee;
  for (let depth = 0; n && depth < 16; depth++) {
    const name: Node | null = n.childForFieldName('name');
    if (name?.type !== 'qualified_identifier') break;
    n = name;
  }
  const scope = n?.childForFieldName('scope');
  if (!scope) return;
  const text = scope.type === 'template_type' ? (scope.childForFieldName('name')?.text ?? '') : scope.text;
  if (!/^[A-Za-z_]\w*$/.test(text)) return;
  call.receiverClass = text;
  call.exactClass = true;
}

/**
 * The method called on the object named at `frame` (`g_settings.SetMode(1)`,
 * `contoso::g_settings.SetMode(1)`, `(s).Reset()`), through `.` only: `p->SetMode(1)` writes what
 * the pointer points to, not the variable. Undefined when the name is no such receiver.
 */
export function methodCalledOn(w: WalkState, frame: Frame): string | undefined {
  const frames = w.frames;
  let child = frame;
  for (let i = frames.length - 1; i >= 1; i--) {
    const f = frames[i];
    if ((f.type === 'qualified_identifier' && child.field === 'name') || f.type === 'parenthesized_expression') {
      child = f;
      continue;
    }
    if (f.type !== 'field_expression' || child.field !== 'argument' || f.field !== 'function' || !dotAfter(w.text, frame.end)) return undefined;
    return frames[i - 1].call?.name || undefined;
  }
  return undefined;
}

/** The first token after `at`, past blanks and closing parentheses, is `.`. */
function dotAfter(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\n' || text[i] === ')')) i++;
  return text[i] === '.';
}

/** The name at `frame` is what the current function returns (`return s;`, `return *s_instance;`, `return (s);`). */
export function noteReturned(w: WalkState, fn: FunctionSummary, name: string, global: number | undefined): void {
  const frames = w.frames;
  for (let i = frames.length - 1; i >= 0; i--) {
    const t = frames[i].type;
    if (t === 'parenthesized_expression' || t === 'pointer_expression' || t === 'qualified_identifier') continue;
    if (t === 'return_statement') fn.returns = global === undefined ? { name } : { name, global };
    return;
  }
}

/**
 * How the result of the call of `frame` (just left: its frame is off the path) is used: written
 * through a member or element (`Settings::Instance().mode = 2`, `Get()->count++`,
 * `Instance() = other`), or the receiver of a method call (`Settings::Instance().SetMode(2)`).
 */
export function noteCallResult(w: WalkState, frame: Frame): void {
  const call = frame.call;
  if (!call) return;
  const frames = w.frames;
  let child = frame;
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    if (f.type === 'parenthesized_expression' || ((f.type === 'field_expression' || f.type === 'subscript_expression') && child.field === 'argument')) {
      child = f;
      continue;
    }
    if (f.type === 'assignment_expression') {
      if (child.field === 'left') call.resultWritten = true;
    } else if (f.type === 'update_expression') {
      call.resultWritten = true;
    } else if (f.type === 'call_expression' && child.type === 'field_expression' && child.field === 'function' && f.call) {
      call.resultMethod = f.call.name;
    }
    return;
  }
}

/** The nodes of a base clause that name a base (not `public`, `virtual`, ...). */
const BASE_TYPES = new Set(['type_identifier', 'qualified_type_identifier', 'template_type']);

/**
 * The body of a class or struct under the cursor (a field_declaration_list): the class, with the
 * last names of its bases (`struct ShowStep : public Step`), joins FileSummary.classes.
 */
export function noteClass(w: WalkState): void {
  const name = w.innermostClass();
  const body = w.cursor.currentNode;
  const cls = body.parent;
  if (!name || !cls || (cls.type !== 'class_specifier' && cls.type !== 'struct_specifier')) return;
  const bases: string[] = [];
  for (const clause of cls.namedChildren) {
    if (clause?.type !== 'base_class_clause') continue;
    for (const child of clause.namedChildren) {
      if (!child || !BASE_TYPES.has(child.type)) continue;
      const base = child.type === 'template_type' ? child.childForFieldName('name') : child;
      const baseName = base ? classOfType(base.text) : undefined;
      if (baseName) bases.push(baseName);
    }
  }
  (w.out.classes ??= []).push({ name, bases, start: body.startIndex });
}

/** `DWORD ContosoState::s_Installs = 0;`: the qualifier's last name before the declared name at `start`, if any. */
export function qualifierBefore(text: string, start: number): string | undefined {
  let i = start;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  if (i < 2 || text[i - 1] !== ':' || text[i - 2] !== ':') return undefined;
  i -= 2;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  const end = i;
  while (i > 0 && /\w/.test(text[i - 1])) i--;
  return i < end ? text.slice(i, end) : undefined;
}
