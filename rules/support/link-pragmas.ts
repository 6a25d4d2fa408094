/**
 * The link dependencies a `#pragma` makes (docs/installer-facts.md#dll-loading-and-link-dependencies):
 * `#pragma comment(lib, "x.lib")` links a library; `#pragma comment(linker, "...")` passes options
 * to the linker, and each `/DELAYLOAD:x.dll` (or `-delayload:`, in any case, several options in
 * one string) makes the DLL load at its first call. Only what is not part of Windows is returned.
 */
import type { Node } from 'web-tree-sitter';
import { isWindowsDll, libraryBaseName, SYSTEM_LIBRARIES } from '../../engine/index.js';

export type LinkDependency =
  /** A library linked: from the `#` to the pragma's closing parenthesis. */
  | { kind: 'library'; library: string; start: number; end: number }
  /** A delay-loaded DLL: its name in the string. */
  | { kind: 'delayLoad'; dll: string; start: number; end: number };

const LIB = /^\s*comment\s*\(\s*lib\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)/;
const LINKER = /^\s*comment\s*\(\s*linker\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)/;
/** An option of the linker's string: `/DELAYLOAD:name` at its start or after a blank or `\"`. */
const DELAYLOAD = /(?<=^|\s|\\")[/-]delayload:([^\s"\\]+)/gi;

/**
 * Whether a library, as a `#pragma comment(lib)` or a build file names it (with or without folders
 * and `.lib`), is Windows' or a static run time: SYSTEM_LIBRARIES by base name.
 */
export function isSystemLibrary(name: string): boolean {
  return SYSTEM_LIBRARIES.has(libraryBaseName(name));
}

/** The non-Windows link dependencies of a `#pragma` directive (a preproc_call node). */
export function linkDependencies(node: Node): LinkDependency[] {
  if (node.childForFieldName('directive')?.text !== '#pragma') return [];
  const arg = node.childForFieldName('argument');
  if (!arg) return [];
  const lib = LIB.exec(arg.text);
  if (lib) {
    // an empty name links nothing (the linker ignores it)
    if (lib[1].trim() === '' || isSystemLibrary(lib[1])) return [];
    return [{ kind: 'library', library: lib[1], start: node.startIndex, end: arg.startIndex + lib[0].trimEnd().length }];
  }
  const linker = LINKER.exec(arg.text);
  if (!linker) return [];
  // the options' text starts after the opening quote
  const optionsStart = arg.startIndex + linker[0].indexOf('"') + 1;
  const found: LinkDependency[] = [];
  for (const m of linker[1].matchAll(DELAYLOAD)) {
    const dll = m[1];
    if (isWindowsDll(dll)) continue;
    const start = optionsStart + m.index + m[0].length - dll.length;
    found.push({ kind: 'delayLoad', dll, start, end: start + dll.length });
  }
  return found;
}
