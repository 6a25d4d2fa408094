/**
 * The command line: `coinstaller-lint [files|dirs|globs]`. Glue only: arguments, the library's
 * lintFiles and formatResults (api/index.ts), output, the exit status.
 * Exit status: 0 no errors; 1 errors, or more warnings than --max-warnings; 2 usage, config or
 * internal error.
 */
import { ConfigError, configFor, formatResults, lintFiles, type LintResult, NoFilesError, packageVersion, writeFixes } from '../api/index.js';
import { printModule } from './print-module.js';
import { builtinRules } from '../rules/index.js';
import { parseArgs, type CliOptions } from './args.js';
import { helpText } from './help-text.js';
import { checkOutputFile, writeOutputFile } from './output-file.js';
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
  const config = { cwd: io.cwd, configFile: options.config || undefined, ruleOverrides: options.ruleOverrides };
  if (options.printConfig) {
    io.stdout(`${JSON.stringify(configFor(options.printConfig, config), null, 2)}\n`);
    return 0;
  }
  if (options.printModule) return printModule(options.printModule, options.format, config, io);

  if (options.outputFile) {
    // before any lint work: a report that cannot be written must not cost a lint, nor replace a source
    const check = checkOutputFile(options.outputFile, io.cwd, options.config || undefined);
    if (!check.ok) {
      io.stderr(`coinstaller-lint: ${check.message}\n`);
      return 2;
    }
  }
  const progress = new ProgressLine(io.stderrIsTTY, io.stderr);
  let results: LintResult[];
  try {
    results = await lintFiles(options.patterns, {
      ...config,
      threads: options.threads,
      fix: options.fix || options.fixDryRun,
      cache: options.cache ? (options.cacheLocation ?? true) : false,
      // an unusable cache file is ignored (rewritten), as ESLint does; said only when debugging
      onCacheProblem: (message) => {
        if (io.env.COINSTALLER_LINT_DEBUG) io.stderr(`coinstaller-lint: ${message}\n`);
      },
      onProblem: (problem) => io.stderr(`coinstaller-lint: ${problem.path}: ${problem.message}\n`),
      onProgress: (done, total, file) => progress.update(done, total, file),
      onRuleError: (ruleId, filePath, error) =>
        io.stderr(`coinstaller-lint: rule ${ruleId} failed on ${filePath}: ${error instanceof Error ? error.message : String(error)}\n`),
    });
  } catch (error) {
    // the walk's problems were printed above
    if (error instanceof NoFilesError) return 2;
    throw error;
  } finally {
    progress.clear();
  }

  // a file not written (changed since it was read, unwritable, outside the linted folders) gets a message saying why
  if (options.fix) results = writeFixes(results);
  if (options.quiet) results = results.map(onlyErrors);

  const formatted = formatResults(results, options.format, {
    cwd: io.cwd,
    color: options.color ?? (io.stdoutIsTTY && !io.env.NO_COLOR && !options.outputFile),
  });
  if (options.outputFile) {
    const failed = writeOutputFile(options.outputFile, io.cwd, formatted, options.config || undefined);
    if (failed !== undefined) {
      io.stderr(`coinstaller-lint: ${failed}\n`);
      return 2;
    }
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

function onlyErrors(r: LintResult): LintResult {
  const messages = r.messages.filter((m) => m.severity === 2);
  return { ...r, messages, warningCount: 0, fixableWarningCount: 0 };
}
