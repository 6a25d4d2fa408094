/**
 * The files of a DLL project's configuration (docs/architecture.md, Modules): the compiled
 * sources, the ClInclude headers, the .def of ModuleDefinitionFile/DLLDEF, and the headers the
 * sources include, transitively. An include is looked up as the compiler looks it up: "..."
 * beside the including file first, then (both kinds) in the configuration's include folders and
 * the project's folder; a name the build does not resolve (an include folder written with a macro
 * the reader could not expand) is matched by the end of its path against the ClInclude headers.
 * Only regular files inside the workspace count.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { languageOfPath } from '../parsing/cpp-parser.js';
import { includesOf } from '../model/include-lines.js';
import { includeTail, normalisedPath } from '../model/include-visibility.js';
import { listFolder } from '../model/module-root.js';
import type { BuildConfiguration, BuildItem, BuildProject } from '../readers/build/build-types.js';
import { isRegularFile, isSpecialPath } from './workspace-files.js';

const MAX_FILES = 2000;

/** The file a build item names, when it exists (Windows names ignore case: the last segment is matched in any case). */
export function existingFile(path: string): string | undefined {
  const abs = resolve(path.includes('\\') && !isRegularFile(path) ? path.replace(/\\/g, '/') : path);
  if (isRegularFile(abs)) return abs;
  // /proc, /sys and /dev are not listed either
  if (isSpecialPath(abs)) return undefined;
  const lower = basename(abs).toLowerCase();
  const found = listFolder(dirname(abs)).find((n) => n.toLowerCase() === lower);
  return found !== undefined && isRegularFile(join(dirname(abs), found)) ? join(dirname(abs), found) : undefined;
}

function itemFiles(items: readonly BuildItem[], inside: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (item.unresolved) continue;
    const file = existingFile(item.value);
    if (file !== undefined && inside(file)) out.push(file);
  }
  return out;
}

/** The project's files for `configuration`: sources first, then headers and the .def, each once. */
export function buildModuleFiles(project: BuildProject, configuration: BuildConfiguration, inside: (path: string) => boolean): string[] {
  const sources = itemFiles(configuration.sources, inside).filter((f) => languageOfPath(f) === 'cpp');
  const headers = itemFiles(configuration.headers, inside);
  const def = configuration.moduleDefinitionFile ? itemFiles([configuration.moduleDefinitionFile], inside) : [];
  const includeDirs = configuration.includeDirs.filter((d) => !d.unresolved).map((d) => resolve(d.value.replace(/\\/g, '/')));
  includeDirs.push(dirname(project.file));
  const files = new Set<string>([...sources, ...headers, ...def]);
  const queue = [...sources, ...headers];
  const keep = (f: string) => {
    if (files.has(f) || files.size >= MAX_FILES || !inside(f)) return;
    files.add(f);
    queue.push(f);
  };
  for (let i = 0; i < queue.length; i++) {
    for (const inc of includesOf(queue[i])) {
      const found = resolveInclude(queue[i], inc.path, inc.quoted, includeDirs, headers);
      for (const f of found) keep(f);
    }
  }
  return [...files];
}

function resolveInclude(from: string, written: string, quoted: boolean, includeDirs: readonly string[], headers: readonly string[]): string[] {
  const path = written.replace(/\\/g, '/');
  const where = quoted ? [dirname(from), ...includeDirs] : includeDirs;
  for (const dir of where) {
    const file = existingFile(resolve(dir, path));
    if (file !== undefined) return [file];
  }
  const tail = includeTail(written);
  return headers.filter((h) => `/${normalisedPath(h)}`.endsWith(tail));
}
