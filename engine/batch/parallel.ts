/**
 * The parallel path: modules split over N worker threads, each with its own parser, linter and
 * config resolver (lint-worker.ts); results merged back in the order the files were asked for,
 * so the output is the same as lintPaths'. The prefilter runs in the calling thread, so modules
 * without installer signal never reach a worker; the others are handed out one at a time,
 * biggest first, so that a worker that drew small modules takes the next one. With one module
 * left to lint, no worker is started.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '../config/config-error.js';
import { emptyStats, groupModules, lintModuleTask, prepareModuleTask, type LintPathsStats, type ModuleLocator, type ModuleTask, type PathLintResult } from './lint-paths.js';
import { createConfigFor, createLintSetup, type LintSetupOptions } from './lint-setup.js';
import { readSourceFile, type ReadSourceResult } from '../text/source-file.js';
import type { WorkerReply, WorkerRequest, WorkerStart } from './lint-worker.js';

export interface ParallelLintOptions extends LintSetupOptions {
  /** Worker threads to start (at least 1). */
  threads: number;
  locateModule: ModuleLocator;
  fix?: boolean;
  prefilter?: boolean;
  onProgress?: (done: number, total: number, filePath: string) => void;
  /** Told of each rule that threw, as Linter's onRuleError. */
  onRuleError?: (ruleId: string, filePath: string, message: string) => void;
  stats?: LintPathsStats;
  /** How the modules' files are read here (default: from disk); the texts travel to the workers. */
  readFile?: (filePath: string) => ReadSourceResult;
}

/** At or above this many files, `auto` threads use more than one worker. */
export const PARALLEL_MIN_FILES = 200;

/** The thread count for `--threads auto`: one per core (at most 4) when there is enough work. */
export function autoThreads(fileCount: number, cores: number = availableParallelism()): number {
  if (fileCount < PARALLEL_MIN_FILES) return 1;
  return Math.max(1, Math.min(cores, 4, Math.ceil(fileCount / 100)));
}

export async function lintPathsParallel(files: readonly string[], options: ParallelLintOptions): Promise<PathLintResult[]> {
  const tasks = groupModules(files, options.locateModule);
  const results = new Map<string, PathLintResult>();
  let done = 0;
  const finished = (task: ModuleTask, taskResults: readonly PathLintResult[]) => {
    for (const r of taskResults) results.set(r.filePath, r);
    done += task.targets.length;
    options.onProgress?.(done, files.length, task.targets[task.targets.length - 1]);
  };
  // The fast path runs here: modules without installer signal never reach a worker.
  const setup: LintSetupOptions = { cwd: options.cwd, configFile: options.configFile, ruleOverrides: options.ruleOverrides, ruleSet: options.ruleSet };
  const { configFor } = createConfigFor(setup);
  const queue: number[] = [];
  // texts read here travel to the worker with the task (a copy is cheaper than reading and decoding again)
  const texts = new Map<number, WorkerRequest['texts']>();
  tasks.forEach((task, index) => {
    const stats = emptyStats();
    const prepared = prepareModuleTask(task, { configFor, prefilter: options.prefilter, stats, readFile: options.readFile });
    if ('results' in prepared) {
      if (options.stats) addStats(options.stats, stats);
      finished(task, prepared.results);
    } else {
      queue.push(index);
      texts.set(index, prepared.inputs.map((i) => ({ filePath: i.filePath, text: i.text, encoding: prepared.encodings.get(i.filePath)!, stamp: prepared.stamps.get(i.filePath) })));
    }
  });
  queue.sort((a, b) => tasks[b].files.length - tasks[a].files.length || a - b);
  const threads = Math.max(1, Math.min(options.threads, queue.length));
  if (queue.length <= 1) {
    // one module left: a worker's start-up would buy nothing
    const local = await createLintSetup(setup, (ruleId, filePath, error) => options.onRuleError?.(ruleId, filePath, error instanceof Error ? error.message : String(error)));
    try {
      for (const index of queue) {
        // the texts read above, not read again
        const given = new Map((texts.get(index) ?? []).map((t) => [t.filePath, t]));
        const readFile = (p: string): ReadSourceResult => {
          const t = given.get(p);
          return t ? { ok: true, text: t.text, encoding: t.encoding, stamp: t.stamp } : (options.readFile ?? readSourceFile)(p);
        };
        finished(tasks[index], lintModuleTask(tasks[index], { linter: local.linter, configFor: local.configFor, fix: options.fix, prefilter: options.prefilter, stats: options.stats, readFile }));
      }
    } finally {
      local.dispose();
    }
    return files.map((f) => results.get(f)!).filter(Boolean);
  }
  const start: WorkerStart = {
    setup: { cwd: setup.cwd, configFile: setup.configFile, ruleOverrides: setup.ruleOverrides },
    rulesModuleUrl: setup.ruleSet.moduleUrl,
    fix: options.fix === true,
    prefilter: options.prefilter !== false,
  };
  const workers: Worker[] = [];
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const give = (worker: Worker): boolean => {
        if (next >= queue.length) return false;
        const index = queue[next++];
        const request: WorkerRequest = { index, task: tasks[index], texts: texts.get(index) ?? [] };
        texts.delete(index);
        worker.postMessage(request);
        return true;
      };
      for (let t = 0; t < threads; t++) {
        const worker = startWorker(start);
        workers.push(worker);
        running++;
        worker.on('message', (reply: WorkerReply) => {
          if (reply.type === 'error') {
            fail(reviveError(reply.error));
            return;
          }
          if (reply.type === 'rule-error') {
            options.onRuleError?.(reply.ruleId, reply.filePath, reply.message);
            return;
          }
          if (options.stats) addStats(options.stats, reply.stats);
          finished(tasks[reply.index], reply.results);
          if (!give(worker)) {
            running--;
            if (running === 0) resolve();
          }
        });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`lint worker exited with status ${code}`));
        });
        if (!give(worker)) {
          running--;
          if (running === 0) resolve();
        }
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return files.map((f) => results.get(f)!).filter(Boolean);
}

function startWorker(start: WorkerStart): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./lint-worker.js', import.meta.url), { workerData: start });
  // Run from TypeScript sources (tsx, vitest): the worker registers tsx before it loads lint-worker.ts.
  const url = new URL('./lint-worker.ts', import.meta.url).href;
  const boot = `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(url)}); })();`;
  return new Worker(boot, { eval: true, workerData: start });
}

function addStats(into: LintPathsStats, add: LintPathsStats): void {
  for (const key of Object.keys(emptyStats()) as (keyof LintPathsStats)[]) into[key] += add[key];
}

function reviveError(e: { name: string; message: string; problem?: string; details?: Record<string, unknown> }): Error {
  if (e.name === 'ConfigError' && e.problem !== undefined) {
    const error = new ConfigError(e.problem, { filePath: null, ...(e.details ?? {}) });
    Object.defineProperty(error, 'message', { value: e.message });
    return error;
  }
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}
