/**
 * A module locator that discovers each module once. `discoverModule` walks the module's folders
 * and reads every file of it for `#include "..."` lines; called for every file of a big module
 * (the 1,500 headers of one include folder) that work is quadratic. The module root depends only
 * on the file's folder, so it is remembered per folder, and a module's file list is reused for
 * every file it already holds (for such a file discoverModule would return the same list).
 */
import { dirname, resolve } from 'node:path';
import { discoverModule, moduleRoot } from '../model/index.js';
import type { ModuleLocator } from './lint-paths.js';

export interface LocatorFs {
  moduleRoot(filePath: string): string;
  discoverModule(filePath: string): { root: string; files: string[] };
}

const realFs: LocatorFs = { moduleRoot, discoverModule };

/** A locator with its own caches (make one per run: files on disk may change between runs). */
export function cachedModuleLocator(fs: LocatorFs = realFs): ModuleLocator {
  const rootOfDir = new Map<string, string>();
  const modules = new Map<string, { root: string; files: string[]; members: Set<string> }>();
  return (filePath) => {
    const abs = resolve(filePath);
    const dir = dirname(abs);
    let root = rootOfDir.get(dir);
    if (root === undefined) {
      root = fs.moduleRoot(abs);
      rootOfDir.set(dir, root);
    }
    const known = modules.get(root);
    if (known && known.members.has(abs)) return { root: known.root, files: known.files };
    const found = fs.discoverModule(abs);
    if (!known) modules.set(root, { root: found.root, files: found.files, members: new Set(found.files) });
    return found;
  };
}
