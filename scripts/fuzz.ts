/**
 * The long-run fuzzer: the fuzz test's cases (test/robustness/fuzz-case.ts) at full size, for a
 * time budget, from a seed. Every failing input is written to the output folder (the mutated
 * bytes, under the name of the file they replace, and what went wrong), so that it can be
 * replayed with --replay.
 *
 *   node --import tsx scripts/fuzz.ts [--seed N] [--seconds S] [--out DIR] [--fix] [--slow MS]
 *   node --import tsx scripts/fuzz.ts --replay DIR/case-<seed>
 *   node --import tsx scripts/fuzz.ts --heavy [NAME] [--budget-ms MS] [--budget-mb MB]
 *
 * --heavy runs the heavy cases (test/robustness/heavy-cases.ts: deep nesting, long lines, long
 * call chains, thousands of findings with fixes), or the one named, each in a child process of its own (--heavy-case NAME), and
 * prints each one's processor time, wall time and peak memory; a case over the budget (processor
 * time: default 10,000 ms; 500 MB) or that fails makes the exit status 1.
 *
 * --fix also applies all fixes to each input (Linter.fixModule) and checks that it does not
 * throw and that a second pass changes nothing. Exit status: 0 when every case passed, 1 when
 * some failed, 2 for bad arguments.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { allRulesConfig, realLinter } from '../test/robustness/invariants.js';
import { lintMutated, runFuzzCase, seedModules, type FuzzCaseResult, type SeedFile } from '../test/robustness/fuzz-case.js';
import { randomInt, seededRandom } from '../test/support/mutate.js';
import { CppParser, decodeBytes, type Linter } from '../engine/index.js';
import { HEAVY_CASES, runHeavyCase, runHeavyChild } from '../test/robustness/heavy-cases.js';

interface Options {
  seed: number;
  seconds: number;
  out: string;
  fix: boolean;
  slowMs: number;
  replay?: string;
  /** --heavy: '' for every case, or one case's name. */
  heavy?: string;
  heavyCase?: string;
  budgetMs: number;
  budgetMb: number;
}

function parseOptions(argv: string[]): Options | string {
  const o: Options = { seed: Date.now() % 2 ** 31, seconds: 60, out: 'fuzz-failures', fix: false, slowMs: 10_000, budgetMs: 10_000, budgetMb: 500 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--seed') o.seed = Number(value());
      else if (a === '--seconds') o.seconds = Number(value());
      else if (a === '--out') o.out = value();
      else if (a === '--slow') o.slowMs = Number(value());
      else if (a === '--replay') o.replay = value();
      else if (a === '--fix') o.fix = true;
      else if (a === '--heavy') o.heavy = argv[i + 1] && !argv[i + 1].startsWith('--') ? value() : '';
      else if (a === '--heavy-case') o.heavyCase = value();
      else if (a === '--budget-ms') o.budgetMs = Number(value());
      else if (a === '--budget-mb') o.budgetMb = Number(value());
      else return `unknown argument ${a}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (!Number.isInteger(o.seed) || !(o.seconds > 0) || !(o.slowMs > 0)) return '--seed must be an integer, --seconds and --slow positive numbers';
  if (!(o.budgetMs > 0) || !(o.budgetMb > 0)) return '--budget-ms and --budget-mb must be positive numbers';
  const heavy = o.heavy || o.heavyCase;
  if (heavy && !HEAVY_CASES.some((c) => c.name === heavy)) return `no heavy case ${heavy} (${HEAVY_CASES.map((c) => c.name).join(', ')})`;
  return o;
}

/** Fixes the module of a case: fixModule must not throw, and a second pass must change nothing. */
function fixProblems(linter: Linter, module: readonly SeedFile[], targetIndex: number, bytes: Uint8Array): string[] {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return [];
  const inputs = module.map((f, i) => ({ filePath: f.filePath, text: i === targetIndex ? decoded.text : (decodeBytes(f.bytes) as { text: string }).text }));
  const config = allRulesConfig();
  try {
    const first = linter.fixModule(inputs, () => config);
    const second = linter.fixModule(first.map((r) => ({ filePath: r.filePath, text: r.output })), () => config);
    const unstable = second.filter((r) => r.fixed).map((r) => r.filePath);
    return unstable.length > 0 ? [`a second --fix pass changed ${unstable.join(', ')}`] : [];
  } catch (error) {
    return [`fixModule threw: ${(error as Error)?.stack ?? String(error)}`];
  }
}

function save(out: string, result: FuzzCaseResult, modules: readonly SeedFile[][]): string {
  const folder = resolve(out, `case-${result.seed}`);
  mkdirSync(folder, { recursive: true });
  const module = modules.find((m) => m.some((f) => f.filePath.endsWith(`/${result.target}`)));
  writeFileSync(join(folder, `mutated${extname(result.target)}`), result.bytes);
  writeFileSync(
    join(folder, 'case.json'),
    `${JSON.stringify({ seed: result.seed, target: result.target, module: module?.map((f) => f.filePath), steps: result.steps, problems: result.problems }, null, 2)}\n`,
  );
  return folder;
}

function replay(folder: string, linter: Linter, modules: readonly SeedFile[][]): number {
  const about = JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8')) as { seed: number; target: string; steps: string[] };
  const module = modules.find((m) => m.some((f) => f.filePath.endsWith(`/${about.target}`)));
  if (!module) {
    process.stderr.write(`no seed module holds ${about.target}\n`);
    return 2;
  }
  const index = module.findIndex((f) => f.filePath.endsWith(`/${about.target}`));
  const bytes = new Uint8Array(readFileSync(join(folder, `mutated${extname(about.target)}`)));
  const r = lintMutated(linter, module, index, bytes, { seed: about.seed, steps: about.steps });
  process.stdout.write(r.problems.length === 0 ? 'passes now\n' : `${r.problems.join('\n')}\n`);
  return r.problems.length === 0 ? 0 : 1;
}

/** Each heavy case (or the one named) in a child process: its time and peak memory against the budget. */
function heavy(options: Options): number {
  let over = 0;
  for (const c of HEAVY_CASES.filter((h) => !options.heavy || h.name === options.heavy)) {
    const r = runHeavyChild(c.name);
    const fails = r.error !== undefined || !(r.cpuMs <= options.budgetMs) || !(r.maxRssMb <= options.budgetMb);
    if (fails) over++;
    const figures = `${String(r.cpuMs).padStart(6)} ms cpu ${String(r.ms).padStart(6)} ms wall ${String(r.maxRssMb).padStart(4)} MB`;
    process.stdout.write(`${fails ? 'OVER' : 'ok  '} ${c.name.padEnd(22)} ${figures}  ${c.about}\n`);
    for (const m of r.messages.slice(0, 3)) process.stdout.write(`       ${m}\n`);
    if (r.error) process.stdout.write(`       ${r.error.split('\n').slice(0, 5).join('\n       ')}\n`);
  }
  process.stdout.write(`fuzz --heavy: budget ${options.budgetMs} ms and ${options.budgetMb} MB per case, ${over} over\n`);
  return over > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (typeof options === 'string') {
    process.stderr.write(`fuzz: ${options}\n`);
    return 2;
  }
  if (options.heavy !== undefined) return heavy(options);
  const parser = await CppParser.create();
  const linter = realLinter(parser);
  try {
    if (options.heavyCase) {
      // one JSON line for the parent (runHeavyChild)
      process.stdout.write(`${JSON.stringify(runHeavyCase(linter, options.heavyCase))}\n`);
      return 0;
    }
    const modules = seedModules();
    if (options.replay) return replay(options.replay, linter, modules);
    const random = seededRandom(options.seed);
    const deadline = performance.now() + options.seconds * 1000;
    let cases = 0;
    let skipped = 0;
    let failed = 0;
    process.stdout.write(`fuzz: seed ${options.seed}, ${options.seconds} s, ${modules.length} seed modules\n`);
    while (performance.now() < deadline) {
      const seed = randomInt(random, 2 ** 31);
      const started = performance.now();
      const result = runFuzzCase(linter, modules, seed);
      if (options.fix && !result.skipped) {
        const module = modules.find((m) => m.some((f) => f.filePath.endsWith(`/${result.target}`)))!;
        const index = module.findIndex((f) => f.filePath.endsWith(`/${result.target}`));
        result.problems.push(...fixProblems(linter, module, index, result.bytes));
      }
      const ms = performance.now() - started;
      cases++;
      if (result.skipped) skipped++;
      if (ms > options.slowMs) process.stdout.write(`slow: case ${seed} (${result.target}: ${result.steps.join(', ')}) took ${Math.round(ms)} ms\n`);
      if (result.problems.length > 0) {
        failed++;
        const folder = save(options.out, result, modules);
        process.stdout.write(`FAIL: case ${seed} (${result.target}: ${result.steps.join(', ')}), saved in ${folder}\n  ${result.problems.slice(0, 3).join('\n  ')}\n`);
      }
    }
    process.stdout.write(`fuzz: ${cases} cases (${skipped} binary, skipped as the CLI skips them), ${failed} failed\n`);
    return failed > 0 ? 1 : 0;
  } finally {
    linter.dispose();
    parser.delete();
  }
}

process.exitCode = await main();
