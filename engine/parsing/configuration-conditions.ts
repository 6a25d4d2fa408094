/**
 * The preprocessor conditions a file is evaluated with (conditional-evaluation.ts), from the
 * settings (`settings.configuration`, `settings.defines`) and the configuration of the build that
 * compiles the file (BuildConfiguration.defines). Undefined, so today's reading (every branch live
 * but literal `#if 0` / `#if 1`), when there is neither a build configuration nor settings.defines:
 * with a configuration named but no build file for the file, the project's defines are not known,
 * and no `#ifdef` is taken as false on a guess. docs/architecture.md, "Summaries".
 */
import { ALWAYS_PREDEFINED, mayBeDefinedOutsideBuild, PLATFORM_MACROS, platformMacros } from '../knowledge/predefined-macros.js';
import type { BuildConfiguration, BuildItem } from '../readers/build/build-types.js';
import type { PreprocessorConditions } from './conditional-evaluation.js';

export interface ConditionSources {
  filePath: string;
  /** settings.configuration ("Release|x64"). */
  configuration?: string;
  /** settings.defines: `NAME` or `NAME=VALUE`, over the build's (for a team without build files). */
  defines?: readonly string[];
  /** The configuration of the build that compiles the file (buildOf), when there is one. */
  build?: BuildConfiguration;
  /**
   * Names the module's files #define, with how many files do (definedMacroNames): a header may
   * define them for the files that include it. A name only the file itself defines is not
   * counted (its own #define is read in order: `#ifndef X_H` before `#define X_H` is true).
   */
  moduleMacroNames?: ReadonlyMap<string, number>;
  /** The names the file itself #defines. */
  ownMacroNames?: ReadonlySet<string>;
}

const SOURCE_C = /\.c$/i;
const SOURCE_CXX = /\.(?:cpp|cc|cxx)$/i;

export function preprocessorConditions(sources: ConditionSources): PreprocessorConditions | undefined {
  const { filePath, build, defines } = sources;
  if (!build && defines === undefined) return undefined;
  const defined = new Map<string, { body: string } | 'defined'>();
  /** Names known not to be defined though mayBeDefinedOutsideBuild would say they may be. */
  const undefinedNames = new Set<string>();
  for (const [name, body] of ALWAYS_PREDEFINED) defined.set(name, body === null ? 'defined' : { body });
  const platform = platformMacros(build?.name ?? sources.configuration);
  if (platform) {
    for (const name of PLATFORM_MACROS) undefinedNames.add(name);
    for (const [name, body] of platform) defined.set(name, { body });
  }
  // __cplusplus: by the file's extension (a header is compiled as what includes it)
  if (SOURCE_CXX.test(filePath)) defined.set('__cplusplus', 'defined');
  else if (SOURCE_C.test(filePath)) undefinedNames.add('__cplusplus');
  // _DLL: /MD defines it, /MT does not
  if (build?.runtime === 'dll') defined.set('_DLL', { body: '1' });
  else if (build?.runtime === 'static') undefinedNames.add('_DLL');
  for (const item of build?.defines ?? []) addDefine(defined, item);
  for (const value of defines ?? []) addDefine(defined, { value, file: '', range: [0, 0] });
  for (const name of defined.keys()) undefinedNames.delete(name);
  const own = sources.ownMacroNames;
  const others = new Set<string>();
  for (const [name, files] of sources.moduleMacroNames ?? []) if (files > (own?.has(name) ? 1 : 0)) others.add(name);
  const mayBeDefined = (name: string) => !undefinedNames.has(name) && (others.has(name) || mayBeDefinedOutsideBuild(name));
  const key = JSON.stringify([[...defined].sort(), [...undefinedNames].sort(), [...others].sort()]);
  return { defined, mayBeDefined, key };
}

/** `NAME`, `NAME=VALUE` or `NAME#VALUE` (cl's /D), as a definition; an entry the reader could not expand defines nothing known. */
function addDefine(defined: Map<string, { body: string } | 'defined'>, item: BuildItem): void {
  const m = /^([A-Za-z_]\w*)(?:([=#])([\s\S]*))?$/.exec(item.value.trim());
  if (!m) return;
  const [, name, sign, value] = m;
  if (item.unresolved || /\$\(|%\(/.test(value ?? '')) defined.set(name, 'defined');
  else defined.set(name, { body: sign ? value.trim() : '1' });
}

/** The names a text #defines (anywhere: in any branch), for ConditionSources' module and own names. */
export function definedMacroNames(text: string): Set<string> {
  const names = new Set<string>();
  if (!text.includes('define')) return names;
  for (const m of text.matchAll(/^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)/gm)) names.add(m[1]);
  return names;
}

/** How many of the texts #define each name. */
export function countMacroNames(perFile: Iterable<ReadonlySet<string>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const names of perFile) for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}
