/**
 * The tree cursor summarizeCppFile walks with. Every read of web-tree-sitter's TreeCursor copies
 * the cursor's four handles into WebAssembly memory and (when it moves) back, value by value
 * through a DataView; on a full walk that copying costs twice the calls themselves. RawCursor
 * makes the same calls into web-tree-sitter's own WebAssembly exports but leaves the cursor in
 * its transfer buffer between calls, where each call reads and writes it anyway (measured on the
 * generated installer corpus: a bare walk of every node is about 3x faster).
 *
 * It needs web-tree-sitter's Emscripten module (the object given to `Parser.init`, which
 * Emscripten fills with the exports and the memory views); without one the walk uses the public
 * TreeCursor. A RawCursor checks itself against the public cursor on the root before use and is
 * not used when they disagree (a web-tree-sitter whose internals differ from 0.27's).
 */
import type { Node, Tree, TreeCursor } from 'web-tree-sitter';

/** What the walk reads from a cursor: TreeCursor's own members, so a TreeCursor is one. */
export interface WalkCursor {
  readonly nodeTypeId: number;
  readonly currentFieldId: number;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly currentNode: Node;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}

/** The exports of web-tree-sitter's WebAssembly module the raw cursor calls (tree-sitter's binding.c). */
export interface WasmBinding {
  readonly HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
}

const FUNCTIONS = [
  '_ts_init',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
] as const;

/** `module` as a WasmBinding when it has every export the raw cursor calls, else undefined. */
export function wasmBindingOf(module: unknown): WasmBinding | undefined {
  if (typeof module !== 'object' || module === null) return undefined;
  const m = module as Record<string, unknown>;
  if (!(m.HEAP32 instanceof Int32Array)) return undefined;
  for (const name of FUNCTIONS) if (typeof m[name] !== 'function') return undefined;
  return module as WasmBinding;
}

/** Words of a cursor in the transfer buffer (TreeCursor.handles). */
const CURSOR_WORDS = 4;

/**
 * A TreeCursor whose state lives in web-tree-sitter's transfer buffer while the walk runs. Handing
 * out `currentNode` copies the state back into the TreeCursor (the node is read through the public
 * API, which reuses the buffer), and the next move or read puts it back first.
 */
class RawCursor implements WalkCursor {
  /** The buffer was used by someone else since the last call: restore the cursor first. */
  private away = false;

  constructor(
    private readonly cursor: TreeCursor,
    private readonly b: WasmBinding,
    private readonly tree: number,
    /** Index of the transfer buffer in HEAP32. */
    private readonly word: number,
  ) {}

  get nodeTypeId(): number {
    if (this.away) this.restore();
    return this.b._ts_tree_cursor_current_node_type_id_wasm(this.tree);
  }
  get currentFieldId(): number {
    if (this.away) this.restore();
    return this.b._ts_tree_cursor_current_field_id_wasm(this.tree);
  }
  get startIndex(): number {
    if (this.away) this.restore();
    return this.b._ts_tree_cursor_start_index_wasm(this.tree);
  }
  get endIndex(): number {
    if (this.away) this.restore();
    return this.b._ts_tree_cursor_end_index_wasm(this.tree);
  }
  gotoFirstChild(): boolean {
    if (this.away) this.restore();
    return this.b._ts_tree_cursor_goto_first_child_wasm(this.tree) === 1;
  }
  gotoNextSibling(): boolean {
    if (this.away) this.restore();
    return this.b._ts_tree_cursor_goto_next_sibling_wasm(this.tree) === 1;
  }
  gotoParent(): boolean {
    if (this.away) this.restore();
    return this.b._ts_tree_cursor_goto_parent_wasm(this.tree) === 1;
  }
  get currentNode(): Node {
    this.leave();
    return this.cursor.currentNode;
  }
  delete(): void {
    this.leave();
    this.cursor.delete();
  }

  /** The public API is about to use the buffer: the cursor's state goes back into TreeCursor.handles. */
  leave(): void {
    if (this.away) return;
    const heap = this.b.HEAP32;
    const handles = (this.cursor as unknown as { handles: number[] }).handles;
    for (let k = 0; k < CURSOR_WORDS; k++) handles[k] = heap[this.word + k];
    this.away = true;
  }

  /** TreeCursor.handles -> buffer. */
  restore(): void {
    const heap = this.b.HEAP32;
    const handles = (this.cursor as unknown as { handles: number[] }).handles;
    for (let k = 0; k < CURSOR_WORDS; k++) heap[this.word + k] = handles[k];
    this.away = false;
  }
}

/**
 * A cursor on the root of `tree`: a RawCursor when `binding` is given and agrees with the public
 * cursor on the root's type and offsets, else the public TreeCursor. Delete it after the walk.
 */
export function walkCursor(tree: Tree, binding: WasmBinding | undefined): WalkCursor {
  return rawWhenAgreeing(tree.walk(), tree, binding);
}

/** The same on `node` (the walk ends when it comes back up to `node`). */
export function walkCursorAt(node: Node, binding: WasmBinding | undefined): WalkCursor {
  return rawWhenAgreeing(node.walk(), node.tree, binding);
}

function rawWhenAgreeing(cursor: TreeCursor, tree: Tree, binding: WasmBinding | undefined): WalkCursor {
  if (!binding) return cursor;
  const address = (tree as unknown as Record<number, unknown>)[0];
  const handles = (cursor as unknown as { handles?: unknown }).handles;
  if (typeof address !== 'number' || !Array.isArray(handles) || handles.length !== CURSOR_WORDS) return cursor;
  const word = binding._ts_init() >> 2;
  const raw = new RawCursor(cursor, binding, address, word);
  return agrees(raw, cursor) ? raw : cursor;
}

/**
 * Reads the root and its first child through both cursors (the public one reads `handles`, which
 * `leave` fills from the buffer): a module whose buffer layout differs fails here, not in the walk.
 */
function agrees(raw: RawCursor, cursor: TreeCursor): boolean {
  raw.restore();
  const same = (): boolean => {
    const type = raw.nodeTypeId;
    const start = raw.startIndex;
    const end = raw.endIndex;
    const field = raw.currentFieldId;
    raw.leave();
    return type === cursor.nodeTypeId && start === cursor.startIndex && end === cursor.endIndex && field === cursor.currentFieldId;
  };
  if (!same()) return false;
  if (raw.gotoFirstChild()) {
    if (!same() || !raw.gotoParent()) return false;
    if (!same()) return false;
  }
  raw.restore();
  return true;
}
