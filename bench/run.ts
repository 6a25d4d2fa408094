/**
 * The benchmark table (docs/performance.md): per corpus, its size, raw tree-sitter-cpp parse throughput, the
 * CLI's throughput single-threaded and over worker threads, the engine's overhead over raw
 * parsing, and ast-grep with a rule matching the same API names on the same folders with the same
 * thread counts, all in one run.
 *
 *   npm run bench            (node --import tsx bench/run.ts)
 *   node --import tsx bench/run.ts [--corpus mingw,generated,mixed] [--mb 100] [--seed 7]
 *                                  [--threads 2] [--no-ast-grep] [--json FILE]
 *
 * Every CLI and ast-grep run is a process of its own, timed from spawn to exit (wall) and by
 * /usr/bin/time (user + system CPU, all threads). Raw parse and the in-process engine figures are
 * measured in this process, on the same files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { astGrepArgs, astGrepBinary, astGrepRuleYaml } from './ast-grep-rule.js';
import { MINGW_INCLUDE, REPO_ROOT, generateCorpus, generateMixedCorpus, generatedCorpusDir } from './generate-corpus.js';
import { measureEngine, measureRawParse, type EngineFigures, type RawParseFigures } from './measure.js';
import type { LintCliReport } from './lint-cli.js';

interface Options {
  corpora: string[];
  mb: number;
  seed: number;
  threads: number;
  astGrep: boolean;
  json?: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { corpora: ['mingw', 'generated', 'mixed'], mb: 100, seed: 7, threads: 2, astGrep: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--corpus') options.corpora = argv[++i].split(',');
    else if (a === '--mb') options.mb = Number(argv[++i]);
    else if (a === '--seed') options.seed = Number(argv[++i]);
    else if (a === '--threads') options.threads = Number(argv[++i]);
    else if (a === '--no-ast-grep') options.astGrep = false;
    else if (a === '--json') options.json = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  return options;
}

interface ProcessTiming {
  wallS: number;
  cpuS: number;
  stdout: string;
}

function timed(command: string, args: readonly string[]): ProcessTiming {
  const timeFile = path.join(mkdtempSync(path.join(tmpdir(), 'bench-')), 'time');
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, command, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wallS = (performance.now() - started) / 1000;
  if (r.error) throw r.error;
  const times = spawnSync('cat', [timeFile], { encoding: 'utf8' }).stdout.trim().split('\n').pop() ?? '0 0';
  const [user, system] = times.split(' ').map(Number);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return { wallS, cpuS: user + system, stdout: r.stdout };
}

interface CliRun extends ProcessTiming {
  report: LintCliReport;
}

function runCli(dirs: readonly string[], threads: number, extra: string[] = []): CliRun {
  const t = timed(process.execPath, ['--import', 'tsx', 'bench/lint-cli.ts', '--threads', String(threads), ...extra, ...dirs]);
  return { ...t, report: JSON.parse(t.stdout.trim().split('\n').pop()!) as LintCliReport };
}

function runAstGrep(ruleFile: string, dirs: readonly string[], threads: number): ProcessTiming & { matches: number } {
  const t = timed(astGrepBinary(REPO_ROOT), astGrepArgs(ruleFile, dirs, threads));
  return { ...t, matches: t.stdout.split('\n').filter((l) => l.trim()).length };
}

interface CorpusResult {
  name: string;
  dirs: string[];
  raw: RawParseFigures;
  engineFull: EngineFigures;
  cli1: CliRun;
  cliN: CliRun;
  astGrep1?: ProcessTiming & { matches: number };
  astGrepN?: ProcessTiming & { matches: number };
}

function corpusDirs(name: string, options: Options): string[] {
  if (name === 'mingw') return [MINGW_INCLUDE];
  if (name === 'generated') {
    const root = generatedCorpusDir(options.seed, options.mb);
    generateCorpus({ root, seed: options.seed, targetBytes: options.mb * 1e6 });
    return [root];
  }
  if (name === 'mixed') return generateMixedCorpus(options.seed).dirs;
  throw new Error(`unknown corpus ${name}`);
}

const mbOf = (chars: number) => chars / 1e6;
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

function table(results: CorpusResult[], options: Options): string {
  const rows: string[][] = [
    [
      'corpus',
      'files',
      'MB',
      'raw parse MB/s (CPU)',
      'engine MB/s (CPU)',
      'engine overhead (CPU)',
      'fast path: files parsed',
      `CLI 1 thread MB/s (wall s)`,
      `CLI ${options.threads} workers MB/s (wall s)`,
      'ast-grep -j 1 wall s',
      `ast-grep -j ${options.threads} wall s`,
      `CLI/ast-grep wall, ${options.threads} cores`,
      `CLI/ast-grep CPU, ${options.threads} cores`,
    ],
  ];
  for (const r of results) {
    const mb = mbOf(r.raw.chars);
    const overhead = r.engineFull.cpuSeconds / r.raw.cpuSeconds - 1;
    rows.push([
      r.name,
      String(r.raw.files),
      f1(mb),
      f1(mb / r.raw.cpuSeconds),
      f1(mbOf(r.engineFull.charsLinted) / r.engineFull.cpuSeconds),
      `${(100 * overhead).toFixed(0)}%`,
      `${r.cli1.report.stats.filesLinted} of ${r.cli1.report.stats.filesRead}`,
      `${f1(mb / r.cli1.wallS)} (${f1(r.cli1.wallS)})`,
      `${f1(mb / r.cliN.wallS)} (${f1(r.cliN.wallS)})`,
      r.astGrep1 ? f1(r.astGrep1.wallS) : '-',
      r.astGrepN ? f1(r.astGrepN.wallS) : '-',
      r.astGrepN ? f2(r.cliN.wallS / r.astGrepN.wallS) : '-',
      r.astGrepN ? f2(r.cliN.cpuS / r.astGrepN.cpuS) : '-',
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) => `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, c) => (c === 0 ? ':' : '') + '-'.repeat(w + 1) + (c === 0 ? '' : ':')).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const ruleFile = path.join(mkdtempSync(path.join(tmpdir(), 'bench-rule-')), 'installer-api-call.yml');
  writeFileSync(ruleFile, astGrepRuleYaml());
  const hasAstGrep = options.astGrep && existsSync(astGrepBinary(REPO_ROOT));
  const started = new Date();
  const load = loadavg();
  const results: CorpusResult[] = [];
  // Node + tsx start-up, paid by every CLI run below.
  const empty = mkdtempSync(path.join(tmpdir(), 'bench-empty-'));
  const startup = runCli([empty], 1);
  for (const name of options.corpora) {
    const dirs = corpusDirs(name, options);
    console.error(`[bench] ${name}: raw parse`);
    const raw = await measureRawParse(dirs);
    console.error(`[bench] ${name}: engine in process (full path: every file parsed)`);
    const engineFull = await measureEngine(dirs, false);
    console.error(`[bench] ${name}: CLI, 1 thread and ${options.threads} workers`);
    const cli1 = runCli(dirs, 1);
    const cliN = runCli(dirs, options.threads);
    const result: CorpusResult = { name, dirs, raw, engineFull, cli1, cliN };
    if (hasAstGrep) {
      console.error(`[bench] ${name}: ast-grep -j 1 and -j ${options.threads}`);
      result.astGrep1 = runAstGrep(ruleFile, dirs, 1);
      result.astGrepN = runAstGrep(ruleFile, dirs, options.threads);
    }
    results.push(result);
  }
  console.log(`coinstaller-lint benchmarks, ${started.toISOString()}`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average at start ${load.map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`CLI start-up (empty folder): ${f2(startup.wallS)} s wall, included in the CLI columns\n`);
  console.log(table(results, options));
  console.log('');
  for (const r of results) {
    const full = r.engineFull;
    console.log(
      `${r.name}: raw parse ${f1(r.raw.cpuSeconds)} CPU s (${f1(r.raw.seconds)} wall s); one bare walk of every node ${f2(r.raw.walkCpuSeconds)} CPU s (${(100 * r.raw.walkCpuSeconds / r.raw.cpuSeconds).toFixed(0)}% of the parse); engine ${f1(r.engineFull.cpuSeconds)} CPU s (${f1(r.engineFull.seconds)} wall s), phases in CPU s: read ${f2(full.phases.readS)} s, blank+parse ${f2(full.phases.parseS)} s, model ${f2(full.phases.modelS)} s, rules+rest ${f2(full.phases.restS)} s; ` +
        `findings ${full.findings} (CLI fast path ${r.cli1.report.findings}, ${r.cli1.report.stats.modulesSkipped} of ${r.cli1.report.stats.modules} modules skipped; ${r.cliN.report.findings} with workers); ` +
        `CPU s: CLI 1 thread ${f1(r.cli1.cpuS)}, CLI ${options.threads} workers ${f1(r.cliN.cpuS)}` +
        (r.astGrep1 && r.astGrepN ? `, ast-grep -j 1 ${f1(r.astGrep1.cpuS)}, -j ${options.threads} ${f1(r.astGrepN.cpuS)}; ast-grep matches ${r.astGrepN.matches}` : ''),
    );
  }
  if (options.json) writeFileSync(options.json, JSON.stringify({ started, load, startup, results }, null, 2));
}

await main();
