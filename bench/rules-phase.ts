/**
 * The rules phase alone (docs/performance.md): everything Linter.lintModule does after the parse and the
 * installer model (rule listeners through traverseCaptures, directives, messages, fixes), in CPU
 * time, on modules read beforehand; and every message the lint gives, written as JSON so that a
 * change to the engine or the rules can be checked to give the same findings, fixes and
 * suggestions.
 *
 *   node --import tsx bench/rules-phase.ts [--out DIR] [--compare DIR] [--repeat N] [dir...]
 *
 * Default folders: .bench-cache/generated-7-100mb/v000 ... v004 (about 20 MB). --out writes one
 * JSON file per module (every message of its files); --compare reads such a folder and reports
 * every module whose messages differ (deep equality), exiting 1 when any does. --repeat lints the
 * corpus N times in the same process and prints the figures of every pass (the first pass
 * includes compiling and warming up).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { builtinRuleSet, builtinRules } from '../rules/index.js';
import { cachedModuleLocator, CppParser, createConfigFor, groupModules, installerModelProvider, Linter, type LintMessage, type ModuleFileInput, prepareModuleTask, type ServiceProvider } from '../engine/index.js';
import { REPO_ROOT } from './generate-corpus.js';
import { corpusFiles, cpuNow } from './measure.js';

export interface RulesPhaseFigures {
  modules: number;
  files: number;
  chars: number;
  findings: number;
  /** CPU ms of lintModule in all, and of its parts. */
  lintMs: number;
  parseMs: number;
  modelMs: number;
  /** lintModule minus parse and model: the rules phase. */
  rulesMs: number;
}

interface PreparedModule {
  key: string;
  inputs: ModuleFileInput[];
}

/** Reads every module of the folders (outside any timing), as lintPaths would with the fast path off. */
export function prepareModules(dirs: readonly string[]): PreparedModule[] {
  const { configFor } = createConfigFor({ cwd: REPO_ROOT, ruleSet: builtinRuleSet });
  const files = corpusFiles(dirs);
  const out: PreparedModule[] = [];
  for (const task of groupModules(files, cachedModuleLocator())) {
    const prepared = prepareModuleTask(task, { configFor, prefilter: false });
    if ('results' in prepared) continue;
    const key = path.relative(REPO_ROOT, task.root).replace(/[\\/]/g, '__').replace(/^\.+/, '') || 'root';
    out.push({ key, inputs: prepared.inputs });
  }
  return out;
}

/**
 * What a message is, as compared: every field (ranges as arrays, undefined fields left out), with
 * the repository's folder written as <root> (related locations name files by absolute path).
 */
function plain(messages: readonly LintMessage[]): unknown {
  return JSON.parse(JSON.stringify(messages).replaceAll(JSON.stringify(REPO_ROOT).slice(1, -1), '<root>'));
}

/** Lints every module once; returns the figures and, by module key, every message by file. */
export async function lintRulesPhase(
  modules: readonly PreparedModule[],
): Promise<{ figures: RulesPhaseFigures; messages: Map<string, Record<string, unknown>> }> {
  const { configFor } = createConfigFor({ cwd: REPO_ROOT, ruleSet: builtinRuleSet });
  const cppParser = await CppParser.create();
  const figures: RulesPhaseFigures = { modules: 0, files: 0, chars: 0, findings: 0, lintMs: 0, parseMs: 0, modelMs: 0, rulesMs: 0 };
  const timedParser = Object.create(cppParser) as CppParser;
  timedParser.parse = (text, old) => {
    const c0 = cpuNow();
    try {
      return cppParser.parse(text, old);
    } finally {
      figures.parseMs += (cpuNow() - c0) * 1000;
    }
  };
  const timedModel: ServiceProvider = (files, settings) => {
    const c0 = cpuNow();
    try {
      return installerModelProvider(files, settings);
    } finally {
      figures.modelMs += (cpuNow() - c0) * 1000;
    }
  };
  const linter = new Linter({ rules: builtinRules, parser: timedParser, serviceProviders: [timedModel] });
  const messages = new Map<string, Record<string, unknown>>();
  try {
    for (const module of modules) {
      const c0 = cpuNow();
      const results = linter.lintModule(module.inputs, configFor);
      figures.lintMs += (cpuNow() - c0) * 1000;
      figures.modules++;
      const byFile: Record<string, unknown> = {};
      for (const r of results) {
        byFile[path.relative(REPO_ROOT, r.filePath)] = plain(r.messages);
        figures.findings += r.messages.length;
      }
      for (const input of module.inputs) {
        figures.files++;
        figures.chars += input.text.length;
      }
      messages.set(module.key, byFile);
    }
  } finally {
    linter.dispose();
    cppParser.delete();
  }
  figures.rulesMs = figures.lintMs - figures.parseMs - figures.modelMs;
  return { figures, messages };
}

/** Module keys whose messages differ from those written to `dir` (missing or extra modules too). */
export function compareMessages(messages: ReadonlyMap<string, Record<string, unknown>>, dir: string): string[] {
  const differing: string[] = [];
  const stored = new Set(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)));
  for (const [key, byFile] of messages) {
    if (!stored.has(key)) {
      differing.push(`${key}: not in ${dir}`);
      continue;
    }
    stored.delete(key);
    const before = JSON.parse(readFileSync(path.join(dir, `${key}.json`), 'utf8')) as Record<string, unknown>;
    if (isDeepStrictEqual(before, byFile)) continue;
    const files = new Set([...Object.keys(before), ...Object.keys(byFile)]);
    for (const f of files) {
      if (isDeepStrictEqual(before[f], byFile[f])) continue;
      const a = (before[f] ?? []) as unknown[];
      const b = (byFile[f] ?? []) as unknown[];
      const i = a.findIndex((m, k) => !isDeepStrictEqual(m, b[k]));
      const at = i < 0 ? Math.min(a.length, b.length) : i;
      differing.push(`${key} ${f}: ${a.length} -> ${b.length} messages; first difference at #${at}:\n  before ${JSON.stringify(a[at])}\n  after  ${JSON.stringify(b[at])}`);
    }
  }
  for (const key of stored) differing.push(`${key}: only in ${dir}`);
  return differing;
}

async function main(argv: string[]): Promise<void> {
  let out: string | undefined;
  let compare: string | undefined;
  let repeat = 1;
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = argv[++i];
    else if (argv[i] === '--compare') compare = argv[++i];
    else if (argv[i] === '--repeat') repeat = Number(argv[++i]);
    else dirs.push(argv[i]);
  }
  if (dirs.length === 0) {
    for (let v = 0; v < 5; v++) dirs.push(path.join(REPO_ROOT, '.bench-cache', 'generated-7-100mb', `v00${v}`));
  }
  const modules = prepareModules(dirs);
  let last: Map<string, Record<string, unknown>> | undefined;
  for (let pass = 1; pass <= repeat; pass++) {
    const { figures, messages } = await lintRulesPhase(modules);
    last = messages;
    const f = figures;
    process.stdout.write(
      `pass ${pass}: ${f.modules} modules, ${f.files} files, ${(f.chars / 1e6).toFixed(1)} M chars, ${f.findings} findings; ` +
        `CPU ms: lintModule ${f.lintMs.toFixed(0)} = parse ${f.parseMs.toFixed(0)} + model ${f.modelMs.toFixed(0)} + rules ${f.rulesMs.toFixed(0)}` +
        ` (rules/parse ${(f.rulesMs / f.parseMs).toFixed(3)})\n`,
    );
  }
  if (out && last) {
    mkdirSync(out, { recursive: true });
    for (const [key, byFile] of last) writeFileSync(path.join(out, `${key}.json`), `${JSON.stringify(byFile, null, 1)}\n`);
    process.stdout.write(`messages written to ${out}\n`);
  }
  if (compare && last) {
    const differing = compareMessages(last, compare);
    if (differing.length === 0) process.stdout.write(`same messages as ${compare} (${last.size} modules)\n`);
    else {
      process.stdout.write(`${differing.length} differences from ${compare}:\n${differing.slice(0, 20).join('\n')}\n`);
      process.exitCode = 1;
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main(process.argv.slice(2));
