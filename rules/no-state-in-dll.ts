/**
 * Guideline 2: no installation state kept in the installer DLL. Windows unloads the DLL after a
 * DIF code, so a file-scope or function-static variable written while one DIF code runs is not
 * there (or is stale) when the next one runs. State belongs in the device's driver key.
 *
 * Writes are: assignments and compound assignments, ++/--, `&variable` passed to a call (an
 * out-parameter the callee may fill) unless the parameter only reads (RegSetValueExW's lpData,
 * a `const` pointee or `_In_` in the module's own prototype), and an array passed itself to a
 * parameter the callee writes (lstrcpynW's destination, an `_Out_` buffer; a non-const C++
 * reference for any variable). The parameter's direction comes from the installer model, or
 * without it from this file's prototypes and the Windows API table (engine/index.ts:
 * argumentDirection). A finding points at the variable written (`g_Refs` in `&g_Refs`,
 * `++g_Refs`, `g_State.Count = 1`), its context is that of the whole write. Writes through a pointer the variable holds
 * (`*g_p = ...`, `g_p->x = ...`) are not writes of the variable itself and are not reported.
 * Not state: code that runs only from DllMain, constants, locals, Context->PrivateData and
 * ClassInstallReserved (fields of what Windows passes in, not variables of the DLL).
 */
import type { Node } from 'web-tree-sitter';
import { AncestorChain, argumentDirection, createRule, declaredName, declaredParameterDirections, directionsByName, FileScope, type FileVariable, functionName, type GlobalAccess, identifiersSpelled, type InstallerModelService, type ModuleGlobal, parameters, type ParameterDirection, type RelatedLocation, siteContext, type SourceCode } from '../engine/index.js';
import { driverKeySuggestion, type NodePaths } from './support/driver-key-state.js';
import { accessorCallOf, type ArgumentSite, argumentOf, calleeNameNode, isArray, lvalueRoot, qualifiedOrCalled, scopeOf, stripParensAndCasts, type WriteKind, writesParameter } from './support/state-lvalues.js';

type MessageIds =
  | 'write'
  | 'writeAnywhere'
  | 'addressPassed'
  | 'addressPassedAnywhere'
  | 'filled'
  | 'filledAnywhere'
  | 'singletonWrite'
  | 'singletonMethod'
  | 'method'
  | 'useDriverKey';

const rule = createRule<MessageIds>({
  name: 'no-state-in-dll',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow keeping installation state in file-scope or static variables of the installer DLL',
      guideline: 'Saving device installation state',
      recommended: true,
    },
    messages: {
      write:
        '{{variable}} is written while {{entryPoint}} handles {{difCode}}: the DLL is unloaded after each DIF code, so state kept in a {{scope}} is lost. Keep it as a value in the device\'s driver key.',
      writeAnywhere:
        '{{variable}} is written in {{function}}: the DLL is unloaded after each DIF code, so state kept in a {{scope}} is lost. Keep it as a value in the device\'s driver key.',
      addressPassed:
        '&{{variable}} is passed to {{callee}} while {{entryPoint}} handles {{difCode}}: it can be written there, and state kept in a {{scope}} is lost when the DLL is unloaded. Keep it in the device\'s driver key.',
      addressPassedAnywhere:
        '&{{variable}} is passed to {{callee}} in {{function}}: it can be written there, and state kept in a {{scope}} is lost when the DLL is unloaded. Keep it in the device\'s driver key.',
      filled:
        '{{variable}} is written by {{callee}} while {{entryPoint}} handles {{difCode}}: the DLL is unloaded after each DIF code, so state kept in a {{scope}} is lost. Keep it as a value in the device\'s driver key.',
      filledAnywhere:
        '{{variable}} is written by {{callee}} in {{function}}: the DLL is unloaded after each DIF code, so state kept in a {{scope}} is lost. Keep it as a value in the device\'s driver key.',
      singletonWrite:
        'The object {{accessor}}() returns ({{variable}}) is written while {{entryPoint}} handles {{difCode}}: the DLL is unloaded after each DIF code, so state kept in a {{scope}} is lost. Keep it as a value in the device\'s driver key.',
      singletonMethod:
        '{{method}}() writes the object {{accessor}}() returns ({{variable}}) while {{entryPoint}} handles {{difCode}}: the DLL is unloaded after each DIF code, so state kept in a {{scope}} is lost. Keep it as a value in the device\'s driver key.',
      method:
        '{{method}}() writes {{variable}} while {{entryPoint}} handles {{difCode}}: the DLL is unloaded after each DIF code, so state kept in a {{scope}} is lost. Keep it as a value in the device\'s driver key.',
      useDriverKey: 'Keep {{variable}} in the device\'s driver key instead',
    },
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    const model = context.services.installer;
    const { sourceCode, filePath } = context;
    const { text } = sourceCode;
    const globalAt = model ? (offset: number) => model.globalAt(filePath, offset) : undefined;
    // what a report needs, built for the first site that passes the cheap tests below
    // without the model: what this file's own prototypes say of their parameters, read once
    let own: Map<string, ParameterDirection[]> | undefined;
    const ownDirections = () => (own ??= sourceCode.ast ? directionsByName(declaredParameterDirections(sourceCode.ast, text)) : new Map());
    let writes: Writes | undefined;
    const check = (root: Node | null, site: Node, kind: WriteKind, call?: ArgumentSite) => {
      writes ??= new Writes(context, model, ownDirections);
      writes.check(root, site, kind, call);
    };

    // With the model, a write is reported only where globalAt names a global: the lvalue's root
    // identifier, when it starts where the expression starts (no parenthesis first), can be asked
    // for before any call into tree-sitter. Nodes never start on blanked text, so the character
    // at a node's start is the same in the text and in what was parsed.
    return {
      assignment_expression(node: Node) {
        const at = node.startIndex;
        if (globalAt && text.charCodeAt(at) !== OPEN_PAREN && !globalAt(at) && !qualifiedOrCalled(text, at)) return;
        check(lvalueRoot(node.childForFieldName('left')), node, 'write');
      },
      update_expression(node: Node) {
        check(lvalueRoot(node.childForFieldName('argument')), node, 'write');
      },
      pointer_expression(node: Node) {
        // the operator is the expression's first token
        if (text.charCodeAt(node.startIndex) !== AMPERSAND) return;
        const root = lvalueRoot(node.childForFieldName('argument'));
        // globalOf asks globalAt first
        if (!root || root.type !== 'identifier' || (globalAt && !globalAt(root.startIndex))) return;
        const call = argumentOf(node);
        if (call) check(root, node, 'address', call);
      },
      argument_list(node: Node) {
        // a variable passed itself: written when the callee writes the parameter (an array, or a C++ reference)
        let index = -1;
        for (const arg of node.namedChildren) {
          if (!arg || arg.type === 'comment') continue;
          index++;
          const id = stripParensAndCasts(arg);
          if (id?.type !== 'identifier') continue;
          if (globalAt ? !globalAt(id.startIndex) : !writesParameter(ownDirections(), node.parent, index)) continue;
          const call = argumentOf(id);
          if (call) check(id, arg, 'filled', call);
        }
      },
      call_expression(node: Node) {
        // a method called on a singleton's result (`Settings::Instance().SetMode(2)`) or on a global
        // object (`g_settings.SetMode(1)`): the model says whether it writes a member
        if (!model) return;
        const callee = node.childForFieldName('function');
        if (callee?.type !== 'field_expression') return;
        const inner = stripParensAndCasts(callee.childForFieldName('argument'));
        const method = callee.childForFieldName('field')?.text ?? 'a method';
        if (inner?.type === 'call_expression') {
          const name = calleeNameNode(inner);
          if (!name || !model.globalAt(filePath, name.startIndex)) return;
          writes ??= new Writes(context, model, ownDirections);
          writes.checkMethod(name, inner, node, method);
          return;
        }
        const root = callee.childForFieldName('operator')?.text === '.' ? lvalueRoot(inner) : null;
        if (root?.type !== 'identifier' || accessorCallOf(root) || !model.globalAt(filePath, root.startIndex)) return;
        writes ??= new Writes(context, model, ownDirections);
        writes.checkObjectMethod(root, node, method);
      },
      binary_expression(node: Node) {
        // `(PBYTE)&g` parses as `(PBYTE) & g` when the type is a typedef name the parser cannot know;
        // its left operand, a parenthesized expression, starts where the expression starts.
        if (text.charCodeAt(node.startIndex) !== OPEN_PAREN) return;
        if (node.childForFieldName('operator')?.text !== '&') return;
        const left = node.childForFieldName('left');
        const type = left?.type === 'parenthesized_expression' ? left.namedChild(0) : null;
        if (!type || type.type !== 'identifier' || !/^(?:[A-Z][A-Z0-9_]*|\w+_t)$/.test(type.text)) return;
        const root = lvalueRoot(node.childForFieldName('right'));
        if (!root || root.type !== 'identifier' || (globalAt && !globalAt(root.startIndex))) return;
        const call = argumentOf(node);
        if (call) check(root, node, 'address', call);
      },
    };
  },
});

export default rule;

type Context = Parameters<(typeof rule)['create']>[0];

/** The writes of one file's globals: resolving names, reporting, and the driver-key suggestion. */
class Writes {
  private readonly sourceCode: SourceCode;
  private readonly filePath: string;
  private readonly fileScope = new FileScope();
  // ancestors without Node.parent (quadratic in depth): sites come in document order
  private readonly ancestors: AncestorChain | undefined;
  private readonly paths: NodePaths | undefined;
  private readonly byName = new Map<string, Node[]>();

  constructor(
    private readonly context: Context,
    private readonly model: InstallerModelService | undefined,
    private readonly ownDirections: () => ReadonlyMap<string, readonly ParameterDirection[]>,
  ) {
    this.sourceCode = context.sourceCode;
    this.filePath = context.filePath;
    const ancestors = this.sourceCode.ast ? new AncestorChain(this.sourceCode.ast, SCOPES) : undefined;
    this.ancestors = ancestors;
    this.paths = ancestors && {
      parentOf: (n) => {
        const p = ancestors.pathTo(n);
        return p.length > 1 ? p[p.length - 2] : null;
      },
      functionOf: (n) => ancestors.closest(n, 'function_definition'),
      topLevelOf: (n) => {
        const p = ancestors.pathTo(n);
        return p.length > 1 && p[0].type === 'translation_unit' ? p[1] : p[0];
      },
      resolve: (id) => this.resolve(id),
    };
  }

  private resolve(id: Node): FileVariable | null {
    const ancestors = this.ancestors;
    return ancestors ? resolveOnPath(ancestors.pathTo(id), ancestors.marked(), this.fileScope) : null;
  }

  /** The identifiers of this file with a given name (found once per name, when a suggestion needs them). */
  private identifiersNamed(name: string): readonly Node[] {
    let list = this.byName.get(name);
    const root = this.sourceCode.ast;
    if (!list) this.byName.set(name, (list = root ? identifiersSpelled(root, this.sourceCode.text, name) : []));
    return list;
  }

  private globalOf(id: Node): { name: string; scope: 'file' | 'static-local'; local?: FileVariable; model?: ModuleGlobal } | null {
    const model = this.model;
    if (model) {
      const g = model.globalAt(this.filePath, id.startIndex);
      if (!g || g.isConst) return null;
      return { name: g.name, scope: g.scope, local: this.resolve(id) ?? undefined, model: g };
    }
    const local = this.resolve(id);
    if (!local || local.isConst) return null;
    return { name: local.name, scope: local.scope, local };
  }

  check(root: Node | null, site: Node, kind: WriteKind, call?: ArgumentSite): void {
    if (!root) return;
    const accessor = accessorCallOf(root);
    if (accessor) {
      if (kind === 'write') this.checkSingleton(root, accessor, site);
      return;
    }
    if (root.type !== 'identifier') return;
    const g = this.globalOf(root);
    if (!g) return;
    if (kind !== 'write' && (!call || !this.writtenByCall(root, g, kind, call))) return;
    const callee = call?.callee;
    const { context, model, sourceCode, filePath } = this;
    const scope = g.model ? scopeOf(g.model) : g.scope === 'file' ? 'file-scope variable' : 'static variable';
    const fn = this.ancestors?.closest(site, 'function_definition') ?? null;
    const elsewhere = model && g.model ? () => model.accessesOf(g.model!).some((a) => a.filePath !== filePath) : undefined; // another file uses it
    const suggest =
      kind === 'write' && g.local
        ? driverKeySuggestion(sourceCode, site, g.local, (name) => this.identifiersNamed(name), this.fileScope, this.paths, elsewhere)
        : undefined;
    const suggestions = suggest ? [{ messageId: 'useDriverKey' as const, fix: () => suggest }] : undefined;
    if (!model) {
      if (!fn || functionName(fn) === 'DllMain') return;
      context.report({
        node: root,
        messageId: kind === 'write' ? 'writeAnywhere' : kind === 'address' ? 'addressPassedAnywhere' : 'filledAnywhere',
        data: { variable: g.name, scope, function: functionName(fn) ?? 'this function', callee },
        suggest: suggestions,
      });
      return;
    }
    const reached = siteContext(model, filePath, site.startIndex);
    if (!reached) return;
    context.report({
      node: root,
      messageId: kind === 'write' ? 'write' : kind === 'address' ? 'addressPassed' : 'filled',
      data: { variable: g.name, scope, entryPoint: reached.entryPoint, difCode: reached.difCode, callee },
      related: [...reached.related, ...this.readsElsewhere(g.model, reached.difCode)],
      suggest: suggestions,
    });
  }

  /**
   * A method called on the result of a singleton accessor (`Settings::Instance().SetMode(2)`):
   * reported when the model counts the call of the accessor as a write (the method writes a member).
   */
  checkMethod(name: Node, accessor: Node, site: Node, method: string): void {
    this.checkSingleton(name, accessor, site, method);
  }

  /** A method of the module that writes a member, called on a global object (`g_settings.SetMode(1)`): as the model classifies the access. */
  checkObjectMethod(root: Node, site: Node, method: string): void {
    const { model, filePath } = this;
    const g = model?.globalAt(filePath, root.startIndex);
    if (!model || !g || g.isConst) return;
    if (!model.accessesOf(g).some((a) => a.filePath === filePath && a.range[0] === root.startIndex && a.kind === 'write')) return;
    const reached = siteContext(model, filePath, site.startIndex);
    if (!reached) return;
    this.context.report({
      node: root,
      messageId: 'method',
      data: { method, variable: g.name, scope: scopeOf(g), entryPoint: reached.entryPoint, difCode: reached.difCode },
      related: [...reached.related, ...this.readsElsewhere(g, reached.difCode)],
    });
  }

  /**
   * A write through the object a singleton accessor returns (`Settings::Instance().mode = 2`, or
   * with `method`, a method that writes a member): the model makes each call of an accessor an
   * access of the variable it returns, at the callee's name, which the finding points at.
   */
  private checkSingleton(name: Node, accessor: Node, site: Node, method?: string): void {
    const { model, filePath } = this;
    if (!model) return;
    const g = model.globalAt(filePath, name.startIndex);
    if (!g || g.isConst) return;
    if (method !== undefined && !model.accessesOf(g).some((a) => a.filePath === filePath && a.range[0] === name.startIndex && a.kind === 'write')) return;
    const reached = siteContext(model, filePath, site.startIndex);
    if (!reached) return;
    const variable = g.scope === 'static-local' && g.functionName ? `${g.name} in ${g.functionName}()` : g.name;
    this.context.report({
      node: name,
      messageId: method !== undefined ? 'singletonMethod' : 'singletonWrite',
      data: { accessor: accessor.childForFieldName('function')?.text ?? name.text, variable, method, scope: scopeOf(g), entryPoint: reached.entryPoint, difCode: reached.difCode },
      related: [...reached.related, ...this.readsElsewhere(g, reached.difCode, variable)],
    });
  }

  /**
   * Whether the call writes the variable handed to it: as the model classifies the access (the
   * parameter's direction from the module's prototypes and the Windows API table), or without the
   * model from this file's prototypes and the table. By address, unless the parameter only reads;
   * itself, when the parameter is an output and the variable an array, or a non-const reference.
   */
  private writtenByCall(root: Node, g: { local?: FileVariable; model?: ModuleGlobal }, kind: 'address' | 'filled', call: ArgumentSite): boolean {
    if (this.model && g.model) {
      const access = this.model.accessesOf(g.model).find((a) => a.filePath === this.filePath && a.range[0] === root.startIndex);
      return access ? access.kind === 'write' : kind === 'address';
    }
    const direction = call.name ? argumentDirection(this.ownDirections(), call.name, call.index) : null;
    if (kind === 'address') return direction !== 'in';
    return direction === 'ref' || (direction === 'out' && g.local !== undefined && isArray(g.local));
  }

  /**
   * Where the same variable is read under another DIF code: reads in this file, and reads in
   * other files when the model gives their positions (1-based line and column on the access).
   */
  private readsElsewhere(g: ModuleGlobal | undefined, difCode: string, label = g?.name): RelatedLocation[] {
    const model = this.model;
    if (!g || !model) return [];
    const out: RelatedLocation[] = [];
    for (const access of model.accessesOf(g)) {
      if (access.kind !== 'read') continue;
      const loc = this.accessLocation(access);
      if (!loc) continue;
      const other = siteContext(model, access.filePath, access.range[0], (c) => c.difCode !== difCode);
      if (!other) continue;
      out.push({ filePath: access.filePath, message: `${label} is read here while ${other.entryPoint} handles ${other.difCode}`, ...loc, range: [access.range[0], access.range[1]] });
      if (out.length >= 3) break;
    }
    return out;
  }

  private accessLocation(access: GlobalAccess): { line: number; column: number; endLine: number; endColumn: number } | undefined {
    if (access.filePath === this.filePath) {
      const start = this.sourceCode.getLocFromIndex(access.range[0]);
      const end = this.sourceCode.getLocFromIndex(access.range[1]);
      return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    }
    if (access.line === undefined || access.column === undefined) return undefined;
    return { line: access.line, column: access.column, endLine: access.endLine ?? access.line, endColumn: access.endColumn ?? access.column };
  }
}

const OPEN_PAREN = 0x28;
const AMPERSAND = 0x26;

/** The nodes resolveOnPath looks at. */
const SCOPES = new Set(['function_definition', 'translation_unit', 'compound_statement', 'for_statement']);

/**
 * What the last node of `path` (an identifier) names: a file-scope variable or a static local of
 * this file, or null. The same answer as resolveVariable (syntax/variable-scope.ts), read from a
 * path found once instead of a chain of Node.parent calls.
 */
function resolveOnPath(path: readonly Node[], scopes: readonly number[], fileScope: FileScope): FileVariable | null {
  const identifier = path[path.length - 1];
  const name = identifier.text;
  for (let k = scopes.length - 1; k >= 0; k--) {
    if (scopes[k] >= path.length - 1) continue;
    const scope = path[scopes[k]];
    if (scope.type === 'function_definition') {
      if (parameters(scope).some((p) => p.name === name)) return null;
      continue;
    }
    if (scope.type === 'translation_unit') return fileScope.lookup(scope, name);
    for (const child of scope.namedChildren) {
      if (!child || child.type !== 'declaration') continue;
      if (child.startIndex > identifier.startIndex) continue;
      const hit = declaredNamesOf(child).find((n) => n.text === name);
      if (!hit) continue;
      if (!child.namedChildren.some((c) => c?.type === 'storage_class_specifier' && c.text === 'static')) return null;
      return { name, scope: 'static-local', nameNode: hit, declaration: child, isConst: isConstDeclarator(child, hit) };
    }
  }
  return null;
}

function declaredNamesOf(declaration: Node): Node[] {
  return declaration.childrenForFieldName('declarator').flatMap((d) => {
    const n = d ? declaredName(d) : null;
    return n ? [n] : [];
  });
}

/** `const char *p` declares a pointer that can change; `char *const p` cannot. */
function isConstDeclarator(declaration: Node, nameNode: Node): boolean {
  const constType = declaration.namedChildren.some((c) => c?.type === 'type_qualifier' && c.text === 'const');
  let inner: Node | null = null; // the innermost pointer declarator, from one walk down (a Node.parent climb is quadratic in depth)
  for (let n = declaration.childWithDescendant(nameNode); n && n.id !== nameNode.id; n = n.childWithDescendant(nameNode)) if (n.type === 'pointer_declarator') inner = n;
  return inner ? inner.namedChildren.some((c) => c?.type === 'type_qualifier' && c.text === 'const') : constType;
}
