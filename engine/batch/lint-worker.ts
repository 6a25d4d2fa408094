/**
 * A worker thread of the parallel path (parallel.ts): builds its own parser, linter and config
 * resolver, then lints the modules it is sent, one message per module.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ConfigError } from '../config/config-error.js';
import { type FileStamp, readSourceFile, type ReadSourceResult } from '../text/source-file.js';
import type { TextEncodingName } from '../text/decode.js';
import { emptyStats, lintModuleTask, type LintPathsStats, type ModuleTask, type PathLintResult } from './lint-paths.js';
import type { RuleModule } from '../linter/types.js';
import { createLintSetup, type LintSetupOptions, type RuleSet } from './lint-setup.js';

export interface WorkerStart {
  /** The setup without its rules, which the worker loads from `rulesModuleUrl`. */
  setup: Omit<LintSetupOptions, 'ruleSet'>;
  rulesModuleUrl: string;
  fix: boolean;
  prefilter: boolean;
}

export interface WorkerRequest {
  index: number;
  task: ModuleTask;
  /** The module's files the caller already read; others are read here. */
  texts: { filePath: string; text: string; encoding: TextEncodingName; stamp?: FileStamp }[];
}

export type WorkerReply =
  | { type: 'done'; index: number; results: PathLintResult[]; stats: LintPathsStats }
  | { type: 'rule-error'; ruleId: string; filePath: string; message: string }
  | { type: 'error'; error: { name: string; message: string; problem?: string; details?: Record<string, unknown> } };

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('lint-worker.ts runs as a worker thread');
  const start = workerData as WorkerStart;
  const post = (reply: WorkerReply) => port.postMessage(reply);
  const ruleSet = await loadRuleSet(start.rulesModuleUrl);
  const setup = await createLintSetup({ ...start.setup, ruleSet }, (ruleId, filePath, error) =>
    post({ type: 'rule-error', ruleId, filePath, message: error instanceof Error ? error.message : String(error) }),
  );
  port.on('message', (request: WorkerRequest) => {
    try {
      const stats = emptyStats();
      const given = new Map(request.texts.map((t) => [t.filePath, t]));
      const results = lintModuleTask(request.task, {
        readFile: (p): ReadSourceResult => {
          const t = given.get(p);
          return t ? { ok: true, text: t.text, encoding: t.encoding, stamp: t.stamp } : readSourceFile(p);
        },
        linter: setup.linter,
        configFor: setup.configFor,
        fix: start.fix,
        prefilter: start.prefilter,
        stats,
      });
      post({ type: 'done', index: request.index, results, stats });
    } catch (error) {
      post({ type: 'error', error: serializeError(error) });
    }
  });
}

async function loadRuleSet(moduleUrl: string): Promise<RuleSet> {
  const loaded = (await import(moduleUrl)) as { rules?: unknown };
  if (!(loaded.rules instanceof Map)) throw new Error(`${moduleUrl} does not export a map of rules named \`rules\``);
  return { rules: loaded.rules as ReadonlyMap<string, RuleModule>, moduleUrl };
}

function serializeError(error: unknown): { name: string; message: string; problem?: string; details?: Record<string, unknown> } {
  if (error instanceof ConfigError) {
    const { filePath, pointer, expected, range, line, column } = error;
    return { name: error.name, message: error.message, problem: error.problem, details: { filePath, pointer, expected, range, line, column } };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

await serve();
