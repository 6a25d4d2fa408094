/**
 * The module of a file when the build says which DLL compiles it (docs/architecture.md, Modules):
 * the files of the DLL project's configuration (engine/build/build-module.ts: the sources, the
 * headers they include through the project's include folders, the ClInclude headers, the .def of
 * ModuleDefinitionFile/DLLDEF) plus the INF files of the project's folder, found as the folder
 * rule finds them (module-discovery.ts). A file of that tree no DLL project compiles nor includes
 * (a test tool's main.c beside the DLL's sources) is a module of its own. Without a DLL project,
 * or when a build file there could not be read, the folder rule makes the module.
 */
import { dirname } from 'node:path';
import type { BuildIndex } from '../build/build-index.js';
import { isBuildFileName } from '../readers/build/index.js';
import type { RootCandidate } from './module-root.js';

/** Which rule made a module, and from which build file and configuration. */
export interface ModuleOrigin {
  rule: 'vcxproj' | 'sources' | 'compile_commands' | 'folder' | 'single';
  /** The build file (absolute path) of a module the build made. */
  buildFile?: string;
  /** The configuration (`Release|x64`), null for a build file without configurations. */
  configuration?: string | null;
}

/** A module as discovery gives it: a key unique to the module, its files, and how it was made. */
export interface LocatedModule {
  /** The folder of the folder rule, the build file of a DLL project, the file itself for a file on its own. */
  root: string;
  files: string[];
  origin: ModuleOrigin;
}

/**
 * The DLL module holding `abs`, 'single' when DLL projects are around but none holds it, or
 * undefined when the folder rule applies.
 */
export function moduleFromBuild(
  abs: string,
  index: BuildIndex,
  configuration: string | null | undefined,
  infFilesOf: (dir: string) => readonly string[],
  candidates: readonly RootCandidate[],
): LocatedModule | 'single' | undefined {
  // a tree without build files costs no more than the folder rule: the candidates' names are at hand
  if (!candidates.some((c) => c.names.some(isBuildFileName))) return undefined;
  const { dlls, malformed } = index.dllsAround(abs, configuration, candidates);
  for (const dll of dlls) {
    const files = [...new Set([...dll.files, ...infFilesOf(dirname(dll.project.file))])];
    if (!files.includes(abs)) continue;
    const origin: ModuleOrigin = { rule: dll.project.kind, buildFile: dll.project.file, configuration: dll.configuration.name };
    return { root: dll.project.file, files, origin };
  }
  if (malformed || dlls.length === 0) return undefined;
  return 'single';
}
