/**
 * The state of one summary walk (summarize-walk.ts): the path of frames, the depth stacks the
 * upward searches stop at, the local scopes, and the tables of type and field names read from the
 * grammar once per id. The name handlers (summarize-names.ts) and the node handlers read and
 * update it; it holds no logic of its own beyond lookups.
 */
import type { Language } from 'web-tree-sitter';
import type { ParamOf } from './guards.js';
import { ScopeIndex, type Binding } from './scope-index.js';
import type { WalkCursor } from './summarize-cursor.js';
import { flagsOfNamedType, type Frame } from './summarize-frame.js';
import type { CursorReader } from './summarize-header.js';
import type { FileSummary, FunctionSummary } from './summary-types.js';

/** A function value a local holds: a function by name, a lambda (its start), a parameter (or a field of it). */
export interface Held {
  name?: string;
  lambda?: number;
  param?: number;
  field?: string;
}

/** What one local holds: its name (for the chain) and the values per field ('' for the local itself). */
export interface HeldValues {
  local: string;
  fields: Map<string, Held[]>;
}

export class WalkState {
  readonly frames: Frame[] = [];
  /** Frames by depth, reused (one class shape, no garbage per node). */
  readonly pool: Frame[] = [];
  readonly fnStack: FunctionSummary[] = [];
  // Depths (indices in `frames`) of the frames that the upward searches stop at, kept as the walk
  // enters and leaves them, so that no search walks the whole path (deep nesting stays linear).
  readonly fnDepths: number[] = [];
  /** frames with a call or of an argument_list: the callee test stops at the innermost. */
  readonly callDepths: number[] = [];
  /** frames that end markGuard's search. */
  readonly guardDepths: number[] = [];
  /** frames with a declaration. */
  readonly declDepths: number[] = [];
  /** class and struct specifiers (a method's qualified name). */
  readonly classDepths: number[] = [];
  readonly scopes = new ScopeIndex();
  /** Depths of the lambdas on the path that are summarised as functions of their own (summarize-values.ts). */
  readonly lambdaDepths: number[] = [];
  /** The function values the locals hold, per local and field ('' for the local itself; summarize-values.ts). */
  readonly held = new Map<Binding, HeldValues>();

  // type names, what the walk does with each type, and field names, by id: read once per id
  // (each cursor property read crosses into wasm, and tests on numbers beat tests on strings)
  // ids run from 0 to nodeTypeCount, and ERROR is 65535: it gets the slot after the last id, so
  // that the tables stay dense arrays
  readonly errorSlot: number;
  readonly typeNames: string[];
  /** Flags per type id (see flagsOfNamedType), -1 until the type is first seen. */
  readonly typeFlags: Int16Array;
  private readonly fieldNames: (string | null)[] = [];
  /** The cursor as summarize-header.ts and summarize-macro.ts read it. */
  readonly header: CursorReader;

  constructor(
    readonly cursor: WalkCursor,
    private readonly language: Language,
    readonly text: string,
    readonly out: FileSummary,
  ) {
    this.errorSlot = language.nodeTypeCount + 1;
    this.typeNames = new Array<string>(this.errorSlot + 1).fill('');
    this.typeFlags = new Int16Array(this.errorSlot + 1).fill(-1);
    const fieldId = (name: string): number => language.fieldIdForName(name) ?? 0;
    this.header = {
      cursor,
      text,
      typeName: (id) => {
        if (this.typeFlags[this.slotOf(id)] < 0) this.learnType(id);
        return this.typeNames[this.slotOf(id)];
      },
      isNamed: (id) => {
        const flags = this.typeFlags[this.slotOf(id)];
        return (flags < 0 ? this.learnType(id) : flags) !== 0;
      },
      fields: { declarator: fieldId('declarator'), parameters: fieldId('parameters'), name: fieldId('name'), body: fieldId('body'), value: fieldId('value'), type: fieldId('type') },
    };
  }

  slotOf(id: number): number {
    return id < this.errorSlot ? id : this.errorSlot;
  }

  learnType(id: number): number {
    const slot = this.slotOf(id);
    const language = this.language;
    const name = (this.typeNames[slot] = language.types[id] || (language.nodeTypeForId(id) ?? 'ERROR'));
    const flags = name === 'ERROR' || language.nodeTypeIsNamed(id) ? flagsOfNamedType(name) : 0;
    this.typeFlags[slot] = flags;
    return flags;
  }

  fieldOf(id: number): string | null {
    if (id === 0) return null;
    let name = this.fieldNames[id];
    if (name === undefined) name = this.fieldNames[id] = this.language.fieldNameForId(id);
    return name;
  }

  lookup(name: string): Binding | undefined {
    const fnDepths = this.fnDepths;
    return this.scopes.lookup(name, fnDepths.length > 0 ? fnDepths[fnDepths.length - 1] : 0);
  }

  /**
   * A name declared outside the innermost lambda summarised on its own (a capture): its parameter
   * index, if any, is another function's.
   */
  captured(name: string): boolean {
    const lambdas = this.lambdaDepths;
    return lambdas.length > 0 && this.scopes.lookup(name, lambdas[lambdas.length - 1]) === undefined;
  }

  /** The parameter a name stands for: a parameter, or a local copy of one (guards.ts asks). */
  readonly paramOf: ParamOf = (name) => {
    const b = this.lookup(name);
    if (!b || this.captured(name)) return undefined;
    if (b.kind === 'param') return b.index;
    if (b.kind === 'local') return b.copyOf;
    return undefined;
  };

  // (an array read below index 0 leaves V8's fast path: every read of a stack's top is guarded)
  parentFrame(): Frame | undefined {
    const frames = this.frames;
    return frames.length > 0 ? frames[frames.length - 1] : undefined;
  }

  frameAt(i: number): Frame | undefined {
    return i >= 0 ? this.frames[i] : undefined;
  }

  currentFn(): FunctionSummary | undefined {
    const fnStack = this.fnStack;
    return fnStack.length > 0 ? fnStack[fnStack.length - 1] : undefined;
  }

  /** The innermost declaration on the path. */
  ownerDeclaration(): Frame | undefined {
    const declDepths = this.declDepths;
    return declDepths.length > 0 ? this.frames[declDepths[declDepths.length - 1]] : undefined;
  }

  /** The name of the innermost named class or struct on the path. */
  innermostClass(): string | undefined {
    const classDepths = this.classDepths;
    for (let k = classDepths.length - 1; k >= 0; k--) {
      const name = this.frames[classDepths[k]].className;
      if (name) return name;
    }
    return undefined;
  }
}
