/**
 * Per-file summaries: everything the module graph needs from one file, computed in one pass over
 * its tree, holding no tree-sitter objects (trees are freed when a lint ends). A summary depends
 * on the file's path and text only, so the language server can keep it until that file changes.
 */
import type { DifSet } from './dif-set.js';
import type { DeclaredParameters } from '../syntax/parameter-directions.js';

export type Range = readonly [number, number];

/** How a function name that is not called directly is used. */
export type PointerKind = 'thread' | 'dialog' | 'page' | 'wndproc' | 'pointer';

export interface ParamSummary {
  /** The parameter's name, or null when the declaration names none. */
  name: string | null;
  /** The type as written, annotations and `const` removed, spaces squeezed ("PSP_DEVINFO_DATA", "SP_DEVINFO_DATA*"). */
  type: string;
}

/**
 * A part of a function that runs only under some DIF codes, in post-processing or under a
 * DI_QUIETINSTALL test: a case of a switch, a branch of an if, the rest of a block after an early return.
 */
export interface GuardRegion {
  start: number;
  end: number;
  /** The DIF codes that reach the region, when the guard tests the DIF code. */
  dif?: DifSet;
  /** The parameter (by index) the tested value comes from, directly or through a local copy. */
  param?: number;
  /** True when a label or operand names a DIF_ constant: then the guard tests a DIF code whatever the variable. */
  named?: boolean;
  /** Where each selected code is written (case label, comparison), for the chain. */
  anchors?: Readonly<Record<string, Range>>;
  /** Context->PostProcessing is true (true) or false (false) in the region. */
  post?: boolean;
  /** The region sits under a DI_QUIETINSTALL (or SetupGetNonInteractiveMode) test. */
  quiet?: boolean;
  /** In the region DI_QUIETINSTALL is known clear (or SetupGetNonInteractiveMode returned FALSE). */
  quietClear?: boolean;
}

export interface CallSite {
  name: string;
  /** The call expression. */
  start: number;
  end: number;
  /** The callee's name. */
  nameStart: number;
  nameEnd: number;
  /**
   * Arguments that are a parameter of the caller, or a local copy of one (the DIF code passed on,
   * a function pointer handed to a thread API): argument index -> parameter index.
   */
  paramArgs?: { arg: number; param: number }[];
  /** Arguments that are DIF_ constants: argument index -> code (`Handle(set, DIF_INSTALLDEVICE)`). */
  constArgs?: { arg: number; code: string }[];
  /**
   * C++: the class the callee is looked up in (summarize-cxx.ts): the declared class of the
   * receiver (`step->Run()`, `obj.Run()`, a local or parameter), the method's own class
   * (`this->Run()`), or the qualifier (`Base::Run()`, then `exactClass`: no overrider is called).
   */
  receiverClass?: string;
  exactClass?: true;
  /** C++: the call's result is written through a member or element (`Settings::Instance().mode = 2`, `Get()->count++`). */
  resultWritten?: true;
  /** C++: a method is called on the call's result (`Settings::Instance().SetMode(2)`): its name. */
  resultMethod?: string;
}

/**
 * A name handed to a call as an argument, through parentheses and casts: by address (`&g`,
 * `&g.x`, `&g[i]`, and `(TYPE) & g` parsed as a bitwise and) or itself (`g`). Which argument of
 * which callee (the callee's last name), so that the model can tell from the parameter's
 * direction whether the call writes the name (globals-index.ts).
 */
export interface ArgumentUse {
  callee: string;
  index: number;
  address: boolean;
}

/** An identifier that is not a local or a parameter: a global, a function (a pointer taken), a macro, an API, a constant. */
export interface RefSite {
  name: string;
  start: number;
  end: number;
  access: 'read' | 'write';
  /** What a function named here would be used as. */
  pointer: PointerKind;
  /** The call the name is passed to (`CreateThread`), when it is an argument. */
  via?: string;
  /** Which argument of `via` it is. */
  viaArg?: number;
  /** Set when the name is a handler of a dispatch table entry {DIF code, handler}. */
  dispatchDif?: string;
  /** C++: a method is called on the object the name is (`g_settings.SetMode(1)`): its name (summarize-cxx.ts). */
  method?: string;
  /** Set when the name's address is an argument of a call (see ArgumentUse; `via` names the call a name passed itself is handed to). */
  arg?: ArgumentUse;
  /** The name is stored in a local the walk follows (`DLGPROC p = PageProc;`): its uses are ValueFlows, the name itself is no pointer use. */
  held?: true;
}

export interface StaticAccess {
  /** Index into FileSummary.globals. */
  global: number;
  start: number;
  end: number;
  access: 'read' | 'write';
  /** Set when the static is an argument of a call (see ArgumentUse). */
  arg?: ArgumentUse;
  /** C++: a method is called on the object the static is (`s.SetMode(1)`): its name (summarize-cxx.ts). */
  method?: string;
}

export interface FunctionSummary {
  /** The function's own name (the last part of a qualified name). */
  name: string;
  /** `Class::Name` for members, else the name. */
  qualifiedName: string;
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  /** Where the body starts (after the parameter list). */
  bodyStart: number;
  isStatic: boolean;
  dllexport: boolean;
  /**
   * Words before the name (from the start of the declaration), kept when `dllexport` is false: a
   * macro blanked before the parse may be the module's own alias of `__declspec(dllexport)`.
   */
  headerWords?: string[];
  params: ParamSummary[];
  /**
   * The result type as written before the name, normalised like a parameter's type, with a `*`
   * (`&`) per pointer (reference) declarator: "DWORD", "BOOL", "char*". Undefined when the
   * definition names no type (K&R implicit int, a result macro blanked before the parse).
   */
  returnType?: string;
  calls: CallSite[];
  refs: RefSite[];
  regions: GuardRegion[];
  staticAccesses: StaticAccess[];
  /**
   * The function writes through one of its parameters: an assignment or `++`/`--` through `->`,
   * `.`, `*`, `[]` or a C++ reference, or the parameter as the buffer of a formatting API (FORMATTING_APIS).
   */
  writesThroughParams?: true;
  /**
   * C++: a variable the function returns (`return s;`, `return *s_instance;`, `return &s;`): a
   * function static (`global`, its index in FileSummary.globals) or a free name. With a reference
   * or pointer result type, it is a singleton accessor (globals-index.ts).
   */
  returns?: { name: string; global?: number };
  /** C++: the method writes a member through `this` (`this->mode = m`, `this->count++`). */
  writesThis?: true;
  /** Where function values go in the function (ValueFlow), in document order. */
  flows?: ValueFlow[];
  /**
   * Set on a lambda (summarize-values.ts): the local it is stored in (`auto show = [&] {...};`), ''
   * when none (a lambda handed straight to a call). Its body runs where it is called or handed to,
   * not where it is written; `name` is `<lambda show>` (`<lambda>`), `qualifiedName` prefixes the
   * enclosing function's.
   */
  lambda?: string;
}

/**
 * Where a function value goes in a function (summarize-values.ts): a function's address or a lambda
 * held in a local (`DLGPROC p = PageProc;`, `ctx.proc = PageProc;`, `auto show = [&] {...};`) or
 * handed straight to a call (a lambda), or a parameter of the function that may hold one
 * (`psp.pfnDlgProc = proc;`, `c->proc`, `proc(h)`). The module graph follows them through the
 * module's helpers (function-values.ts). A parameter passed whole to a call is CallSite.paramArgs.
 */
export interface ValueFlow {
  /** The value: a function by name, a lambda of this file (its start offset), or the function's parameter `param`. */
  name?: string;
  lambda?: number;
  param?: number;
  /** The value is this field of the parameter (`c->proc`). */
  field?: string;
  /** Where it goes: argument `arg` of the call named `call`, in field `argField` of that argument (`ctx.proc = p; AddPage(&ctx)`); */
  call?: string;
  arg?: number;
  argField?: string;
  /**
   * or: a procedure of this kind (`psp.pfnDlgProc = proc`, a PROPSHEETPAGE initializer, `std::thread t(f)`),
   * called (`call`), anything else (`pointer`: returned, stored in a global, ...).
   */
  kind?: PointerKind | 'call';
  /** The member or API that makes the kind (`pfnDlgProc`, `std::thread`). */
  via?: string;
  /** The local the value was held in (`p`, `ctx.proc`), for the chain. */
  holder?: string;
  /** The site: the argument, the value assigned, the callee. */
  start: number;
  end: number;
}

export interface GlobalDecl {
  name: string;
  nameStart: number;
  nameEnd: number;
  scope: 'file' | 'static-local';
  isConst: boolean;
  isStatic: boolean;
  isExtern: boolean;
  functionName?: string;
  /** C++: defined with a qualified name (`DWORD ContosoState::s_Installs = 0;`): the qualifier's last name. */
  qualifier?: string;
  /** Declared as an array (`WCHAR g_Name[64]`): passed without `&`, it is the memory a callee writes. */
  isArray?: true;
}

/** A name used in the initializer of a file-scope variable: a function in a table, a page procedure, ... */
export interface GlobalInitRef {
  /** The variable being initialised. */
  owner: string;
  ref: RefSite;
}

export interface MacroSummary {
  name: string;
  /** Parameters of a function-like macro; undefined for object-like macros. */
  params?: string[];
  /** Names called in the body (`name(`). */
  calls: string[];
  /** Other names in the body (possibly other macros or function pointers). */
  names: string[];
  /** The body assigns something (`=`, a compound assignment, `++`, `--`). */
  writes?: true;
  start: number;
  end: number;
}

export interface FileSummary {
  filePath: string;
  language: 'cpp' | 'inf' | 'def' | 'build';
  /** Offsets where lines start, for line/column of chain steps. */
  lineStarts: readonly number[];
  functions: FunctionSummary[];
  globals: GlobalDecl[];
  globalInits: GlobalInitRef[];
  macros: MacroSummary[];
  /** Code the preprocessor drops (`#if 0` bodies, `#else` of `#if 1`; with a configuration, the branches it drops: engine/parsing/conditional-evaluation.ts). */
  deadRanges: Range[];
  /** Headers included with "...", as written. */
  includes: string[];
  /** .def files: exported names (and internal names). */
  defExports?: { name: string; internalName?: string }[];
  /** C/C++ files: the functions declared or defined with parameters whose direction is known (parameter-directions.ts). */
  declaredParameters?: DeclaredParameters[];
  /** C++: the classes and structs defined with a body (`struct ShowStep : Step { ... }`), in document order. */
  classes?: ClassSummary[];
  /** .inf/.inx files: registered installers. */
  infReferences?: { kind: 'CoInstallers32' | 'Installer32'; entryPoint?: string }[];
}

/** A C++ class or struct defined with a body (summarize-cxx.ts): its name and the last names of its bases. */
export interface ClassSummary {
  name: string;
  bases: string[];
  /** Where the body starts (for splicing: summary-splice.ts). */
  start: number;
}
