/**
 * What a rule may ask of the installer model (engine/model/), in one place: the entry points of
 * the module, whether a site runs under a DIF code, under which one, whether that context is
 * interactive and the chain that leads there; the module's globals and their accesses; the calls
 * hidden in its macros; the names its .def files export. The linter hands it to the rules typed,
 * as `context.services.installer` (RuleServices, engine/linter/types.ts); a host that lints
 * without the model leaves it undefined and the rules fall back to what one file shows.
 */
import type { RelatedLocation } from '../linter/types.js';

export interface ChainStep {
  filePath: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  range?: readonly [number, number];
  label: string;
}

/** An installer entry point found in the module (by signature, .def EXPORTS, dllexport or INF). */
export interface EntryPointInfo {
  name: string;
  /** Four parameters (with PCOINSTALLER_CONTEXT_DATA) or three. */
  kind: 'co-installer' | 'class-installer';
  filePath: string;
  /** The function definition, as offsets into filePath. */
  range: readonly [number, number];
  /** The function's name in its declarator. */
  nameRange: readonly [number, number];
  /** Parameter names as written: the DIF code, the device info set, the device, the context (co-installers). */
  params: { dif?: string; deviceInfoSet?: string; deviceInfoData?: string; context?: string };
  /** How it was found. */
  via: ReadonlyArray<'signature' | 'def' | 'dllexport' | 'inf' | 'config'>;
  /** DIF codes the entry point handles explicitly (case labels, == tests, dispatch tables), in source order. */
  handledDifCodes: readonly string[];
  /** Names the DLL exports it under when they differ from `name` (.def aliases `CoDeviceInstall = Impl`). */
  exportNames?: readonly string[];
  /** 1-based line and column of `nameRange` (the model gives it; copies of the list may not). */
  nameLoc?: { line: number; column: number; endLine: number; endColumn: number };
}

export interface ReachingContext {
  entryPoint: EntryPointInfo;
  difCode: string;
  interactive: boolean;
  /** A test of DI_QUIETINSTALL (or SetupGetNonInteractiveMode) guards the way here, either way. */
  quietGuarded?: boolean;
  /**
   * On the way here DI_QUIETINSTALL was tested clear, or SetupGetNonInteractiveMode returned FALSE:
   * UI is then allowed under DIF_ALLOW_INSTALL and DIF_REMOVE (mayShowUserInterface), under no
   * other code (docs/installer-facts.md#dif-codes-and-interactivity).
   */
  quietClear?: boolean;
  postProcessing?: boolean;
  /**
   * When `difCode` is not one code ('any other DIF code': a default branch, `!=`, the rest after
   * an early return), the codes that do not reach the site.
   */
  otherThan?: readonly string[];
  chain: ChainStep[];
}

/** A file-scope variable or function-local static of the module. */
export interface ModuleGlobal {
  name: string;
  filePath: string;
  /** The declarator's name, as offsets into filePath. */
  nameRange: readonly [number, number];
  /** 'file' for file-scope variables, 'static-local' for statics inside functions. */
  scope: 'file' | 'static-local';
  /** Declared const (never state). */
  isConst: boolean;
  /** Enclosing function for static locals. */
  functionName?: string;
  /** C++: the class of a static data member (`ContosoState` for `DWORD ContosoState::s_Installs = 0;`). */
  className?: string;
}

/** A read or write of a module global, with the contexts it runs under. */
export interface GlobalAccess {
  global: ModuleGlobal;
  filePath: string;
  range: readonly [number, number];
  kind: 'read' | 'write';
  /** 1-based, UTF-16 columns, for related information in other files (when the model gives them). */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** A name a .def file of the module exports (`EXPORTS Name` or `Exported = Internal`). */
export interface DefExport {
  /** The exported name, as written (stdcall decorations kept). */
  name: string;
  /** The module's function behind an alias (`CoDeviceInstall = ContosoCoInstaller`), as written. */
  internalName?: string;
}

/** What a function or a macro of the module does, as the model reads it (InstallerModelService.effectsOf). */
export interface ModuleEffects {
  /** 'macro' when the module defines a macro of that name (with or without a function). */
  kind: 'function' | 'macro';
  /** The names it calls: a function's calls (macros of the module among them, not expanded); a macro's expansion's calls (macroCalls), over all its definitions. */
  calls: readonly string[];
  /**
   * It writes something besides its own locals: a global or a function static, memory reached
   * through a parameter (a module global or a parameter as the buffer of a formatting API
   * included); for a macro, an assignment or `++`/`--` in the body of one of its definitions.
   */
  writes: boolean;
}

/**
 * What a function of the module does with the handle given in one parameter (the parameter itself
 * or a local copy; its address and members read through it, `p->hProcess`, are not followed):
 * 'waits' when it hands it to a wait API as the handle (WAIT_HANDLE_ARGUMENT,
 * engine/knowledge/api-lists.ts) or to a module function that waits on it; 'none' when it hands it
 * only to PROCESS_HANDLE_USES and module functions that do not wait, writes nothing beyond its
 * locals and waits on nothing at all; else 'unknown' (a function the module does not define gets
 * it, it may keep it, or it waits on something the summaries do not trace to the parameter).
 */
export type ParameterWait = 'waits' | 'none' | 'unknown';

/**
 * Where the model gave up part of its work (a budget reached: engine/model/propagation.ts
 * MAX_CALL_DEPTH), said at a range of a file of the module; the linter reports it with the file's
 * messages (a warning with no rule).
 */
export interface ModelNotice {
  filePath: string;
  start: number;
  end: number;
  message: string;
}

export interface InstallerModelService {
  entryPoints: readonly EntryPointInfo[];
  /** Budgets the model reached while it was built (none in a model that answers in full). */
  readonly notices?: readonly ModelNotice[];
  /** Every DIF context (entry point, DIF code, interactivity, shortest chain) under which code at this offset can run. */
  contextsAt(filePath: string, offset: number): ReachingContext[];
  /** True when code at this offset runs only from DllMain (reachable from it and from no entry point). */
  onlyFromDllMain(filePath: string, offset: number): boolean;
  /** The module global an identifier at this offset refers to (scoping respected: locals and parameters shadow), if any. */
  globalAt(filePath: string, offset: number): ModuleGlobal | undefined;
  /** Every read and write of a global across the module. */
  accessesOf(global: ModuleGlobal): readonly GlobalAccess[];
  /**
   * The functions (APIs or the module's own) that the expansion of the module's macro `name`
   * calls, through nested macros; empty when `name` is not a macro of the module.
   */
  macroCalls(name: string): readonly string[];
  /**
   * What the module's functions and macros named `name` do, together (the functions `name` means
   * in `fromFile`: a static one of that file first); undefined when the module defines neither.
   */
  effectsOf(name: string, fromFile: string): ModuleEffects | undefined;
  /**
   * Whether the module's function `name` (as `fromFile` sees it) waits on the handle passed as its
   * parameter `index` (0-based; ParameterWait); undefined when the module defines no such function.
   */
  waitsOnParameter(name: string, fromFile: string, index: number): ParameterWait | undefined;
  /** The names the module's .def files export, in the order of the files and of their EXPORTS. */
  defExports(): readonly DefExport[];
}

export function entryPointName(c: ReachingContext): string {
  return c.entryPoint.name;
}

export function chainToRelated(chain: readonly ChainStep[]): RelatedLocation[] {
  return chain.map((s) => ({
    filePath: s.filePath,
    message: s.label,
    line: s.line,
    column: s.column,
    endLine: s.endLine,
    endColumn: s.endColumn,
    range: s.range ? [s.range[0], s.range[1]] : undefined,
  }));
}

/**
 * The context a finding at this site is reported under: the first reaching context that matches
 * `filter` (default: any), with the shortest chain. Undefined when none reaches the site.
 */
export function siteContext(
  model: InstallerModelService,
  filePath: string,
  offset: number,
  filter: (c: ReachingContext) => boolean = () => true,
): { entryPoint: string; difCode: string; context: ReachingContext; related: RelatedLocation[] } | undefined {
  const contexts = model.contextsAt(filePath, offset).filter(filter);
  if (contexts.length === 0) return undefined;
  const best = contexts.reduce((a, b) => (b.chain.length < a.chain.length ? b : a));
  return { entryPoint: entryPointName(best), difCode: best.difCode, context: best, related: chainToRelated(best.chain) };
}
