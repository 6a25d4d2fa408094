/**
 * The summary walk's frame (one per node on the path; summarize-walk.ts) and what the walk does
 * with each named node type, as bits computed once per type (flagsOfNamedType).
 */
import type { Binding } from './scope-index.js';
import type { CallSite, FunctionSummary, RefSite } from './summary-types.js';

/** One node on the walk's path. Frames are pooled by depth (one class shape, no garbage per node). */
export class Frame {
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
  /** assignment: the name of `target`; field_expression / assignment: the local whose member is named (`ctx.proc = ...`), and its name. */
  targetName: string | undefined = undefined;
  object: Binding | undefined = undefined;
  objectName: string | undefined = undefined;
  /** lambda_expression: the function the lambda is summarised as (summarize-values.ts). */
  lambdaFn: FunctionSummary | undefined = undefined;
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
    this.targetName = undefined;
    this.object = undefined;
    this.objectName = undefined;
    this.lambdaFn = undefined;
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
export const NAMED = 1;
export const POSITIONED = 2;
export const CHILD_FIELDS = 4;
export const NAME_CHILD_FIELDS = 8;
export const SKIP = 16;
export const SCOPE = 32;
export const TAKES_OP = 64;
export const IS_NAME = 128;
export const GUARD_STOP = 256;
export const CLASS = 512;
export const POINTER_WRAPPER = 1024;

/** Frame.stacks: the depth stacks a frame was pushed on. */
export const ON_CALLS = 1;
export const ON_GUARDS = 2;
export const ON_DECLS = 4;
export const ON_CLASSES = 8;

export function flagsOfNamedType(type: string): number {
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
