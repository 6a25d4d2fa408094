/**
 * The generated corpus of installer modules and the mixed corpus (docs/performance.md#corpora): written
 * to a cache folder outside git, deterministic from a seed, with a manifest of every planted
 * violation (file, line, column, rule id).
 *
 *   node --import tsx bench/generate-corpus.ts [--seed N] [--mb N] [--out DIR]
 *
 * Defaults: seed 7, 100 MB, .bench-cache/generated-<seed>-<mb>mb. A folder whose manifest says
 * it was written by this generator version with the same seed and size is reused.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModule } from './installer-module.js';
import type { PlantedFinding } from './source-builder.js';

export const GENERATOR_VERSION = 1;
export const MINGW_INCLUDE = '/usr/share/mingw-w64/include';
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.bench-cache');

export interface CorpusManifest {
  generatorVersion: number;
  seed: number;
  targetBytes: number | null;
  targetModules: number | null;
  modules: number;
  files: number;
  bytes: number;
  /** Every planted violation, in module order. */
  findings: PlantedFinding[];
}

export interface GenerateOptions {
  root: string;
  seed: number;
  /** Stop adding modules once this many bytes are written... */
  targetBytes?: number;
  /** ...or once this many modules are written. */
  modules?: number;
  /** Average size of a module's filler code, in bytes (default 40,000). */
  moduleBytes?: number;
}

const MANIFEST = 'manifest.json';

/** Writes the corpus (unless an identical one is there) and returns its manifest. */
export function generateCorpus(options: GenerateOptions): CorpusManifest {
  const existing = readManifest(options.root);
  const targetBytes = options.targetBytes ?? Infinity;
  const targetModules = options.modules ?? Infinity;
  if (
    existing &&
    existing.generatorVersion === GENERATOR_VERSION &&
    existing.seed === options.seed &&
    existing.targetBytes === (options.targetBytes ?? null) &&
    existing.targetModules === (options.modules ?? null)
  ) {
    return existing;
  }
  rmSync(options.root, { recursive: true, force: true });
  mkdirSync(options.root, { recursive: true });
  const manifest: CorpusManifest = {
    generatorVersion: GENERATOR_VERSION,
    seed: options.seed,
    targetBytes: options.targetBytes ?? null,
    targetModules: options.modules ?? null,
    modules: 0,
    files: 0,
    bytes: 0,
    findings: [],
  };
  const made = new Set<string>();
  for (let index = 0; manifest.bytes < targetBytes && index < targetModules; index++) {
    const module = generateModule(options.seed, index, options.moduleBytes ?? 40_000);
    for (const file of module.files) {
      const full = path.join(options.root, file.path);
      const dir = path.dirname(full);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(full, file.text);
      manifest.files++;
      manifest.bytes += Buffer.byteLength(file.text);
    }
    manifest.findings.push(...module.findings);
    manifest.modules++;
  }
  writeFileSync(path.join(options.root, MANIFEST), JSON.stringify(manifest));
  return manifest;
}

export function readManifest(root: string): CorpusManifest | undefined {
  const file = path.join(root, MANIFEST);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CorpusManifest;
  } catch {
    return undefined;
  }
}

export function generatedCorpusDir(seed: number, mb: number): string {
  return path.join(CACHE_DIR, `generated-${seed}-${mb}mb`);
}

/**
 * The mixed corpus (c): the mingw-w64 headers, as a repository's shared include folder, and a few
 * installer modules beside them. Returns the folders to lint (the headers are not copied).
 */
export function generateMixedCorpus(seed: number, installers = 8): { dirs: string[]; manifest: CorpusManifest } {
  const root = path.join(CACHE_DIR, `mixed-installers-${seed}-${installers}`);
  const manifest = generateCorpus({ root, seed: seed + 1, modules: installers });
  return { dirs: [MINGW_INCLUDE, root], manifest };
}

function main(argv: string[]): void {
  const arg = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const seed = arg('--seed', 7);
  const mb = arg('--mb', 100);
  const outIndex = argv.indexOf('--out');
  const root = outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : generatedCorpusDir(seed, mb);
  const started = Date.now();
  const manifest = generateCorpus({ root, seed, targetBytes: mb * 1e6 });
  console.log(
    `${root}: ${manifest.modules} modules, ${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB, ${manifest.findings.length} planted findings (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
