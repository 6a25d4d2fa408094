/**
 * One fuzz case: a real-looking installer module (the Contoso example, the finish-install example,
 * the rule fixtures), one of its files mutated as bytes, decoded as the CLI decodes files, linted
 * through the real linter and checked against every invariant. Shared by the fuzz test (fixed
 * seed, small budget) and scripts/fuzz.ts (long runs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Linter, ModuleFileInput } from '../../engine/linter/linter.js';
import { decodeBytes } from '../../engine/text/decode.js';
import { FULL_SIZES, mutate, pick, randomInt, seededRandom, type MutationSizes } from '../support/mutate.js';
import { checkModule } from './invariants.js';

const REPO = resolve(import.meta.dirname, '..', '..');
export const DOMAIN_EXAMPLE = join(import.meta.dirname, '../fixtures/domain/finish-install-example');

export interface SeedFile {
  /** Where the module's files are said to live (the paths the linter sees). */
  filePath: string;
  bytes: Uint8Array;
}

/** The seed modules: each a list of files linted together. */
export function seedModules(): SeedFile[][] {
  const read = (path: string): SeedFile => ({ filePath: path, bytes: new Uint8Array(readFileSync(path)) });
  const modules: SeedFile[][] = [];
  const contoso = join(REPO, 'examples', 'contoso-coinstaller');
  modules.push(readdirSync(contoso).sort().map((name) => read(join(contoso, name))));
  try {
    for (const name of readdirSync(DOMAIN_EXAMPLE).sort()) if (name.endsWith('.c')) modules.push([read(join(DOMAIN_EXAMPLE, name))]);
  } catch {
    // The shared domain folder is not part of the repository; the other seeds are enough.
  }
  const fixtures = join(REPO, 'test', 'fixtures', 'rules');
  for (const rule of readdirSync(fixtures).sort()) {
    for (const name of readdirSync(join(fixtures, rule)).sort()) {
      if (/^[^.]+\.c$/.test(name)) modules.push([read(join(fixtures, rule, name))]);
    }
  }
  return modules;
}

export interface FuzzCaseResult {
  seed: number;
  /** The file that was mutated, and how. */
  target: string;
  steps: string[];
  /** The mutated bytes (to save a failing input). */
  bytes: Uint8Array;
  /** True when the CLI would skip the bytes (binary): nothing to lint. */
  skipped: boolean;
  problems: string[];
}

/** Runs case `seed`: deterministic for a given seed, seed list and sizes. */
export function runFuzzCase(linter: Linter, modules: readonly SeedFile[][], seed: number, sizes: MutationSizes = FULL_SIZES): FuzzCaseResult {
  const random = seededRandom(seed);
  const module = pick(random, modules);
  const targetIndex = randomInt(random, module.length);
  const target = module[targetIndex];
  const { bytes, steps } = mutate(target.bytes, random, { sizes });
  return lintMutated(linter, module, targetIndex, bytes, { seed, steps });
}

/** Decodes `bytes` as file `targetIndex` of `module` (as the CLI reads files), lints the module and checks it. */
export function lintMutated(
  linter: Linter,
  module: readonly SeedFile[],
  targetIndex: number,
  bytes: Uint8Array,
  about: { seed: number; steps: string[] },
): FuzzCaseResult {
  const target = module[targetIndex];
  const decoded = decodeBytes(bytes);
  const base = { ...about, target: basename(target.filePath), bytes };
  if (!decoded.ok) return { ...base, skipped: true, problems: [] };
  const inputs: ModuleFileInput[] = module.map((file, i) => {
    if (i === targetIndex) return { filePath: file.filePath, text: decoded.text };
    const d = decodeBytes(file.bytes);
    if (!d.ok) throw new Error(`seed file ${file.filePath} is binary`);
    return { filePath: file.filePath, text: d.text };
  });
  const { problems } = checkModule(linter, inputs);
  return { ...base, skipped: false, problems };
}
