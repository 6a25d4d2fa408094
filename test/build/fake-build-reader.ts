/**
 * The build readers for the build index and module tests: readVcxproj and readSources, and until
 * the readers' dispatch (engine/readers/build/index.ts) is in the tree, a small stand-in for
 * compile_commands.json ("file" and -I). It counts the reads per file.
 */
import { resolve } from 'node:path';
import type { BuildConfiguration, BuildItem, BuildProject, ReadBuildFile } from '../../engine/readers/build/build-types.js';
import { readSources } from '../../engine/readers/build/sources-reader.js';
import { readVcxproj } from '../../engine/readers/build/vcxproj-reader.js';

export const readCounts = new Map<string, number>();

function plain(file: string, at: number, value: string): BuildItem {
  return { value, file, range: [at, at + value.length] };
}

function emptyConfiguration(name: string | null): BuildConfiguration {
  return { name, sources: [], headers: [], includeDirs: [], defines: [], libraries: [], delayLoad: [] };
}

export function fakeReadBuildFile(file: string, text: string, readFile: ReadBuildFile): BuildProject | undefined {
  readCounts.set(file, (readCounts.get(file) ?? 0) + 1);
  if (file.toLowerCase().endsWith('.vcxproj')) return readVcxproj(file, text, readFile);
  if (file.endsWith('compile_commands.json')) {
    const c = emptyConfiguration(null);
    for (const entry of JSON.parse(text) as { directory: string; file: string; command: string }[]) {
      c.sources.push(plain(file, 0, resolve(entry.directory, entry.file)));
      for (const m of entry.command.matchAll(/-I(\S+)/g)) c.includeDirs.push(plain(file, 0, resolve(entry.directory, m[1])));
    }
    return { kind: 'compile_commands', file, files: [file], configurations: [c], diagnostics: [] };
  }
  return readSources(file, text, readFile);
}
