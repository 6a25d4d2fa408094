/**
 * The build files of a tree, read as data (docs/architecture.md, Modules): `*.vcxproj`, `sources`
 * and `compile_commands.json` in the folders module discovery looks in for a module's root
 * (engine/model/module-root.ts rootCandidates). Each is read once per content: the index keeps
 * each project with the hash of its text, so the language server, which keeps one index, reads a
 * project again only when its text changed, and the command line, which makes one per run, reads
 * each once. The readers (engine/readers/build/) never touch the disk; they read imports through
 * `readFile`, which refuses paths outside the workspace roots and files that are not regular.
 */
import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { listFolder, type RootCandidate, rootCandidates } from '../model/module-root.js';
import type { BuildConfiguration, BuildProject, ReadBuildFile } from '../readers/build/build-types.js';
import { isBuildFileName, readBuildFile } from '../readers/build/index.js';
import { buildModuleFiles } from './build-module.js';
import { insideRoots, realRoots, workspaceReader } from './workspace-files.js';

/** A DLL project and the configuration of it that compiles a file. */
export interface BuildOf {
  project: BuildProject;
  configuration: BuildConfiguration;
}

/** How a build file is read: the readers' readBuildFile (engine/readers/build/index.ts) unless a test gives its own. */
export type BuildFileReader = (file: string, text: string, readFile: ReadBuildFile) => BuildProject | undefined;

export interface BuildIndexOptions {
  /** The workspace: nothing outside these folders is read (a function: asked at each read). Default: the current folder. */
  roots?: readonly string[] | (() => readonly string[]);
  /** How files are read (default: regular files inside `roots`, decoded as sources are). */
  readFile?: ReadBuildFile;
  /** How a build file's text becomes a project (default: the readers of engine/readers/build/). */
  readBuildFile?: BuildFileReader;
}

/** A DLL project with its files in the configuration chosen (build-module.ts). */
export interface BuildDll extends BuildOf {
  files: string[];
}

/** The DLL projects of the folders a file's module root may be in (nearest first). */
export interface BuildDlls {
  dlls: BuildDll[];
  /** A build file there could not be read as its format says (it has diagnostics). */
  malformed: boolean;
}

export interface BuildIndex {
  /** Whether a path is inside the workspace. */
  isInside(path: string): boolean;
  /** The build files directly in a folder, read (their diagnostics included). */
  projectsIn(root: string): BuildProject[];
  /** The DLL project that compiles or includes the file, with the configuration it does so in. */
  buildOf(filePath: string, configurationName?: string | null): BuildOf | undefined;
  /**
   * What module discovery goes by: the DLL projects around a file, with their files. `candidates`:
   * the folders rootCandidates gives for the file, when the caller has them already.
   */
  dllsAround(filePath: string, configurationName?: string | null, candidates?: readonly RootCandidate[]): BuildDlls;
  /** Forgets the DLLs' file lists (sources changed); projects stay cached by content. */
  forget(): void;
}

const DLL_TARGET = /^(dynamiclibrary|dynlink)$/i;

/** The configuration a project is linted in: the one named when the project has it, else its first DLL configuration. */
export function chosenConfiguration(project: BuildProject, name?: string | null): BuildConfiguration | undefined {
  const isDll = (c: BuildConfiguration) => project.kind === 'compile_commands' || DLL_TARGET.test(c.targetType?.value ?? '');
  if (name) {
    const named = project.configurations.find((c) => c.name !== null && c.name.toLowerCase() === name.toLowerCase());
    if (named && isDll(named)) return named;
  }
  return project.configurations.find(isDll);
}

export function createBuildIndex(options: BuildIndexOptions = {}): BuildIndex {
  const given = options.roots ?? [process.cwd()];
  const rootsNow = typeof given === 'function' ? () => realRoots(given()) : ((fixed) => () => fixed)(realRoots(given));
  const readFile = options.readFile ?? workspaceReader(rootsNow);
  const read = options.readBuildFile ?? readBuildFile;
  const projects = new Map<string, { hash: string; others: string[]; project: BuildProject | undefined }>();
  const fileLists = new Map<string, string[]>();
  const isInside = (path: string) => insideRoots(rootsNow(), path);

  /** The hash of a project's text and of the files it read besides (its imports, makefile.inc). */
  const hashOf = (text: string, others: readonly string[]): string => {
    const hash = createHash('sha1').update(text);
    for (const other of others) hash.update('\0').update(other).update('\0').update(readFile(other) ?? '');
    return hash.digest('hex');
  };

  const projectAt = (file: string): BuildProject | undefined => {
    const text = readFile(file);
    if (text === undefined) return undefined;
    const cached = projects.get(file);
    if (cached && cached.hash === hashOf(text, cached.others)) return cached.project;
    let project: BuildProject | undefined;
    try {
      project = read(file, text, readFile);
    } catch (error) {
      const message = `could not read the build file: ${error instanceof Error ? error.message : String(error)}`;
      project = { kind: kindOf(file), file, files: [file], configurations: [], diagnostics: [{ file, message, range: [0, 0] }] };
    }
    const others = (project?.files ?? []).filter((f) => f !== file);
    projects.set(file, { hash: hashOf(text, others), others, project });
    return project;
  };

  const inFolder = (dir: string, names: readonly string[]): BuildProject[] => {
    const out: BuildProject[] = [];
    for (const name of [...names].sort()) {
      if (!isBuildFileName(name)) continue;
      const project = projectAt(join(dir, name));
      if (project) out.push(project);
    }
    return out;
  };

  const filesOf = (of: BuildOf): string[] => {
    const key = `${of.project.file}\0${projects.get(of.project.file)?.hash ?? ''}\0${of.configuration.name ?? ''}`;
    let files = fileLists.get(key);
    if (!files) fileLists.set(key, (files = buildModuleFiles(of.project, of.configuration, isInside)));
    return files;
  };

  const dllsAround = (filePath: string, configurationName?: string | null, candidates?: readonly RootCandidate[]): BuildDlls => {
    const found: BuildDlls = { dlls: [], malformed: false };
    for (const { dir, names } of candidates ?? rootCandidates(resolve(filePath))) {
      if (!names.some(isBuildFileName) || !isInside(dir)) continue;
      for (const project of inFolder(dir, names)) {
        if (project.diagnostics.length > 0) {
          found.malformed = true;
          continue;
        }
        const configuration = chosenConfiguration(project, configurationName);
        if (configuration) found.dlls.push({ project, configuration, files: filesOf({ project, configuration }) });
      }
    }
    return found;
  };

  return {
    isInside,
    projectsIn: (root) => inFolder(resolve(root), listFolder(resolve(root))),
    buildOf(filePath, configurationName) {
      const abs = resolve(filePath);
      const dll = dllsAround(abs, configurationName).dlls.find((d) => d.files.includes(abs));
      return dll ? { project: dll.project, configuration: dll.configuration } : undefined;
    },
    dllsAround,
    forget: () => fileLists.clear(),
  };
}

function kindOf(file: string): BuildProject['kind'] {
  const lower = basename(file).toLowerCase();
  return lower === 'sources' ? 'sources' : lower.endsWith('.json') ? 'compile_commands' : 'vcxproj';
}
