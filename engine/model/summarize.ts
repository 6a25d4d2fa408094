/**
 * summarizeFile: one pass over a C/C++ tree with a TreeCursor, recording what the module graph
 * needs: functions (name, parameters, export marks), their calls, names they use that are not
 * locals (globals, functions whose address is taken, macros), DIF guards, globals and function
 * statics with their reads and writes, dispatch tables and the module's macros.
 *
 * Every cursor read is a call into WebAssembly, so the walk reads only what some test looks at:
 * a node's type always, its field only under the parents whose fields matter, its offsets only
 * for the nodes that need them. Function headers, #defines and callees are read with the same
 * cursor (summarize-header.ts, summarize-macro.ts, resolveCall); nodes are materialised only for
 * switch and if statements that may be guards, #include lines and callees that are not plain
 * names. Tokens, leaves and skipped subtrees leave no frame. With web-tree-sitter's module
 * (summarize-cursor.ts) the cursor's calls skip web-tree-sitter's marshalling.
 */
import type { Language, Node } from 'web-tree-sitter';
import type { ParsedFile } from '../linter/linter.js';
import { ifRegions, switchRegions, type ParamOf } from './guards.js';
import { pointerKindOfCall, pointerKindOfField } from './pointer-kinds.js';
import { ScopeIndex, type Binding } from './scope-index.js';
import { walkCursor, walkCursorAt, type WalkCursor, type WasmBinding } from './summarize-cursor.js';
import { functionHeader, type CursorReader } from './summarize-header.js';
import { macroAt } from './summarize-macro.js';
import { constantCondition } from '../syntax/constant-condition.js';
import { calleeName } from './summarize-nodes.js';
import type { CallSite, FileSummary, FunctionSummary, PointerKind, Range, RefSite } from './summary-types.js';

/** One node on the walk's path. Frames are pooled by depth (one class shape, no garbage per node). */
class Frame {
  type = '';
  field: string | null = null;
  start = -1;
  end = -1;
  /** The node opens a scope (a block, a loop, a function, a lambda, ...). */
  scope = false;
  fn: FunctionSummary | undefined = undefined;
  call: CallSite | undefined = undefined;
  argIndex: number | undefined = undefined;
  /** declaration: storage class and qualifiers seen so far. */
  decl: { isStatic: boolean; isConst: boolean; isExtern: boolean; isTypedef: boolean; typeText: string; declared?: string } | undefined =
    undefined;
  /** init_declarator / assignment: the local a value is copied into. */
  target: Binding | undefined = undefined;
  /** pointer_expression / unary_expression / assignment: the operator. */
  op: string | undefined = undefined;
  /** field_expression / initializer_pair: the member named; assignment: the member on the left. */
  member: string | undefined = undefined;
  /** preproc_if: which part is dropped. */
  deadBody = false;
  deadAlt = false;
  /** initializer_list: DIF codes and names written directly in it. */
  init: { difs: string[]; refs: RefSite[] } | undefined = undefined;
  /** class/struct: its name. */
  className: string | undefined = undefined;
  /** if/switch: its condition or a label names the DIF code, PostProcessing or DI_QUIETINSTALL. */
  guard = false;
  /** Some test looks at the fields of this node's children (see CHILD_FIELD_TYPES). */
  childFields = false;
  /** Some test looks at the fields of this node's children that are names (see NAME_FIELD_TYPES). */
  nameChildFields = false;
  /** pointer_expression / unary_expression / assignment: its operator token is read. */
  takesOp = false;
  /** call_expression: `call` waits for its callee's name, which the next named child gives (see resolveCall). */
  pendingCall = false;
  /** The depth stacks of the walk this frame is on (ON_* bits), so that leave() tests one number. */
  stacks = 0;
  /** The type's flags (see flagsOfNamedType). */
  flags = 0;

  reset(type: string, field: string | null, start: number, end: number, flags: number): this {
    this.type = type;
    this.field = field;
    this.childFields = (flags & CHILD_FIELDS) !== 0;
    this.nameChildFields = (flags & NAME_CHILD_FIELDS) !== 0;
    this.pendingCall = false;
    this.stacks = 0;
    this.flags = flags;
    this.takesOp = (flags & TAKES_OP) !== 0;
    this.start = start;
    this.end = end;
    this.scope = false;
    this.fn = undefined;
    this.call = undefined;
    this.argIndex = undefined;
    this.decl = undefined;
    this.target = undefined;
    this.op = undefined;
    this.member = undefined;
    this.deadBody = false;
    this.deadAlt = false;
    this.init = undefined;
    this.className = undefined;
    this.guard = false;
    return this;
  }
}

/** Parameter types that can carry a DIF code. */
const DIF_CAPABLE = /^(?:DI_FUNCTION|UINT|DWORD|ULONG|INT|LONG|int|long|unsigned(?: int| long)?|auto|u?int(?:32|64)_t|UINT32|DWORD32|)$/;

/** Nodes whose offsets the walk needs (others are read from the node when materialised). */
const POSITIONED_TYPES = new Set(['identifier', 'field_identifier', 'compound_statement', 'case_statement', 'call_expression']);
/**
 * The nodes whose children's field names some test reads, whatever the child: `declarator` and
 * `type` of a function definition or declaration, the `name` of a class, the `left` and `right`
 * of an assignment, the `argument` of a member or subscript access, the `value` of a designated
 * initializer (ERROR is listed to be safe).
 */
const CHILD_FIELD_TYPES = new Set([
  'function_definition',
  'declaration',
  'class_specifier',
  'struct_specifier',
  'assignment_expression',
  'field_expression',
  'subscript_expression',
  'initializer_pair',
  'ERROR',
]);
/**
 * The nodes whose children's field names are read only for names (identifier, qualified_identifier):
 * the types with a `declarator` field in tree-sitter-cpp's grammar (node-types.json) and those whose
 * `name` or `value` the walk tests. Under any other parent a field name is never looked at, so the
 * walk does not read it.
 */
const NAME_FIELD_TYPES = new Set([
  'abstract_array_declarator',
  'abstract_function_declarator',
  'abstract_pointer_declarator',
  'array_declarator',
  'field_declaration',
  'for_range_loop',
  'function_declarator',
  'init_declarator',
  'lambda_expression',
  'new_expression',
  'operator_cast',
  'optional_parameter_declaration',
  'parameter_declaration',
  'pointer_declarator',
  'pointer_type_declarator',
  'template_instantiation',
  'type_definition',
  'type_descriptor',
  'variadic_parameter_declaration',
  'qualified_identifier',
  'enumerator',
  'namespace_definition',
]);
/** The names whose field is read under NAME_FIELD_TYPES. */
const NAME_TYPES = new Set(['identifier', 'qualified_identifier']);

/** What the walk does with a named node type, as bits (anonymous nodes: 0). */
const NAMED = 1;
const POSITIONED = 2;
const CHILD_FIELDS = 4;
const NAME_CHILD_FIELDS = 8;
const SKIP = 16;
const SCOPE = 32;
const TAKES_OP = 64;
const IS_NAME = 128;
const GUARD_STOP = 256;
const CLASS = 512;
const POINTER_WRAPPER = 1024;

/** Frame.stacks: the depth stacks a frame was pushed on. */
const ON_CALLS = 1;
const ON_GUARDS = 2;
const ON_DECLS = 4;
const ON_CLASSES = 8;

function flagsOfNamedType(type: string): number {
  let flags = NAMED;
  if (POSITIONED_TYPES.has(type)) flags |= POSITIONED;
  if (CHILD_FIELD_TYPES.has(type)) flags |= CHILD_FIELDS;
  if (NAME_FIELD_TYPES.has(type)) flags |= NAME_CHILD_FIELDS;
  if (NAME_TYPES.has(type)) flags |= IS_NAME;
  if (SKIP_TYPES.has(type)) flags |= SKIP;
  if (SCOPES.has(type)) flags |= SCOPE;
  if (type === 'pointer_expression' || type === 'unary_expression' || type === 'assignment_expression') flags |= TAKES_OP;
  if (GUARD_STOPS.has(type)) flags |= GUARD_STOP;
  if (type === 'class_specifier' || type === 'struct_specifier') flags |= CLASS;
  if (POINTER_WRAPPERS.has(type)) flags |= POINTER_WRAPPER;
  return flags;
}

const SCOPES = new Set(['compound_statement', 'for_statement', 'for_range_loop', 'catch_clause', 'lambda_expression', 'while_statement', 'if_statement', 'switch_statement']);
const DECLARATOR_TYPES = new Set([
  'init_declarator',
  'pointer_declarator',
  'array_declarator',
  'reference_declarator',
  'parenthesized_declarator',
  'attributed_declarator',
  'function_declarator',
  // `int Installer::s_calls = 0;`: a class static defined at file scope
  'qualified_identifier',
]);
const SKIP_TYPES = new Set([
  'comment',
  'namespace_identifier',
  'statement_identifier',
  'true',
  'false',
  'null',
  'this',
  'string_literal',
  'raw_string_literal',
  'char_literal',
  'concatenated_string',
  'number_literal',
  'primitive_type',
  'type_identifier',
  'sized_type_specifier',
  'template_argument_list',
  'preproc_call',
  'enumerator_list',
  'attribute_specifier',
  'ms_declspec_modifier',
]);
/** The frames markGuard's upward search stops at (besides functions). */
const GUARD_STOPS = new Set(['if_statement', 'switch_statement', 'case_statement', 'compound_statement', 'expression_statement', 'lambda_expression']);
/** Wrappers a function name may sit in when its address is taken. */
const POINTER_WRAPPERS = new Set(['parenthesized_expression', 'cast_expression', 'pointer_expression', 'qualified_identifier']);

/** Whether text[start, end) holds a `{` or a `#`. */
function holdsBlockOrDirective(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x23) return true;
  }
  return false;
}

/**
 * The summary of one file. `binding`, web-tree-sitter's WebAssembly module (see summarize-cursor.ts),
 * makes the walk about twice as fast; the summary is the same with or without it.
 */
export function summarizeCppFile(file: ParsedFile, binding?: WasmBinding): FileSummary {
  const { filePath, sourceCode } = file;
  const summary: FileSummary = {
    filePath,
    language: file.language,
    lineStarts: sourceCode.lineIndex.lineStarts,
    functions: [],
    globals: [],
    globalInits: [],
    macros: [],
    deadRanges: [],
    includes: [],
  };
  if (file.language === 'cpp' && sourceCode.tree) walk(walkCursor(sourceCode.tree, binding), sourceCode.tree.language, sourceCode.text, summary);
  return summary;
}

/**
 * Adds to `out` what the walk of the whole file records inside `node`, a child of the root (a
 * function definition at file scope): the walk keeps no state across such children but the
 * numbering of globals, which goes on from `out.globals` (the globals declared before `node`).
 */
export function summarizeTopLevelNode(node: Node, text: string, out: FileSummary, binding?: WasmBinding): void {
  walk(walkCursorAt(node, binding), node.tree.language, text, out);
}

function walk(cursor: WalkCursor, language: Language, text: string, out: FileSummary): void {
  const frames: Frame[] = [];
  const pool: Frame[] = [];
  const fnStack: FunctionSummary[] = [];
  // Depths (indices in `frames`) of the frames that the upward searches stop at, kept as the walk
  // enters and leaves them, so that no search walks the whole path (deep nesting stays linear).
  const fnDepths: number[] = [];
  /** frames with a call or of an argument_list: the callee test stops at the innermost. */
  const callDepths: number[] = [];
  /** frames that end markGuard's search. */
  const guardDepths: number[] = [];
  /** frames with a declaration. */
  const declDepths: number[] = [];
  /** class and struct specifiers (a method's qualified name). */
  const classDepths: number[] = [];
  const scopes = new ScopeIndex();

  const lookup = (name: string): Binding | undefined => scopes.lookup(name, fnDepths.length > 0 ? fnDepths[fnDepths.length - 1] : 0);
  const paramOf: ParamOf = (name) => {
    const b = lookup(name);
    if (!b) return undefined;
    if (b.kind === 'param') return b.index;
    if (b.kind === 'local') return b.copyOf;
    return undefined;
  };
  // (an array read below index 0 leaves V8's fast path: every read of a stack's top is guarded)
  const parentFrame = (): Frame | undefined => (frames.length > 0 ? frames[frames.length - 1] : undefined);
  const frameAt = (i: number): Frame | undefined => (i >= 0 ? frames[i] : undefined);
  const currentFn = (): FunctionSummary | undefined => (fnStack.length > 0 ? fnStack[fnStack.length - 1] : undefined);

  // type names, what the walk does with each type, and field names, by id: read once per id
  // (each cursor property read crosses into wasm, and tests on numbers beat tests on strings)
  // ids run from 0 to nodeTypeCount, and ERROR is 65535: it gets the slot after the last id, so
  // that the tables stay dense arrays
  const errorSlot = language.nodeTypeCount + 1;
  const slotOf = (id: number): number => (id < errorSlot ? id : errorSlot);
  const typeNames: string[] = new Array<string>(errorSlot + 1).fill('');
  /** Flags per type id (see flagsOfNamedType), -1 until the type is first seen. */
  const typeFlags = new Int16Array(errorSlot + 1).fill(-1);
  const learnType = (id: number): number => {
    const slot = slotOf(id);
    const name = (typeNames[slot] = language.types[id] || (language.nodeTypeForId(id) ?? 'ERROR'));
    const flags = name === 'ERROR' || language.nodeTypeIsNamed(id) ? flagsOfNamedType(name) : 0;
    typeFlags[slot] = flags;
    return flags;
  };
  const fieldNames: (string | null)[] = [];
  const fieldId = (name: string): number => language.fieldIdForName(name) ?? 0;
  const header: CursorReader = {
    cursor,
    text,
    typeName: (id) => {
      if (typeFlags[slotOf(id)] < 0) learnType(id);
      return typeNames[slotOf(id)];
    },
    isNamed: (id) => {
      const flags = typeFlags[slotOf(id)];
      return (flags < 0 ? learnType(id) : flags) !== 0;
    },
    fields: { declarator: fieldId('declarator'), parameters: fieldId('parameters'), name: fieldId('name'), body: fieldId('body'), value: fieldId('value') },
  };
  const fieldOf = (id: number): string | null => {
    if (id === 0) return null;
    let name = fieldNames[id];
    if (name === undefined) name = fieldNames[id] = language.fieldNameForId(id);
    return name;
  };

  /**
   * Enters the node under the cursor. Returns true when the walk descends into it: then its frame
   * is on the path and leave() runs when the walk comes back up. Nodes it does not descend into
   * (tokens, leaves, skipped subtrees) leave no frame: everything they record is done here.
   */
  const enter = (): boolean => {
    const typeId = cursor.nodeTypeId;
    const slot = slotOf(typeId);
    let flags = typeFlags[slot];
    if (flags < 0) flags = learnType(typeId);
    const type = typeNames[slot];
    const parent = parentFrame();
    if (flags === 0) {
      // punctuation and keywords: only operators matter, and they need no position
      if (parent !== undefined && parent.op === undefined && parent.takesOp) {
        if (parent.type !== 'assignment_expression' || type.endsWith('=')) parent.op = type;
      }
      return false;
    }
    // a node's field is read only where some test looks at it: under the parents that name one, and for names
    const field =
      parent !== undefined && (parent.childFields || parent.pendingCall || parent.deadBody || parent.deadAlt || (parent.nameChildFields && (flags & IS_NAME) !== 0))
        ? fieldOf(cursor.currentFieldId)
        : null;
    const positioned =
      (flags & POSITIONED) !== 0 ||
      (parent !== undefined &&
        (parent.deadBody ||
          parent.deadAlt ||
          (parent.decl !== undefined && (field === 'type' || type === 'storage_class_specifier' || type === 'type_qualifier')) ||
          (field === 'name' && (parent.type === 'class_specifier' || parent.type === 'struct_specifier'))));
    const start = positioned ? cursor.startIndex : -1;
    const end = positioned ? cursor.endIndex : -1;
    const frame = (pool[frames.length] ??= new Frame()).reset(type, field, start, end, flags);

    if (parent) {
      if (parent.pendingCall) resolveCall(parent, type, field, start, end);
      if (parent.type === 'argument_list' && type !== 'comment') parent.argIndex = (parent.argIndex ?? -1) + 1;
      // #if 0 / #if 1 ... #else
      if ((parent.deadBody || parent.deadAlt) && field !== 'condition') {
        const isAlt = field === 'alternative';
        if ((parent.deadBody && !isAlt) || (parent.deadAlt && isAlt)) {
          out.deadRanges.push([start, end]);
          return false;
        }
      }
      if (parent.type === 'function_definition' && (field === 'declarator' || field === 'type')) return false;
      if (parent.decl && type === 'storage_class_specifier') {
        const word = text.slice(start, end);
        if (word === 'static') parent.decl.isStatic = true;
        else if (word === 'extern') parent.decl.isExtern = true;
      } else if (parent.decl && type === 'type_qualifier' && text.slice(start, end) === 'const') parent.decl.isConst = true;
      else if (parent.decl && field === 'type') parent.decl.typeText = text.slice(start, end);
      if ((parent.type === 'class_specifier' || parent.type === 'struct_specifier') && field === 'name') parent.className = text.slice(start, end);
    }

    if ((flags & SKIP) !== 0) return false;

    switch (type) {
      case 'identifier':
        identifier(frame, text.slice(start, end));
        return false;
      case 'function_definition': {
        const fn = functionHeader(header, innermostClass());
        frame.scope = true;
        if (fn) {
          frame.fn = fn;
          fnStack.push(fn);
          out.functions.push(fn);
        }
        break;
      }
      case 'declaration':
        frame.decl = { isStatic: false, isConst: false, isExtern: false, isTypedef: false, typeText: '' };
        break;
      case 'type_definition':
      case 'field_declaration':
      case 'preproc_params':
        return false;
      case 'preproc_def':
      case 'preproc_function_def': {
        const m = macroAt(header);
        if (m) out.macros.push(m);
        return false;
      }
      case 'preproc_include': {
        const path = cursor.currentNode.childForFieldName('path');
        if (path && path.type === 'string_literal') out.includes.push(text.slice(path.startIndex + 1, path.endIndex - 1));
        return false;
      }
      case 'preproc_if':
      case 'preproc_elif': {
        const cond = cursor.currentNode.childForFieldName('condition');
        const constant = cond ? constantCondition(text.slice(cond.startIndex, cond.endIndex)) : undefined;
        if (constant === false) frame.deadBody = true;
        else if (constant === true) frame.deadAlt = true;
        break;
      }
      case 'call_expression': {
        // the callee is the first child: its name is read when the walk gets there
        const call: CallSite = { name: '', start, end, nameStart: -1, nameEnd: -1 };
        frame.call = call;
        frame.pendingCall = true;
        currentFn()?.calls.push(call);
        break;
      }
      case 'argument_list':
        frame.argIndex = -1;
        break;
      case 'parameter_list':
        // A prototype's parameters outside functions, in a declaration that declared no variable
        // yet: names there are neither refs (no function) nor initializers of a variable, and
        // calls there belong to no function. Only a block (a lambda's or a struct's body) or a
        // directive (#if 0, #define) inside could record something: without `{` and `#` the list
        // is skipped.
        if (fnStack.length === 0 && ownerDeclaration()?.decl?.declared === undefined && !holdsBlockOrDirective(text, cursor.startIndex, cursor.endIndex)) {
          return false;
        }
        break;
      case 'initializer_list':
      case 'initializer_pair':
        frame.init = { difs: [], refs: [] };
        break;
      case 'field_identifier':
        if (parent) {
          const name = text.slice(start, end);
          if (name === 'PostProcessing') markGuard();
          if (parent.type === 'field_expression') parent.member = name;
          else if (parent.type === 'field_designator' && frames.length >= 2) frames[frames.length - 2].member = name;
        }
        return false;
      default:
        break;
    }
    if ((flags & SCOPE) !== 0) frame.scope = true;
    const depth = frames.length;
    frames.push(frame);
    if (frame.scope) scopes.open(depth);
    if (frame.fn) {
      fnDepths.push(depth);
      frame.fn.params.forEach((p, index) => {
        if (p.name) scopes.set(depth, p.name, { kind: 'param', index });
      });
    }
    if (frame.call || type === 'argument_list') {
      callDepths.push(depth);
      frame.stacks |= ON_CALLS;
    }
    if (frame.fn || (flags & GUARD_STOP) !== 0) {
      guardDepths.push(depth);
      frame.stacks |= ON_GUARDS;
    }
    if (frame.decl) {
      declDepths.push(depth);
      frame.stacks |= ON_DECLS;
    }
    if ((flags & CLASS) !== 0) {
      classDepths.push(depth);
      frame.stacks |= ON_CLASSES;
    }
    return true;
  };

  const leave = () => {
    const depth = frames.length - 1;
    const frame = frames.pop()!;
    // a call with no named child (an error): its callee, if any, is read from the node
    if (frame.pendingCall) {
      frame.pendingCall = false;
      nameCall(frame, calleeName(cursor.currentNode.childForFieldName('function')));
    }
    if (frame.fn) {
      fnStack.pop();
      fnDepths.pop();
    }
    if (frame.scope) scopes.close(depth);
    const stacks = frame.stacks;
    if (stacks !== 0) {
      if ((stacks & ON_CALLS) !== 0) callDepths.pop();
      if ((stacks & ON_GUARDS) !== 0) guardDepths.pop();
      if ((stacks & ON_DECLS) !== 0) declDepths.pop();
      if ((stacks & ON_CLASSES) !== 0) classDepths.pop();
    }
    const parent = parentFrame();
    // switch and if statements whose condition or labels name the DIF code, PostProcessing or
    // DI_QUIETINSTALL: read them now, the cursor is on them (the others are never materialised)
    if (frame.guard) {
      const fn = currentFn();
      if (fn && frame.type === 'switch_statement') fn.regions.push(...switchRegions(cursor.currentNode, paramOf));
      else if (fn && frame.type === 'if_statement') {
        const block = parent && (parent.type === 'compound_statement' || parent.type === 'case_statement') ? parent.end : undefined;
        const blockEnd = block !== undefined && parent?.type === 'compound_statement' ? block - 1 : block;
        fn.regions.push(...ifRegions(cursor.currentNode, blockEnd, paramOf, text));
      }
    }
    if (frame.init) closeInitializer(frame, parent);
    if (parent && parent.type === 'assignment_expression' && frame.field === 'left') parent.member = frame.member;
  };

  /**
   * Names the call of `frame` from its first named child (the cursor is on it): an identifier in
   * the `function` field is the name; any other callee is read as a node (calleeName). A call of
   * no name is dropped, as if never recorded (it is the last call recorded: its callee is unvisited).
   */
  const resolveCall = (frame: Frame, type: string, field: string | null, start: number, end: number) => {
    frame.pendingCall = false;
    const call = frame.call!;
    if (field === 'function' && (type === 'identifier' || type === 'field_identifier')) {
      call.name = text.slice(start, end);
      call.nameStart = start;
      call.nameEnd = end;
      return;
    }
    const node = cursor.currentNode;
    nameCall(frame, calleeName(field === 'function' ? node : (node.parent?.childForFieldName('function') ?? null)));
  };

  const nameCall = (frame: Frame, name: Node | undefined) => {
    const call = frame.call!;
    if (name) {
      call.name = name.text;
      call.nameStart = name.startIndex;
      call.nameEnd = name.endIndex;
      return;
    }
    frame.call = undefined;
    const calls = currentFn()?.calls;
    const k = calls ? calls.lastIndexOf(call) : -1;
    if (k >= 0) calls!.splice(k, 1);
  };

  /** An initializer with one DIF code and names is a dispatch entry; a pair that is not one joins its list. */
  const closeInitializer = (frame: Frame, parent: Frame | undefined) => {
    const init = frame.init!;
    if (init.difs.length === 1 && init.refs.length > 0) {
      for (const r of init.refs) r.dispatchDif = init.difs[0];
    } else if (frame.type === 'initializer_pair' && parent?.init) {
      parent.init.difs.push(...init.difs);
      parent.init.refs.push(...init.refs);
    }
  };

  const identifier = (frame: Frame, name: string) => {
    const parent = parentFrame();
    if (!parent) return;
    const field = frame.field;
    // declared names
    if (field === 'declarator' || parent.type === 'reference_declarator' || (parent.type === 'qualified_identifier' && field === 'name' && parent.field === 'declarator')) {
      declare(name, frame.start, frame.end);
      return;
    }
    if (field === 'name' && (parent.type === 'enumerator' || parent.type === 'namespace_definition')) return;
    if (parent.type === 'goto_statement' || parent.type === 'labeled_statement') return;
    // the callee of a call: the innermost frame with a call or of an argument list holds it
    const callFrame = callDepths.length > 0 ? frames[callDepths[callDepths.length - 1]] : undefined;
    if (callFrame?.call && callFrame.call.nameStart === frame.start && callFrame.call.nameEnd === frame.end) return;
    const qualified = parent.type === 'qualified_identifier';
    const binding = qualified ? undefined : lookup(name);
    const fn = currentFn();
    if (binding) {
      const param = binding.kind === 'param' ? binding.index : binding.kind === 'local' ? binding.copyOf : undefined;
      if (param !== undefined) {
        // a parameter that can hold a DIF code (an integer, not HDEVINFO or a pointer) may be compared with numbers
        if (fn && DIF_CAPABLE.test(fn.params[param]?.type ?? '')) markGuard();
        if (parent.type === 'argument_list') {
          const call = frameAt(frames.length - 2)?.call;
          if (call) (call.paramArgs ??= []).push({ arg: parent.argIndex ?? 0, param });
        } else if (parent.type === 'init_declarator' && field === 'value' && parent.target?.kind === 'local') {
          parent.target.copyOf = param;
        } else if (parent.type === 'assignment_expression' && field === 'right' && parent.op === '=' && parent.target?.kind === 'local') {
          parent.target.copyOf = param;
        }
      }
      if (parent.type === 'assignment_expression' && field === 'left') parent.target = binding;
      if (binding.kind === 'static' && fn) {
        fn.staticAccesses.push({ global: binding.global, start: frame.start, end: frame.end, access: accessOf(frame) });
      }
      return;
    }
    if (name === 'DI_QUIETINSTALL') markGuard();
    if (name.startsWith('DIF_') && /^DIF_\w+$/.test(name)) {
      markGuard();
      if (parent.type === 'argument_list') {
        const call = frameAt(frames.length - 2)?.call;
        if (call) (call.constArgs ??= []).push({ arg: parent.argIndex ?? 0, code: name });
      }
      // { DIF_X, Handler }, { .Code = DIF_X, .Handler = Handler } (pair by pair), [DIF_X] = Handler
      const init = parent.init ?? (parent.type === 'subscript_designator' ? frameAt(frames.length - 2)?.init : undefined);
      if (init) init.difs.push(name);
      return;
    }
    const { pointer, via, viaArg, initList } = pointerUse(frame);
    const ref: RefSite = { name, start: frame.start, end: frame.end, access: accessOf(frame), pointer };
    if (via) {
      ref.via = via;
      ref.viaArg = viaArg;
    }
    if (initList) initList.refs.push(ref);
    if (fn) fn.refs.push(ref);
    else {
      const owner = ownerDeclaration();
      if (owner?.decl?.declared) out.globalInits.push({ owner: owner.decl.declared, ref });
    }
  };

  /** Marks the if or switch whose condition (or case label) holds the current node as a possible guard. */
  const markGuard = () => {
    if (guardDepths.length === 0) return;
    const i = guardDepths[guardDepths.length - 1];
    const f = frames[i];
    if (f.type === 'if_statement' || f.type === 'switch_statement') {
      f.guard = true;
    } else if (f.type === 'case_statement') {
      // a label: the case's switch is two frames up (case -> body -> switch)
      const sw = frameAt(i - 2);
      if (sw && sw.type === 'switch_statement') sw.guard = true;
    }
    // compound statements, expression statements, functions and lambdas end the search
  };

  const ownerDeclaration = (): Frame | undefined => (declDepths.length > 0 ? frames[declDepths[declDepths.length - 1]] : undefined);

  const innermostClass = (): string | undefined => {
    for (let k = classDepths.length - 1; k >= 0; k--) {
      const name = frames[classDepths[k]].className;
      if (name) return name;
    }
    return undefined;
  };

  /** A name declared by a declarator: a local, a function static, a file-scope variable (not a prototype). */
  const declare = (name: string, start: number, end: number) => {
    let i = frames.length - 1;
    let sawPointer = false;
    let initDecl: Frame | undefined;
    let sawFunction = false;
    while (i >= 0 && DECLARATOR_TYPES.has(frames[i].type)) {
      const t = frames[i].type;
      if (t === 'pointer_declarator') sawPointer = true;
      if (t === 'function_declarator' && !sawPointer) sawFunction = true;
      if (t === 'init_declarator') initDecl ??= frames[i];
      i--;
    }
    const owner = frameAt(i);
    if (!owner || sawFunction) return;
    if (owner.type === 'parameter_declaration' || owner.type === 'optional_parameter_declaration') {
      // parameters of a lambda are locals of its body; those of prototypes declare nothing
      for (let j = i; j >= 0; j--) {
        if (frames[j].type === 'lambda_expression') {
          scopes.set(j, name, { kind: 'local' });
          return;
        }
        if (frames[j].fn || frames[j].type === 'compound_statement') return;
      }
      return;
    }
    if (!owner.decl && owner.type !== 'for_range_loop' && owner.type !== 'condition_clause') return;
    const fn = currentFn();
    const decl = owner.decl;
    if (decl) decl.declared = name;
    if (!fn) {
      if (!decl || decl.isTypedef) return;
      out.globals.push({ name, nameStart: start, nameEnd: end, scope: 'file', isConst: decl.isConst, isStatic: decl.isStatic, isExtern: decl.isExtern });
      return;
    }
    const scope = scopes.current();
    if (decl?.isStatic) {
      const index = out.globals.push({
        name,
        nameStart: start,
        nameEnd: end,
        scope: 'static-local',
        isConst: decl.isConst,
        isStatic: true,
        isExtern: false,
        functionName: fn.qualifiedName,
      }) - 1;
      if (scope !== undefined) scopes.set(scope, name, { kind: 'static', global: index });
      return;
    }
    if (decl?.isExtern) {
      if (scope !== undefined) scopes.delete(scope, name);
      return;
    }
    const binding: Binding = { kind: 'local' };
    if (scope !== undefined) scopes.set(scope, name, binding);
    if (initDecl) initDecl.target = binding;
  };

  /** read or write: the target of an assignment, ++/--, or an address taken (it may be written through). */
  const accessOf = (frame: Frame): 'read' | 'write' => {
    let child = frame;
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i];
      if (f.type === 'parenthesized_expression' || (f.type === 'pointer_expression' && f.op === '*')) {
        child = f;
        continue;
      }
      if ((f.type === 'field_expression' || f.type === 'subscript_expression') && child.field === 'argument') {
        child = f;
        continue;
      }
      if (f.type === 'assignment_expression') return child.field === 'left' ? 'write' : 'read';
      if (f.type === 'update_expression') return 'write';
      if (f.type === 'pointer_expression' && f.op === '&') return 'write';
      return 'read';
    }
    return 'read';
  };

  const pointerUse = (frame: Frame): { pointer: PointerKind; via?: string; viaArg?: number; initList?: Frame['init'] } => {
    let child = frame;
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i];
      if ((f.flags & POINTER_WRAPPER) !== 0) {
        if (f.type === 'pointer_expression' && f.op !== '&') return { pointer: 'pointer' };
        child = f;
        continue;
      }
      if (f.type === 'argument_list') {
        const call = frameAt(i - 1)?.call;
        if (!call) return { pointer: 'pointer' };
        return { pointer: pointerKindOfCall(call.name), via: call.name, viaArg: f.argIndex ?? 0 };
      }
      if (f.type === 'assignment_expression' && child.field === 'right') return { pointer: pointerKindOfField(f.member) };
      if (f.type === 'initializer_pair' && child.field === 'value') {
        const kind = f.member ? pointerKindOfField(f.member) : listKind(i - 1);
        return { pointer: kind, initList: f.init };
      }
      if (f.type === 'initializer_list') return { pointer: listKind(i), initList: f.init };
      if (f.type === 'init_declarator' && child.field === 'value') return { pointer: 'pointer' };
      return { pointer: 'pointer' };
    }
    return { pointer: 'pointer' };
  };

  const listKind = (i: number): PointerKind => {
    for (let k = declDepths.length - 1; k >= 0; k--) {
      if (declDepths[k] > i) continue;
      const d = frames[declDepths[k]].decl!;
      return /PROPSHEETPAGE/.test(d.typeText) ? 'page' : /WNDCLASS/.test(d.typeText) ? 'wndproc' : 'pointer';
    }
    return 'pointer';
  };

  try {
    // Depth first. leave() runs for the nodes enter() descended into (those with a frame), when the
    // cursor is back on them: after their last child, or at once when they have no children.
    let descend = enter();
    for (;;) {
      if (descend) {
        if (cursor.gotoFirstChild()) {
          descend = enter();
          continue;
        }
        leave();
      }
      let done = false;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          done = true;
          break;
        }
        leave();
      }
      if (done) break;
      descend = enter();
    }
  } finally {
    cursor.delete();
  }
}

export type { Range };
