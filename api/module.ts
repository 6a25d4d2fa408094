/**
 * The module a file is linted in (docs/architecture.md, Modules): which rule made it (the DLL
 * project that compiles the file, a file on its own, or the folder rule), the build file and the
 * configuration, and every file the installer model reads with it. `coinstaller-lint
 * --print-module FILE` prints it.
 */
import { resolve } from 'node:path';
import { createBuildIndex, createConfigFor, discoverModule, type ModuleOrigin } from '../engine/index.js';
import { type ConfigOptions, setupOptions, workspaceRoots } from './config.js';

export interface ModuleDescription {
  /** The file asked for (absolute path). */
  filePath: string;
  rule: ModuleOrigin['rule'];
  /** The build file of a module the build made (absolute path). */
  buildFile?: string;
  /** Its configuration (`Release|x64`); null for a build file without configurations. */
  configuration?: string | null;
  /** The module's files (absolute paths), in the order discovery found them. */
  files: string[];
}

/** The module of a file; build files are read in the workspace a lint of that file would read them in (workspaceRoots). */
export function moduleFor(filePath: string, options: ConfigOptions = {}): ModuleDescription {
  const setup = setupOptions(options);
  const abs = resolve(setup.cwd, filePath);
  const named = createConfigFor(setup).configFor(abs).settings.configuration;
  const roots = workspaceRoots(setup.cwd, [filePath]);
  const buildIndex = createBuildIndex({ roots });
  const module = discoverModule(abs, { buildIndex, configurationOf: () => named, includeRoots: roots });
  const { rule, buildFile, configuration } = module.origin;
  return { filePath: abs, rule, ...(buildFile !== undefined ? { buildFile, configuration } : {}), files: module.files };
}
