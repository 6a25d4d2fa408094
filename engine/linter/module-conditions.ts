/**
 * The preprocessor conditions each file of a module is parsed with (engine/parsing/
 * configuration-conditions.ts), from the file's settings (`configuration`, `defines`) and the
 * build that compiles it. The linter (parse-inputs.ts) and the lint session (engine/incremental/)
 * both ask here, so a file's dead branches are the same in the command line and the editor.
 */
import { countMacroNames, definedMacroNames, preprocessorConditions } from '../parsing/configuration-conditions.js';
import type { PreprocessorConditions } from '../parsing/conditional-evaluation.js';
import { languageOfPath } from '../parsing/cpp-parser.js';
import type { BuildConfiguration, BuildProject } from '../readers/build/build-types.js';
import type { SharedSettings } from './types.js';

/** The build project that compiles or includes a file, and its configuration of that name (engine/build/). */
export type BuildLookup = (filePath: string, configurationName: string) => { project: BuildProject; configuration: BuildConfiguration } | undefined;

/** The conditions of a module's file, or undefined: parsed as without a configuration. */
export type ConditionsOf = (filePath: string) => PreprocessorConditions | undefined;

/**
 * Per file of the module (`files`: every C/C++ file of it, with its text): undefined when its
 * settings name no configuration and no defines (or cannot be read). The names the module's files
 * #define are read once, on the first file that needs them.
 */
export function moduleConditions(
  files: readonly { filePath: string; text: string }[],
  settingsOf: (filePath: string) => SharedSettings | undefined,
  buildOf?: BuildLookup,
): ConditionsOf {
  let names: { own: Map<string, Set<string>>; counts: Map<string, number> } | undefined;
  return (filePath) => {
    const settings = settingsOf(filePath);
    if (!settings || (settings.configuration === undefined && settings.defines === undefined)) return undefined;
    if (!names) {
      const own = new Map<string, Set<string>>();
      for (const f of files) if (languageOfPath(f.filePath) === 'cpp') own.set(f.filePath, definedMacroNames(f.text));
      names = { own, counts: countMacroNames(own.values()) };
    }
    const build = settings.configuration !== undefined ? namedConfiguration(buildOf?.(filePath, settings.configuration)?.configuration, settings.configuration) : undefined;
    return preprocessorConditions({
      filePath,
      configuration: settings.configuration,
      defines: settings.defines,
      build,
      moduleMacroNames: names.counts,
      ownMacroNames: names.own.get(filePath),
    });
  };
}

/**
 * The build's configuration when it is the one named, or the only one of a build file without
 * configurations (a WDK `sources`, compile_commands.json): a project without the configuration
 * named says nothing of its defines (engine/build/ falls back to its first DLL configuration,
 * for the module's files).
 */
function namedConfiguration(configuration: BuildConfiguration | undefined, name: string): BuildConfiguration | undefined {
  if (!configuration) return undefined;
  return configuration.name === null || configuration.name.toLowerCase() === name.toLowerCase() ? configuration : undefined;
}

/** A file's settings through `configFor`, undefined when its configuration cannot be read (its own lint reports that). */
export function settingsThrough(configFor: (filePath: string) => { settings: SharedSettings }): (filePath: string) => SharedSettings | undefined {
  return (filePath) => {
    try {
      return configFor(filePath).settings;
    } catch {
      return undefined;
    }
  };
}
