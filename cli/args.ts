/**
 * Command-line arguments, parsed by hand (no dependency): ESLint's option names where they exist,
 * `--opt value` and `--opt=value` both accepted, `--` ends the options. Errors are returned, not
 * thrown, so the CLI can print them with exit status 2.
 */
import { FORMATTER_NAMES, type FormatterName, type RuleEntry } from '../engine/index.js';

export type RuleLevel = 'off' | 'warn' | 'error';

export interface CliOptions {
  patterns: string[];
  format: FormatterName;
  fix: boolean;
  fixDryRun: boolean;
  /** -1: no limit. */
  maxWarnings: number;
  /** `--rule id:level`, or `--rule 'id:[level, options]'` (validated by the config loader). */
  ruleOverrides: Record<string, RuleEntry>;
  quiet: boolean;
  outputFile?: string;
  /** undefined: color when stdout is a terminal. */
  color?: boolean;
  printConfig?: string;
  /** `--print-module FILE`: print the module the file is linted in, then exit. */
  printModule?: string;
  config?: string;
  /** `--cache`: keep results across runs (api/lint-files.ts cache). */
  cache: boolean;
  /** `--cache-location FILE|FOLDER/` (ESLint's semantics: a folder gets a file named from a hash of cwd). */
  cacheLocation?: string;
  /** Worker threads for linting modules: a count, or 'auto' (one per core when there is enough work). */
  threads: number | 'auto';
  version: boolean;
  help: boolean;
}

export type ParseResult = { ok: true; options: CliOptions } | { ok: false; error: string };

const FORMATS: readonly string[] = FORMATTER_NAMES;
const LEVELS: Record<string, RuleLevel> = { off: 'off', '0': 'off', warn: 'warn', '1': 'warn', error: 'error', '2': 'error' };

/** Options that take a value, by every spelling. */
const VALUE_OPTIONS = new Set(['--format', '-f', '--max-warnings', '--rule', '--output-file', '-o', '--print-config', '--print-module', '--config', '-c', '--threads', '--cache-location', '--cache-strategy']);

export function parseArgs(argv: readonly string[]): ParseResult {
  const options: CliOptions = {
    patterns: [],
    format: 'stylish',
    fix: false,
    fixDryRun: false,
    cache: false,
    maxWarnings: -1,
    // No prototype: `--rule __proto__:warn` must reach the config loader as an unknown rule.
    ruleOverrides: Object.create(null) as Record<string, RuleEntry>,
    quiet: false,
    threads: 1,
    version: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      options.patterns.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      options.patterns.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (VALUE_OPTIONS.has(name)) {
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      else return { ok: false, error: `option ${name} needs a value` };
    } else if (eq > 0) {
      return { ok: false, error: `option ${name} takes no value` };
    }
    const error = applyOption(options, name, value);
    if (error) return { ok: false, error };
  }
  if (options.fix && options.fixDryRun) return { ok: false, error: '--fix and --fix-dry-run cannot be used together' };
  return { ok: true, options };
}

function applyOption(options: CliOptions, name: string, value: string | undefined): string | undefined {
  switch (name) {
    case '--format':
    case '-f':
      if (!FORMATS.includes(value ?? '')) return `unknown format "${value}" (expected one of: ${FORMATS.join(', ')})`;
      options.format = value as FormatterName;
      return undefined;
    case '--max-warnings': {
      if (!/^-?\d+$/.test(value ?? '')) return `--max-warnings expects an integer, got "${value}"`;
      options.maxWarnings = Number(value);
      return undefined;
    }
    case '--rule':
      return addRuleOverride(options, value ?? '');
    case '--output-file':
    case '-o':
      options.outputFile = value;
      return undefined;
    case '--print-config':
      options.printConfig = value;
      return undefined;
    case '--print-module':
      options.printModule = value;
      return undefined;
    case '--config':
    case '-c':
      options.config = value;
      return undefined;
    case '--threads':
      if (value === 'auto') options.threads = 'auto';
      else if (/^[1-9]\d*$/.test(value ?? '')) options.threads = Number(value);
      else return `--threads expects a positive integer or auto, got "${value}"`;
      return undefined;
    case '--cache':
      options.cache = true;
      return undefined;
    case '--cache-location':
      if (!value) return '--cache-location expects a file or a folder';
      options.cacheLocation = value;
      return undefined;
    case '--cache-strategy':
      // entries are keyed by content only: a modification time says nothing of a header's edit undone
      if (value !== 'content') return `--cache-strategy: only content is supported, got "${value}"`;
      return undefined;
    case '--fix':
      options.fix = true;
      return undefined;
    case '--fix-dry-run':
      options.fixDryRun = true;
      return undefined;
    case '--quiet':
      options.quiet = true;
      return undefined;
    case '--color':
      options.color = true;
      return undefined;
    case '--no-color':
      options.color = false;
      return undefined;
    case '--version':
    case '-v':
      options.version = true;
      return undefined;
    case '--help':
    case '-h':
      options.help = true;
      return undefined;
    default:
      return `unknown option ${name}`;
  }
}

/**
 * `--rule id:level`, several separated by commas (`--rule a:off,b:warn`), or one rule with options
 * as JSON: `--rule 'id:["warn", {"option": true}]'`.
 */
function addRuleOverride(options: CliOptions, value: string): string | undefined {
  const withOptions = /^\s*([\w-]+)\s*:\s*(\[[\s\S]*\])\s*$/.exec(value);
  if (withOptions) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(withOptions[2]);
    } catch {
      return `--rule ${withOptions[1]}: the options are not valid JSON: ${withOptions[2]}`;
    }
    options.ruleOverrides[withOptions[1]] = parsed as RuleEntry;
    return undefined;
  }
  for (const item of value.split(',')) {
    const match = /^\s*([\w-]+)\s*:\s*(\w+)\s*$/.exec(item);
    if (!match) return `--rule expects id:level (for example no-dll-load:off), got "${item}"`;
    const level = Object.hasOwn(LEVELS, match[2]) ? LEVELS[match[2]] : undefined;
    if (!level) return `--rule ${match[1]}: level must be off, warn or error, got "${match[2]}"`;
    options.ruleOverrides[match[1]] = level;
  }
  return undefined;
}
