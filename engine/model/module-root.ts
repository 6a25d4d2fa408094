/**
 * Where module discovery looks for a module's root (module-discovery.ts): from the file's own folder
 * upward, at most three levels, never above a folder holding .git, up to the nearest holding a
 * marker (.def, .vcxproj, `sources`, .inf or .inx): that one is the folder rule's root. The build
 * index (engine/build/build-index.ts) looks for build files in the same folders.
 */
import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const MARKER = /\.(def|vcxproj|inf|inx)$/i;
const MAX_UP = 3;

/** A folder's entry names, or none when it cannot be read. */
export function listFolder(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function hasMarker(names: readonly string[]): boolean {
  return names.some((n) => MARKER.test(n) || n.toLowerCase() === 'sources');
}

/** A folder a module root may be, with its entry names. */
export interface RootCandidate {
  dir: string;
  names: string[];
}

/**
 * The folders a file's module root may be, nearest first, each with its entry names: up to the
 * first that holds a marker (the folder rule's root), never above one holding .git.
 */
export function rootCandidates(filePath: string): RootCandidate[] {
  const out: RootCandidate[] = [];
  let dir = dirname(resolve(filePath));
  for (let level = 0; level <= MAX_UP; level++) {
    const names = listFolder(dir);
    out.push({ dir, names });
    if (hasMarker(names) || names.includes('.git')) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return out;
}

export function moduleRoot(filePath: string): string {
  return rootAmong(rootCandidates(filePath));
}

/** The folder rule's root among a file's candidates: the one holding a marker, else the file's own folder. */
export function rootAmong(candidates: readonly RootCandidate[]): string {
  return candidates.find((c) => hasMarker(c.names))?.dir ?? candidates[0].dir;
}
