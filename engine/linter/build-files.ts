/**
 * The build files of a module as the rules see them (RuleServices.build): the module's project
 * files (a `.vcxproj`, a WDK `sources`, a compile_commands.json) read as data with the build
 * reader (readBuildFile of engine/readers/build/index.ts), once per lint and
 * only when a build file is linted. A `.props`, `.targets` or `makefile.inc` is no project of its
 * own: its entries belong to the module's projects that read it, else to the projects beside it
 * (the `.vcxproj` and `sources` files of its folder) that read it.
 *
 * What a reader reads besides the project (an import, makefile.inc) is the module's text of that
 * file when the module has it (an open document in the language server), else the file on disk,
 * and only a build file (isBuildFile) inside the workspace: below the nearest folder above the
 * project that holds `.git`, or without one, at most three folders above the project's folder
 * (as far as module discovery looks up, engine/model/module-discovery.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isBuildFile } from '../parsing/cpp-parser.js';
import type { BuildDiagnostic, BuildProject, ReadBuildFile } from '../readers/build/build-types.js';
import { readBuildFile } from '../readers/build/index.js';
import { readSourceFile } from '../text/source-file.js';
import type { ParsedFile, ServiceProvider } from './linter.js';
import type { SourceCode } from './source-code.js';
import type { LintMessage } from './types.js';

/** How a build file is read: readBuildFile's signature (engine/readers/build/index.ts). */
export type BuildReader = (file: string, text: string, readFile: ReadBuildFile) => BuildProject | undefined;

export interface BuildFilesService {
  /** The module's projects that write entries in `filePath`: the project file itself, or those that read it (an imported `.props`). */
  projectsWriting(filePath: string): readonly BuildProject[];
  /** What the readers found malformed in `filePath`, once each, from every project that reads it. */
  diagnosticsOf(filePath: string): readonly BuildDiagnostic[];
  /** Whether two paths name one file (a reader's `BuildItem.file` and the linted file's path). */
  sameFile(a: string, b: string): boolean;
  /** Whether the module linted (and so the installer model) holds the file. */
  inModule(filePath: string): boolean;
}

/** The service provider of RuleServices.build, with the reader of build files (readBuildFile unless told). */
export function buildFilesProvider(read: BuildReader = readBuildFile): ServiceProvider {
  return (files) => {
    return files.some((f) => f.language === 'build') ? { build: new ModuleBuildFiles(files, read) } : {};
  };
}

/**
 * What the readers found malformed in a linted build file, as messages of no rule, fatal and
 * errors, as a file that cannot be read is reported (engine/batch/lint-paths.ts); the lint of the
 * other files goes on.
 */
export function buildDiagnosticMessages(build: BuildFilesService | undefined, filePath: string, sourceCode: SourceCode): LintMessage[] {
  return (build?.diagnosticsOf(filePath) ?? []).map((d) => {
    const { start, end } = sourceCode.locOf(d.range);
    const message = `Malformed build file: ${d.message}`;
    return { ruleId: null, severity: 2, fatal: true, message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, range: d.range };
  });
}

/** Paths compared resolved and in any case (a project written on Windows names its imports in any case). */
const keyOf = (path: string): string => resolve(path).toLowerCase();

const MAX_UP = 3;

class ModuleBuildFiles implements BuildFilesService {
  private projects: BuildProject[] | undefined;
  /** The texts of the module's files, by keyOf. */
  private readonly texts: Map<string, string>;
  /** Projects read from beside a `.props` or `makefile.inc`, by keyOf. */
  private readonly beside = new Map<string, BuildProject | undefined>();

  constructor(
    private readonly files: readonly ParsedFile[],
    private readonly read: BuildReader,
  ) {
    this.texts = new Map(files.map((f) => [keyOf(f.filePath), f.sourceCode.text]));
  }

  sameFile(a: string, b: string): boolean {
    return a === b || keyOf(a) === keyOf(b);
  }

  inModule(filePath: string): boolean {
    return this.texts.has(keyOf(filePath));
  }

  projectsWriting(filePath: string): readonly BuildProject[] {
    const key = keyOf(filePath);
    const writes = (p: BuildProject) => keyOf(p.file) === key || p.files.some((f) => keyOf(f) === key);
    const found = this.all().filter(writes);
    return found.length > 0 ? found : this.projectsBeside(filePath).filter(writes);
  }

  diagnosticsOf(filePath: string): readonly BuildDiagnostic[] {
    const seen = new Set<string>();
    const out: BuildDiagnostic[] = [];
    for (const project of this.projectsWriting(filePath)) {
      for (const d of project.diagnostics) {
        const id = `${d.range[0]}:${d.range[1]}:${d.message}`;
        if (!this.sameFile(d.file, filePath) || seen.has(id)) continue;
        seen.add(id);
        out.push(d);
      }
    }
    return out;
  }

  private all(): BuildProject[] {
    if (this.projects) return this.projects;
    this.projects = [];
    for (const file of this.files) {
      if (file.language !== 'build') continue;
      const project = this.read(file.filePath, file.sourceCode.text, this.readerFor(file.filePath));
      if (project) this.projects.push(project);
    }
    return this.projects;
  }

  /** The projects of the folder of a build file that is no project (`.props`, `makefile.inc`), read from disk. */
  private projectsBeside(filePath: string): BuildProject[] {
    const folder = dirname(resolve(filePath));
    const out: BuildProject[] = [];
    for (const name of listFolder(folder)) {
      if (!/\.vcxproj$/i.test(name) && name.toLowerCase() !== 'sources') continue;
      const path = join(folder, name);
      const key = keyOf(path);
      if (this.texts.has(key)) continue;
      if (!this.beside.has(key)) {
        const text = this.readerFor(path)(path);
        this.beside.set(key, text === undefined ? undefined : this.read(path, text, this.readerFor(path)));
      }
      const project = this.beside.get(key);
      if (project) out.push(project);
    }
    return out;
  }

  private readerFor(projectFile: string): ReadBuildFile {
    const root = workspaceRoot(dirname(resolve(projectFile)));
    return (path) => {
      const text = this.texts.get(keyOf(path));
      if (text !== undefined) return text;
      const abs = resolve(path);
      const rel = relative(root, abs);
      if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) || !isBuildFile(abs)) return undefined;
      const read = readSourceFile(abs);
      return read.ok ? read.text : undefined;
    };
  }
}

function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
}

/** The nearest folder holding `.git` from `folder` upward, else the folder MAX_UP levels above it. */
function workspaceRoot(folder: string): string {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) break;
  }
  let dir = folder;
  for (let i = 0; i < MAX_UP && dirname(dir) !== dir; i++) dir = dirname(dir);
  return dir;
}
