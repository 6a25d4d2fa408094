/**
 * Formatting results as the command line prints them (--format stylish, json or sarif): the
 * formatters of engine/formatters/ given what they need of the package (the built-in rules,
 * their documentation, the version).
 */
import { formatters, type FormatterName, type PathLintResult, readRuleDoc } from '../engine/index.js';
import { builtinRules } from '../rules/index.js';
import { packageVersion } from './version.js';

export interface FormatOptions {
  /** Paths are shown (and SARIF URIs written) relative to this folder. Default: process.cwd(). */
  cwd?: string;
  /** ANSI colours in the stylish output (default false). */
  color?: boolean;
}

/** The whole report for `results` in one of the formats (`stylish`, `json`, `sarif`). */
export function formatResults(results: readonly PathLintResult[], format: FormatterName, options: FormatOptions = {}): string {
  if (!Object.hasOwn(formatters, format)) throw new Error(`unknown format '${String(format)}' (known: ${Object.keys(formatters).join(', ')})`);
  return formatters[format](results, {
    cwd: options.cwd ?? process.cwd(),
    rules: builtinRules,
    color: options.color ?? false,
    toolVersion: packageVersion(),
    ruleDoc: readRuleDoc,
  });
}
