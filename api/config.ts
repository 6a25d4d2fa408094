/**
 * The configuration a lint runs with: coinstaller-lint.json found from each file's folder upward
 * (or the one file given), with rule overrides on top, over the built-in rules
 * (engine/config/load-config.ts). Every function of the library takes these options.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createConfigFor, type LintSetupOptions, type ResolvedConfig, type RuleEntry } from '../engine/index.js';
import { builtinRuleSet } from '../rules/index.js';

export interface ConfigOptions {
  /** Relative paths (files, patterns, the config file) are read from here. Default: process.cwd(). */
  cwd?: string;
  /** One config file for every file (as --config), instead of the lookup from each file's folder. */
  configFile?: string;
  /** Rule levels and options over the config's (as --rule), by rule id. */
  ruleOverrides?: Record<string, RuleEntry>;
}

/** The engine's setup options for these, with the built-in rules. */
export function setupOptions(options: ConfigOptions): LintSetupOptions & { cwd: string } {
  const cwd = resolve(options.cwd ?? process.cwd());
  return {
    cwd,
    configFile: options.configFile === undefined ? undefined : resolve(cwd, options.configFile),
    ruleOverrides: options.ruleOverrides,
    ruleSet: builtinRuleSet,
  };
}

/**
 * The configuration that applies to a file: rule levels and options, settings, ignores.
 * Throws ConfigError when that configuration is invalid.
 */
export function configFor(filePath: string, options: ConfigOptions = {}): ResolvedConfig {
  const setup = setupOptions(options);
  return createConfigFor(setup).configFor(resolve(setup.cwd, filePath));
}

/**
 * The workspace build files are read in (engine/build/): the current folder and the folders the
 * patterns name (a file's folder; a glob's part before its first wildcard), so that linting a
 * tree from elsewhere reads its projects, and nothing else.
 */
export function workspaceRoots(cwd: string, patterns: readonly string[]): string[] {
  return [...new Set([cwd, ...patterns.map((pattern) => patternFolder(cwd, pattern))])];
}

/**
 * The folders linted: each pattern's folder (a file's folder; a glob's part before its first
 * wildcard), the current folder when there is no pattern. --fix writes only inside them
 * (api/write-fixes.ts).
 */
export function lintedRoots(cwd: string, patterns: readonly string[]): string[] {
  if (patterns.length === 0) return [cwd];
  return [...new Set(patterns.map((pattern) => patternFolder(cwd, pattern)))];
}

function patternFolder(cwd: string, pattern: string): string {
  const literal = pattern.split(/[*?[{]/)[0];
  const path = resolve(cwd, literal === pattern ? pattern : dirname(literal + 'x'));
  return isDirectory(path) ? path : dirname(path);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
