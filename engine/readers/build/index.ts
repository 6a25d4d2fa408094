/**
 * Build files read as data, never executed: which reader reads a file, by its name. A `.props`
 * alone is not a project (it is read through the `.vcxproj` that imports it).
 */
import { baseNameOf } from './build-paths.js';
import { type BuildProject, type ReadBuildFile } from './build-types.js';
import { readCompileCommands } from './compile-commands-reader.js';
import { readSources } from './sources-reader.js';
import { readVcxproj } from './vcxproj-reader.js';

export { readCompileCommands } from './compile-commands-reader.js';
export { readSources } from './sources-reader.js';
export { readVcxproj } from './vcxproj-reader.js';

/** True for the names readBuildFile reads: `*.vcxproj`, `sources` (any case), `compile_commands.json`. */
export function isBuildFileName(file: string): boolean {
  const name = baseNameOf(file).toLowerCase();
  return name.endsWith('.vcxproj') || name === 'sources' || name === 'compile_commands.json';
}

/** The build file read by the reader its name calls for, or undefined when it is not a build file. */
export function readBuildFile(file: string, text: string, readFile: ReadBuildFile): BuildProject | undefined {
  const name = baseNameOf(file).toLowerCase();
  if (name.endsWith('.vcxproj')) return readVcxproj(file, text, readFile);
  if (name === 'sources') return readSources(file, text, readFile);
  if (name === 'compile_commands.json') return readCompileCommands(file, text);
  return undefined;
}
