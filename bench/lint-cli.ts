/**
 * The CLI's work, as a process of its own, for wall-time comparisons: walk the folders, resolve
 * configs, lint (single-threaded or over worker threads), format JSON. It is cli/main.ts's lint()
 * with a --threads option (the change proposed for cli/main.ts), and prints one JSON line of
 * timings and counts on stdout instead of the findings (written to --out when given).
 *
 *   node --import tsx bench/lint-cli.ts [--threads N] [--no-prefilter] [--out FILE] dir...
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { builtinRuleSet, builtinRules } from '../rules/index.js';
import { cachedModuleLocator, collectFiles, createLintSetup, emptyStats, formatters, lintPaths, lintPathsParallel, type PathLintResult } from '../engine/index.js';

export interface LintCliReport {
  files: number;
  chars: number;
  findings: number;
  ms: number;
  /** CPU time of the process, all threads (user + system), ms. */
  cpuMs: number;
  stats: ReturnType<typeof emptyStats>;
}

async function main(argv: string[]): Promise<void> {
  const t0 = performance.now();
  let threads = 1;
  let prefilter = true;
  let out: string | undefined;
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--threads') threads = Number(argv[++i]);
    else if (argv[i] === '--no-prefilter') prefilter = false;
    else if (argv[i] === '--out') out = argv[++i];
    else dirs.push(argv[i]);
  }
  const cwd = process.cwd();
  const setup = await createLintSetup({ cwd, ruleSet: builtinRuleSet });
  const walk = collectFiles(dirs, { cwd, isIgnored: (p) => setup.isIgnored(p) });
  const stats = emptyStats();
  let results: PathLintResult[];
  if (threads > 1) {
    setup.dispose();
    results = await lintPathsParallel(walk.files, { cwd, ruleSet: builtinRuleSet, threads, locateModule: cachedModuleLocator(), prefilter, stats });
  } else {
    try {
      results = lintPaths(walk.files, { linter: setup.linter, configFor: setup.configFor, locateModule: cachedModuleLocator(), prefilter, stats });
    } finally {
      setup.dispose();
    }
  }
  const formatted = formatters.json(results, { cwd, rules: builtinRules, color: false, toolVersion: 'bench', ruleDoc: () => undefined });
  if (out) writeFileSync(out, formatted);
  const report: LintCliReport = {
    files: results.length,
    chars: results.reduce((n, r) => n + (r.source?.length ?? 0), 0),
    findings: results.reduce((n, r) => n + r.messages.length, 0),
    ms: performance.now() - t0,
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    stats,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

await main(process.argv.slice(2));
