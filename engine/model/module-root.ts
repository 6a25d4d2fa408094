/**
 * Where module discovery looks for a module's root (module-discovery.ts): from the file's own folder
 * upward, at most three levels, never above a folder holding .git. The nearest of these candidates
 * holding a marker (.def, .vcxproj, `sources`, .inf or .inx) is the folder rule's root; the build
 * index (engine/build/build-index.ts) looks for build files in the same candidates.
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

/** The folders a file's module root may be, nearest first, each with its entry names. */
export function rootCandidates(filePath: string): { dir: string; names: string[] }[] {
  const out: { dir: string; names: string[] }[] = [];
  let dir = dirname(resolve(filePath));
  for (let level = 0; level <= MAX_UP; level++) {
    const names = listFolder(dir);
    out.push({ dir, names });
    if (names.includes('.git')) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return out;
}

export function moduleRoot(filePath: string): string {
  const candidates = rootCandidates(filePath);
  return candidates.find((c) => hasMarker(c.names))?.dir ?? candidates[0].dir;
}
