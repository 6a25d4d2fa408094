/**
 * A function definition's header read with the walk's cursor (no node objects): its name and
 * qualified name, its parameters (names and normalised types; those of a K&R definition from its
 * declaration list, which the parser sees blanked: engine/parsing/knr-definitions.ts), its result
 * type, `static` and `dllexport`, where the body starts. The cursor steps into the definition's children and always comes back to the
 * definition, so the walk goes on from where it was.
 */
import { knrParameterTypes } from '../parsing/knr-definitions.js';
import type { WalkCursor } from './summarize-cursor.js';
import { paramType } from './summarize-nodes.js';
import type { FunctionSummary, ParamSummary } from './summary-types.js';

/** What the readers of function headers and #defines need from the walk. */
export interface CursorReader {
  cursor: WalkCursor;
  text: string;
  /** The type name of a node type id. */
  typeName(id: number): string;
  /** Whether a node type id is of a named node. */
  isNamed(id: number): boolean;
  /** Field ids of the grammar (0 when the grammar has no such field). */
  fields: { declarator: number; parameters: number; name: number; body: number; value: number; type: number };
}

/** The cursor on a function_definition: its summary (undefined when it names no function), the cursor back on it. */
export function functionHeader(r: CursorReader, cls: string | undefined): FunctionSummary | undefined {
  const { cursor, text } = r;
  const start = cursor.startIndex;
  const end = cursor.endIndex;
  let isStatic = false;
  let dllexport = false;
  let bodyStart = -1;
  let resultType: string | undefined;
  let header: ReturnType<typeof declaratorHeader>;
  let sawDeclarator = false;
  if (cursor.gotoFirstChild()) {
    do {
      const type = r.typeName(cursor.nodeTypeId);
      if (type === 'storage_class_specifier' && text.slice(cursor.startIndex, cursor.endIndex) === 'static') isStatic = true;
      if ((type === 'ms_declspec_modifier' || type === 'attribute_specifier') && /dllexport/.test(text.slice(cursor.startIndex, cursor.endIndex))) dllexport = true;
      const field = cursor.currentFieldId;
      if (field === 0) continue;
      if (field === r.fields.body && bodyStart < 0) bodyStart = cursor.startIndex;
      if (field === r.fields.type && resultType === undefined) resultType = paramType(text.slice(cursor.startIndex, cursor.endIndex));
      if (field === r.fields.declarator && !sawDeclarator) {
        sawDeclarator = true;
        header = declaratorHeader(r, type, cls);
      }
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  if (!header) return undefined;
  if (header.params.length > 0 && header.params.every((p) => p.name === null)) {
    // `f(a, b) int a; char *b; {`: names only in the parentheses, the types between them and the body
    const knr = knrParameterTypes(text, header.paramsOpen, bodyStart);
    if (knr) header.params = knr.map((p) => ({ name: p.name, type: paramType(p.type) }));
  }
  const summary: FunctionSummary = {
    name: header.name,
    qualifiedName: header.qualifiedName,
    start,
    end,
    nameStart: header.nameStart,
    nameEnd: header.nameEnd,
    bodyStart: bodyStart >= 0 ? bodyStart : end,
    isStatic,
    dllexport,
    params: header.params,
    calls: [],
    refs: [],
    regions: [],
    staticAccesses: [],
  };
  // `char *F(...)`: the declarators between the type and the name make the result a pointer (or a reference)
  if (resultType !== undefined) summary.returnType = resultType + header.resultDeclarators;
  return summary;
}

/** Moves the cursor onto the current node's first child with field `field` and returns true, or stays and returns false. */
export function toField(cursor: WalkCursor, field: number): boolean {
  if (field === 0 || !cursor.gotoFirstChild()) return false;
  do {
    if (cursor.currentFieldId === field) return true;
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return false;
}

/** Moves the cursor up `levels` times. */
function up(cursor: WalkCursor, levels: number): void {
  for (let k = 0; k < levels; k++) cursor.gotoParent();
}

/**
 * The cursor on the definition's declarator (of `type`): the function_declarator inside it, through
 * pointer and reference declarators, gives the name and the parameters. The cursor comes back.
 */
function declaratorHeader(r: CursorReader, declaratorType: string, cls: string | undefined) {
  const { cursor, text, fields } = r;
  let depth = 0;
  let type = declaratorType;
  let resultDeclarators = '';
  try {
    while (type !== 'function_declarator') {
      if (type === 'pointer_declarator') resultDeclarators += '*';
      else if (type === 'reference_declarator') resultDeclarators += '&';
      // a reference declarator names no field: its declarator is its last named child (`Settings& Instance()`)
      if (type === 'reference_declarator' ? !toLastNamedChild(r) : !toField(cursor, fields.declarator)) return undefined;
      depth++;
      type = r.typeName(cursor.nodeTypeId);
    }
    // the name
    if (!toField(cursor, fields.declarator)) return undefined;
    depth++;
    const nameType = r.typeName(cursor.nodeTypeId);
    let qualifiedName = text.slice(cursor.startIndex, cursor.endIndex);
    let climb = 0;
    if (nameType === 'qualified_identifier') {
      let t = nameType;
      while (t === 'qualified_identifier') {
        if (!toField(cursor, fields.name)) {
          up(cursor, climb);
          return undefined;
        }
        climb++;
        t = r.typeName(cursor.nodeTypeId);
      }
    } else if (cls) {
      qualifiedName = `${cls}::${qualifiedName}`;
    }
    const nameStart = cursor.startIndex;
    const nameEnd = cursor.endIndex;
    up(cursor, climb + 1);
    depth--;
    const name = text.slice(nameStart, nameEnd);
    if (!/^[A-Za-z_~]\w*$/.test(name)) return undefined;
    // the parameters
    const params: ParamSummary[] = [];
    let paramsOpen = -1;
    if (toField(cursor, fields.parameters)) {
      paramsOpen = cursor.startIndex;
      if (cursor.gotoFirstChild()) {
        do {
          const id = cursor.nodeTypeId;
          if (!r.isNamed(id)) continue;
          const t = r.typeName(id);
          if (t === 'parameter_declaration' || t === 'optional_parameter_declaration') params.push(parameter(r));
        } while (cursor.gotoNextSibling());
        cursor.gotoParent();
      }
      cursor.gotoParent();
    }
    if (params.length === 1 && params[0].name === null && params[0].type === 'void') params.length = 0;
    return { name, qualifiedName, nameStart, nameEnd, params, paramsOpen, resultDeclarators };
  } finally {
    up(cursor, depth);
  }
}

/**
 * The cursor on a parameter declaration: its name (the identifier its declarators lead to: the
 * `declarator` field, else the last named child) and its type (its text without the name).
 */
function parameter(r: CursorReader): ParamSummary {
  const { cursor, text, fields } = r;
  const pStart = cursor.startIndex;
  const pEnd = cursor.endIndex;
  let depth = 0;
  let found = false;
  if (toField(cursor, fields.declarator)) {
    depth++;
    found = true;
    while (r.typeName(cursor.nodeTypeId) !== 'identifier') {
      if (toField(cursor, fields.declarator) || toLastNamedChild(r)) depth++;
      else {
        found = false;
        break;
      }
    }
  }
  const dStart = found ? cursor.startIndex : -1;
  const dEnd = found ? cursor.endIndex : -1;
  up(cursor, depth);
  const name = found ? text.slice(dStart, dEnd) : null;
  const raw = found ? text.slice(pStart, dStart) + text.slice(dEnd, pEnd) : text.slice(pStart, pEnd);
  return { name, type: paramType(raw) };
}

/** Moves the cursor onto the current node's last named child and returns true, or stays and returns false. */
function toLastNamedChild(r: CursorReader): boolean {
  const { cursor } = r;
  if (!cursor.gotoFirstChild()) return false;
  let last = -1;
  let k = 0;
  do {
    if (r.isNamed(cursor.nodeTypeId)) last = k;
    k++;
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  if (last < 0) return false;
  cursor.gotoFirstChild();
  for (let i = 0; i < last; i++) cursor.gotoNextSibling();
  return true;
}
