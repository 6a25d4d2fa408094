/**
 * `--cache` (docs/architecture.md, Cache): results kept across runs, per module. A module's key
 * hashes everything its findings depend on: the text of EVERY file of the module (a header or
 * another .c changes findings elsewhere: docs/architecture.md, Propagation), the resolved config
 * of each of them (rule levels and options, settings such as the configuration), the build files
 * in the folders module discovery reads (they give the defines), the rule ids and the tool (its
 * version and a hash of its code, so that a development build invalidates too). A module whose
 * every requested file has an entry under its current key is not linted; the others are, and
 * their entries replaced. Texts are never stored: a hit's `source` is the text just read.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { PACKAGE_ROOT } from '../linter/rule-docs.js';
import { rootCandidates } from '../model/module-root.js';
import { isBuildFileName } from '../readers/build/index.js';
import type { ReadSourceResult } from '../text/source-file.js';
import { type CachedFile, readCacheFile, writeCacheFile } from './lint-cache-file.js';
import { createSourceReads, type SourceReads } from './source-reads.js';
import { groupModules, type ModuleLocator, type ModuleTask, type PathLintResult, summarize } from './lint-paths.js';

export interface LintCacheStats {
  /** Modules whose results came from the cache / were linted. */
  modulesCached: number;
  modulesLinted: number;
  /** Requested files whose results came from the cache / were linted. */
  filesCached: number;
  filesLinted: number;
}

export interface LintWithCacheOptions {
  /** The cache file (lint-cache-file.ts resolveCacheLocation). */
  cacheFile: string;
  configFor: (filePath: string) => ResolvedConfig;
  locateModule: ModuleLocator;
  ruleIds: readonly string[];
  /** Fixes are computed: a cached file with a fixable message is linted again (to compute its fix). */
  fix?: boolean;
  /** Told why the cache file was not used or not written (the lint goes on). */
  onProblem?: (message: string) => void;
  stats?: LintCacheStats;
  /** The tool's identity (default: toolFingerprint()); tests give another to play a new version. */
  tool?: string;
  /** The run's reads (source-reads.ts), shared with the locator and the lint: each file read once. */
  reads?: SourceReads;
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

let fingerprint: string | undefined;

/**
 * The tool's identity in the cache: package.json's version and a hash of the code of the engine
 * and the rules as they run (dist/ when built, the sources under test), computed once.
 */
export function toolFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const hash = createHash('sha1');
  try {
    hash.update(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
  } catch {
    hash.update('no package.json');
  }
  // this file is <code root>/engine/batch/lint-cache.(ts|js)
  const codeRoot = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
  for (const folder of ['engine', 'rules']) hashCode(join(codeRoot, folder), hash);
  return (fingerprint = hash.digest('hex'));
}

function hashCode(dir: string, hash: ReturnType<typeof createHash>): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (['.js', '.ts', '.mjs', '.json', '.wasm', '.scm'].includes(extname(name))) {
      hash.update(`${name}\0`);
      hash.update(readFileSync(path));
    } else if (!name.includes('.')) {
      hashCode(path, hash);
    }
  }
}

/** What a module's key is made of: each file's text hash and config hash, and its build files'. */
interface ModuleParts {
  files: { path: string; text: string | null; config: string }[];
  build: string;
  /** The texts read, by path (for the results of a hit). */
  reads: Map<string, ReadSourceResult>;
}

class KeyMaker {
  private readonly configHashes = new WeakMap<ResolvedConfig, string>();
  private readonly buildOfDir = new Map<string, string>();

  constructor(
    private readonly global: string,
    private readonly configFor: (filePath: string) => ResolvedConfig,
    private readonly reads: SourceReads,
  ) {}

  parts(task: ModuleTask): ModuleParts {
    const reads = new Map<string, ReadSourceResult>();
    const files = [...new Set([...task.targets, ...task.files])].sort().map((path) => {
      const read = this.reads.read(path);
      reads.set(path, read);
      return { path, text: read.ok ? sha1(read.text) : null, config: this.configHash(path) };
    });
    const dirs = [...new Set(files.map((f) => dirname(f.path)))].sort();
    return { files, build: dirs.map((d) => this.buildHash(d)).join(','), reads };
  }

  /** The key of the module; `texts` replaces files' texts (a fix's output, as it will be on disk). */
  key(parts: ModuleParts, texts?: ReadonlyMap<string, string>): string {
    const hash = createHash('sha1').update(this.global).update(`\0${parts.build}`);
    for (const f of parts.files) {
      const text = texts?.has(f.path) ? sha1(texts.get(f.path)!) : f.text;
      hash.update(`\0${f.path}\0${text ?? 'unreadable'}\0${f.config}`);
    }
    return hash.digest('hex');
  }

  private configHash(path: string): string {
    let config: ResolvedConfig;
    try {
      config = this.configFor(path);
    } catch (error) {
      return `error ${(error as Error).message}`;
    }
    let hash = this.configHashes.get(config);
    if (hash === undefined) this.configHashes.set(config, (hash = sha1(JSON.stringify(config))));
    return hash;
  }

  /** The build files (*.vcxproj, sources, compile_commands.json) of the folders discovery reads for a file there. */
  private buildHash(dir: string): string {
    let hash = this.buildOfDir.get(dir);
    if (hash !== undefined) return hash;
    const h = createHash('sha1');
    for (const candidate of rootCandidates(join(dir, '_'))) {
      for (const name of candidate.names.filter(isBuildFileName).sort()) {
        const path = join(candidate.dir, name);
        h.update(`\0${path}\0`);
        try {
          h.update(readFileSync(path));
        } catch {
          h.update('unreadable');
        }
      }
    }
    this.buildOfDir.set(dir, (hash = h.digest('hex')));
    return hash;
  }
}

/**
 * Lints `files` through the cache: modules whose entries are current are served from it, the
 * others are handed to `lint` (in the order given), and the cache file is rewritten.
 */
export async function lintWithCache(
  files: readonly string[],
  options: LintWithCacheOptions,
  lint: (files: readonly string[]) => Promise<PathLintResult[]>,
): Promise<PathLintResult[]> {
  const tool = options.tool ?? toolFingerprint();
  const stats = options.stats;
  const loaded = readCacheFile(options.cacheFile, tool);
  if (loaded.problem) options.onProblem?.(loaded.problem);
  const sourceReads = options.reads ?? createSourceReads();
  const keys = new KeyMaker(`${tool}\0${[...options.ruleIds].sort().join(',')}`, options.configFor, sourceReads);
  const results = new Map<string, PathLintResult>();
  const toLint: { task: ModuleTask; parts: ModuleParts }[] = [];
  for (const task of groupModules(files, options.locateModule)) {
    const parts = keys.parts(task);
    const key = parts.files.every((f) => f.text !== null) ? keys.key(parts) : undefined;
    const hits = key === undefined ? [] : task.targets.map((t) => loaded.files.get(t)).filter((e) => e?.k === key && !(options.fix && e.c[3] + e.c[4] > 0));
    if (hits.length === task.targets.length) {
      task.targets.forEach((t, i) => results.set(t, fromCache(t, hits[i]!, parts.reads.get(t)!)));
      // nothing else reads a hit's files: their texts are not held for the lint
      for (const f of parts.files) sourceReads.release(f.path);
      if (stats) {
        stats.modulesCached++;
        stats.filesCached += task.targets.length;
      }
    } else {
      toLint.push({ task, parts: { ...parts, reads: new Map() } });
      if (stats) {
        stats.modulesLinted++;
        stats.filesLinted += task.targets.length;
      }
    }
  }
  const current = new Map<string, CachedFile>();
  if (toLint.length > 0) {
    const linted = new Map((await lint(toLint.flatMap((m) => m.task.targets))).map((r) => [r.filePath, r]));
    for (const { task, parts } of toLint) {
      const outputs = new Map<string, string>();
      for (const t of task.targets) {
        const output = linted.get(t)?.output;
        if (output !== undefined) outputs.set(t, output);
      }
      // a fixed file's entry is keyed by its fixed text: a hit next run once --fix has written it
      const cacheable = parts.files.every((f) => f.text !== null || outputs.has(f.path));
      const key = keys.key(parts, outputs);
      for (const t of task.targets) {
        const r = linted.get(t);
        if (!r) continue;
        results.set(t, r);
        if (cacheable && r.fatalErrorCount === 0) current.set(t, toEntry(key, r));
      }
    }
  }
  const problem = writeCacheFile(options.cacheFile, tool, loaded.files, current);
  if (problem) options.onProblem?.(problem);
  return files.flatMap((f) => results.get(f) ?? []);
}

function toEntry(key: string, r: PathLintResult): CachedFile {
  return { k: key, m: r.messages, c: [r.errorCount, r.warningCount, r.fatalErrorCount, r.fixableErrorCount, r.fixableWarningCount] };
}

/** A cached result, with the text just read as its source when it has messages (none is kept otherwise). */
function fromCache(filePath: string, entry: CachedFile, read: ReadSourceResult): PathLintResult {
  const result = summarize(filePath, entry.m, read.ok && entry.m.length > 0 ? read.text : undefined);
  return read.ok ? { ...result, encoding: read.encoding } : result;
}
