/**
 * The command line: `coinstaller-lint [files|dirs|globs]`. Glue only: arguments, config, files,
 * the engine (engine/batch/lint-paths.ts), a formatter, the exit status.
 * Exit status: 0 no errors; 1 errors, or more warnings than --max-warnings; 2 usage, config or
 * internal error.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { builtinRuleSet, builtinRules } from '../rules/index.js';
import { applyRuleOverrides, autoThreads, cachedModuleLocator, ConfigError, ConfigResolver, CppParser, formatters, installerModelProvider, Linter, lintPaths, lintPathsParallel, PACKAGE_ROOT, type PathLintResult, readRuleDoc, type ResolvedConfig, writeSourceFile } from '../engine/index.js';
import { parseArgs, type CliOptions } from './args.js';
import { collectFiles } from './file-walker.js';
import { helpText } from './help-text.js';
import { ProgressLine } from './progress.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

const processIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
});

export async function run(argv: string[], io: CliIo = processIo()): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.stderr(`coinstaller-lint: ${parsed.error}\nRun 'coinstaller-lint --help' for usage.\n`);
    return 2;
  }
  const options = parsed.options;
  if (options.help) {
    io.stdout(helpText(builtinRules));
    return 0;
  }
  if (options.version) {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  try {
    return await lint(options, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`coinstaller-lint: invalid configuration: ${error.message}\n`);
      return 2;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(`coinstaller-lint: internal error: ${detail}\nPlease report this with the file that caused it.\n`);
    if (io.env.COINSTALLER_LINT_DEBUG) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return 2;
  }
}

async function lint(options: CliOptions, io: CliIo): Promise<number> {
  const resolver = new ConfigResolver(builtinRules, {
    cwd: io.cwd,
    configFile: options.config ? resolve(io.cwd, options.config) : undefined,
  });
  const configFor = memo((filePath: string): ResolvedConfig => {
    const base = resolver.configFor(filePath);
    return Object.keys(options.ruleOverrides).length > 0 ? applyRuleOverrides(base, options.ruleOverrides, builtinRules) : base;
  });

  if (options.printConfig) {
    io.stdout(`${JSON.stringify(configFor(resolve(io.cwd, options.printConfig)), null, 2)}\n`);
    return 0;
  }

  const walk = collectFiles(options.patterns, { cwd: io.cwd, isIgnored: (p) => resolver.isIgnored(p) });
  for (const problem of walk.problems) io.stderr(`coinstaller-lint: ${problem.path}: ${problem.message}\n`);
  if (walk.files.length === 0 && walk.problems.length > 0) return 2;

  const progress = new ProgressLine(io.stderrIsTTY, io.stderr);
  const threads = options.threads === 'auto' ? autoThreads(walk.files.length) : options.threads;
  const onProgress = (done: number, total: number, file: string) => progress.update(done, total, file);
  const ruleError = (ruleId: string, filePath: string, error: unknown) =>
    io.stderr(`coinstaller-lint: rule ${ruleId} failed on ${filePath}: ${error instanceof Error ? error.message : String(error)}\n`);
  let results: PathLintResult[];
  if (threads > 1) {
    try {
      results = await lintPathsParallel(walk.files, {
        cwd: io.cwd,
        configFile: options.config ? resolve(io.cwd, options.config) : undefined,
        ruleOverrides: options.ruleOverrides,
        ruleSet: builtinRuleSet,
        threads,
        locateModule: cachedModuleLocator(),
        fix: options.fix || options.fixDryRun,
        onProgress,
        onRuleError: ruleError,
      });
    } finally {
      progress.clear();
    }
  } else {
    const parser = await CppParser.create();
    const linter = new Linter({ rules: builtinRules, parser, serviceProviders: [installerModelProvider], onRuleError: ruleError });
    try {
      results = lintPaths(walk.files, {
        linter,
        configFor,
        locateModule: cachedModuleLocator(),
        fix: options.fix || options.fixDryRun,
        onProgress,
      });
    } finally {
      progress.clear();
      linter.dispose();
      parser.delete();
    }
  }

  if (options.fix) {
    for (const r of results) {
      if (r.output !== undefined && r.encoding) writeSourceFile(r.filePath, r.output, r.encoding);
    }
  }
  if (options.quiet) results = results.map(onlyErrors);

  const formatted = formatters[options.format](results, {
    cwd: io.cwd,
    rules: builtinRules,
    color: options.color ?? (io.stdoutIsTTY && !io.env.NO_COLOR && !options.outputFile),
    toolVersion: packageVersion(),
    ruleDoc: readRuleDoc,
  });
  if (options.outputFile) {
    const target = resolve(io.cwd, options.outputFile);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, formatted);
  } else if (formatted.length > 0) {
    io.stdout(formatted.endsWith('\n') ? formatted : `${formatted}\n`);
  }

  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    io.stderr(`coinstaller-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

function onlyErrors(r: PathLintResult): PathLintResult {
  const messages = r.messages.filter((m) => m.severity === 2);
  return { ...r, messages, warningCount: 0, fixableWarningCount: 0 };
}

function memo<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = fn(key)));
    return v;
  };
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
