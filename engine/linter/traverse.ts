/**
 * Walks a syntax tree once, in document order, calling the listeners registered for each node
 * type on entry and on ":exit". Iterative (a TreeCursor, no recursion), and a Node object is
 * only materialised for node types somebody listens to.
 */
import type { Language, Node, Query } from 'web-tree-sitter';

export type Dispatch = ReadonlyMap<string, readonly ((node: Node) => void)[]>;

export function traverse(root: Node, enter: Dispatch, exit: Dispatch): void {
  // nothing to call on any node (only Program, or keys that are no node type): no walk
  if (!listensToNodes(root.tree.language, enter, exit)) return;
  const cursor = root.walk();
  try {
    for (;;) {
      const onEnter = enter.get(cursor.nodeType);
      if (onEnter) {
        const node = cursor.currentNode;
        for (const listener of onEnter) listener(node);
      }
      if (cursor.gotoFirstChild()) continue;
      for (;;) {
        const onExit = exit.get(cursor.nodeType);
        if (onExit) {
          const node = cursor.currentNode;
          for (const listener of onExit) listener(node);
        }
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * The same walk for enter listeners only, done inside WASM: tree-sitter lists the nodes of the
 * listened types (descendantsOfType, a cursor walk in C, in the order of the walk above: a parent
 * before a child that starts at the same place), so the JS side touches only those nodes. That
 * list costs less than the captures of `query` (built with dispatchQuerySource) on the same tree;
 * the query is used when a key names an anonymous node type (descendantsOfType cannot tell a
 * named type from an anonymous one of the same name).
 */
export function traverseCaptures(root: Node, enter: Dispatch, query: Query): void {
  if (traverseNamedTypes(root, enter)) return;
  for (const capture of query.captures(root)) {
    // each alternative is captured under its node type's name: no call into WASM for node.type
    const listeners = enter.get(capture.name);
    if (listeners) for (const listener of listeners) listener(capture.node);
  }
}

/**
 * The walk of traverseCaptures without a query: false (and nothing called) when a key of `enter`
 * is also an anonymous node type, where the caller must walk otherwise (a query or the cursor).
 */
export function traverseNamedTypes(root: Node, enter: Dispatch): boolean {
  const types = listenedNamedTypes(root.tree.language, enter);
  if (types === undefined) return false;
  if (types.length === 0) return true;
  const nodes = root.descendantsOfType(types);
  if (types.length === 1) {
    // one type: no need to ask each node its type
    const listeners = enter.get(types[0])!;
    for (const node of nodes) for (const listener of listeners) listener(node);
    return true;
  }
  const names = root.tree.language.types;
  for (const node of nodes) {
    // Node.type is this lookup: the name of the node's (public) symbol, ERROR for errors
    const listeners = enter.get(names[node.typeId] || 'ERROR');
    if (listeners) for (const listener of listeners) listener(node);
  }
  return true;
}

/**
 * The keys of `enter` that are named node types of the language (others, like Program, are never
 * called by a walk), or undefined when one of them is the name of an anonymous node type (alone or
 * beside a named one): descendantsOfType cannot tell those apart, the cursor walk and queries can.
 */
export function listenedNamedTypes(language: Language, enter: Dispatch): string[] | undefined {
  let kinds = keyKinds.get(language);
  if (!kinds) keyKinds.set(language, (kinds = new Map<string, KeyKind>()));
  const types: string[] = [];
  for (const key of enter.keys()) {
    let kind = kinds.get(key);
    if (kind === undefined) kinds.set(key, (kind = keyKind(language, key)));
    if (kind === 'anonymous') return undefined;
    if (kind === 'named') types.push(key);
  }
  return types;
}

/** True when a key of `enter` or `exit` (Program apart) is a node type: a walk can call something. */
export function listensToNodes(language: Language, enter: Dispatch, exit: Dispatch): boolean {
  for (const map of [enter, exit]) {
    for (const key of map.keys()) {
      let kinds = keyKinds.get(language);
      if (!kinds) keyKinds.set(language, (kinds = new Map<string, KeyKind>()));
      let kind = kinds.get(key);
      if (kind === undefined) kinds.set(key, (kind = keyKind(language, key)));
      if (kind !== 'other') return true;
    }
  }
  return false;
}

/** `anonymous`: some anonymous node type has the name (a named one may have it too). */
type KeyKind = 'named' | 'anonymous' | 'other';

/**
 * What each listener key is in a language, asked once (each question is a call into WASM, and the
 * same keys come back file after file). Languages are immutable: keyed weakly by the Language.
 */
const keyKinds = new WeakMap<Language, Map<string, KeyKind>>();

function keyKind(language: Language, key: string): KeyKind {
  if (key === 'Program') return 'other';
  if (key === 'ERROR') return 'named';
  if (language.idForNodeType(key, false) !== null) return 'anonymous';
  return language.idForNodeType(key, true) !== null ? 'named' : 'other';
}

/**
 * The query source that captures the node types of `enter`, or undefined when the walk must use
 * the cursor: exit listeners on node types, or a listener on an anonymous node type. Keys that are
 * no node type of the language (Program, a typo) are left out: the cursor walk never calls them.
 */
export function dispatchQuerySource(language: Language, enter: Dispatch, exit: Dispatch): string | undefined {
  for (const key of exit.keys()) if (key !== 'Program') return undefined;
  const types: string[] = [];
  for (const key of enter.keys()) {
    if (key === 'Program') continue;
    if (language.idForNodeType(key, true) !== null) types.push(key);
    else if (language.idForNodeType(key, false) !== null) return undefined;
  }
  if (types.length === 0) return undefined;
  // one pattern with alternatives (not one pattern per type): captures then come in the order of
  // the cursor walk, a parent before a child that starts at the same place
  return `[${types.sort().map((t) => `(${t}) @${t}`).join(' ')}]`;
}
