/**
 * An empty project that installs the packed tarball, offline: its package-lock.json pins the
 * tarball and, for the package's dependencies, the versions and integrities of this repository's
 * package-lock.json, so that `npm ci --offline` takes them from the npm cache `npm ci` filled
 * here (a lockfile is what lets npm install without asking the registry for package metadata).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

interface Lock {
  packages: Record<string, LockEntry>;
}

/** Where Node would find `name` required from the package at `from` ('' for the root), in the lock's layout. */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === '') return undefined;
    const up = base.lastIndexOf('/node_modules/');
    base = up < 0 ? '' : base.slice(0, up);
  }
}

/** The lock entries the root's dependencies need at run time (dependencies, optional ones, required peers), by path. */
export function runtimeClosure(lock: Lock): Record<string, LockEntry> {
  const out: Record<string, LockEntry> = {};
  const queue: string[] = [''];
  for (let i = 0; i < queue.length; i++) {
    const path = queue[i];
    const entry = lock.packages[path];
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((p) => !entry.peerDependenciesMeta?.[p]?.optional);
    const names = [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...peers];
    for (const name of names) {
      const found = resolveIn(lock.packages, path, name);
      if (found === undefined) {
        if (entry.optionalDependencies?.[name] !== undefined) continue;
        throw new Error(`package-lock.json: ${name} (needed by ${path || 'the root'}) is not in the lock`);
      }
      if (out[found]) continue;
      out[found] = lock.packages[found];
      queue.push(found);
    }
  }
  return out;
}

export interface Tarball {
  /** The tarball's file name, in the folder above the consumer project. */
  filename: string;
  integrity: string;
}

/** Writes package.json and package-lock.json of a project in `dir` depending on `../<tarball>`. */
export function writeConsumerProject(dir: string, repoRoot: string, tarball: Tarball): void {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as LockEntry & { name: string; bin?: unknown; engines?: unknown; license?: string };
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as Lock;
  const spec = `file:../${tarball.filename}`;
  const packaged: LockEntry = {
    version: manifest.version,
    resolved: spec,
    integrity: tarball.integrity,
    license: manifest.license,
    dependencies: manifest.dependencies,
    bin: manifest.bin,
    engines: manifest.engines,
  };
  const project = { name: 'consumer', version: '1.0.0', private: true, type: 'module', dependencies: { [manifest.name]: spec } };
  const consumerLock = {
    name: project.name,
    version: project.version,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: project.name, version: project.version, dependencies: project.dependencies },
      [`node_modules/${manifest.name}`]: packaged,
      ...runtimeClosure(lock),
    },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(project, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(consumerLock, null, 2)}\n`);
}
